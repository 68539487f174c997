import { pgEnum } from "drizzle-orm/pg-core";
import { ccPolicies, messageKinds, organizationDomainJoins, ticketChannels, ticketPriorities, ticketStatuses, userRoles } from "../../lib/vocabularies";

export * from "../../lib/vocabularies";

export const userRole = pgEnum("user_role", userRoles);
export const ticketStatus = pgEnum("ticket_status", ticketStatuses);
export const ticketPriority = pgEnum("ticket_priority", ticketPriorities);
export const ticketChannel = pgEnum("ticket_channel", ticketChannels);
export const messageKind = pgEnum("message_kind", messageKinds);
export const organizationDomainJoin = pgEnum("organization_domain_join", organizationDomainJoins);
export const ccPolicy = pgEnum("cc_policy", ccPolicies);
