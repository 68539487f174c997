import "server-only";
import { z } from "zod";
import { organizationDomainJoins, userRoles } from "@/db/schema";
import type { CustomFieldValue } from "@/lib/custom-field-vocabulary";
import { customFieldValueResource } from "./ticket";

/**
 * People and organizations as other systems see them: snake_case, ids for
 * related records, ISO 8601 times. Never a password hash, never a session.
 * `custom_fields` are the record's custom values by key, as the reader may
 * see them (server/users/record-custom-values.ts customValuesByKeyOf),
 * read beside the row.
 */
const timestamp = z.iso.datetime({ offset: true });

const customFields = (target: string) =>
  z.record(z.string(), customFieldValueResource).meta({
    description: `The ${target}'s custom field values by field key (see GET /custom-fields?target=${target}); fields without a value are left out, and a customer's token never sees an agent-only field.`,
  });

export const userResource = z
  .object({
    id: z.uuid(),
    name: z.string(),
    email: z.string(),
    role: z.enum(userRoles),
    organization_id: z.uuid().nullable().meta({ description: "The organization they belong to (with its shared tickets, where it shares them)." }),
    pending_organization_id: z.uuid().nullable().meta({ description: "The organization their email domain matches, waiting for the address to be proven or an admin to approve; gives no access." }),
    email_verified: z.boolean().meta({ description: "Whether they proved the address by an emailed link." }),
    disabled: z.boolean().meta({ description: "A disabled person cannot sign in, and their API tokens stop working." }),
    custom_fields: customFields("user"),
    created_at: timestamp,
  })
  .meta({ id: "User" });

export type UserResource = z.infer<typeof userResource>;

export function toUserResource(
  user: {
    id: string;
    name: string;
    email: string;
    role: UserResource["role"];
    organizationId: string | null;
    pendingOrganizationId: string | null;
    emailVerified: Date | null;
    disabledAt: Date | null;
    createdAt: Date;
  },
  customFields: Record<string, CustomFieldValue>,
): UserResource {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    organization_id: user.organizationId,
    pending_organization_id: user.pendingOrganizationId,
    email_verified: user.emailVerified !== null,
    disabled: user.disabledAt !== null,
    custom_fields: customFields,
    created_at: user.createdAt.toISOString(),
  };
}

export const organizationResource = z
  .object({
    id: z.uuid(),
    name: z.string(),
    domain: z.string().nullable().meta({ description: "The email domain (example.com) whose people may join, as domain_join says." }),
    domain_join: z.enum(organizationDomainJoins).meta({
      description: "How someone at the domain becomes a member: once they prove their address (verified_email), once an admin approves (admin_approval), or never by domain (off).",
    }),
    shares_tickets: z.boolean().meta({ description: "Whether every member can follow every ticket of the organization." }),
    member_count: z.number().int(),
    custom_fields: customFields("organization"),
    created_at: timestamp,
  })
  .meta({ id: "Organization" });

export type OrganizationResource = z.infer<typeof organizationResource>;

export function toOrganizationResource(
  organization: {
    id: string;
    name: string;
    domain: string | null;
    domainJoin: OrganizationResource["domain_join"];
    sharesTickets: boolean;
    memberCount: number;
    createdAt: Date;
  },
  customFields: Record<string, CustomFieldValue>,
): OrganizationResource {
  return {
    id: organization.id,
    name: organization.name,
    domain: organization.domain,
    domain_join: organization.domainJoin,
    shares_tickets: organization.sharesTickets,
    member_count: organization.memberCount,
    custom_fields: customFields,
    created_at: organization.createdAt.toISOString(),
  };
}
