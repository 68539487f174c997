import "server-only";
import { z } from "zod";
import { organizationDomainJoins } from "@/db/schema";
import { customValuesInput } from "./custom-fields.schema";

/** Inputs of the organizations admin router. Messages are written for the page that shows them. */

const recordId = z.uuid("Reload the page and try again.");

export const setDomainJoinInput = z.object({
  organizationId: recordId,
  domainJoin: z.enum(organizationDomainJoins, "Choose how people at this domain join."),
});

export const organizationFieldsInput = z.object({ organizationId: recordId });
/** An organization's custom field values by key (null clears one), checked by the one validation of custom values. */
export const setOrganizationFieldsInput = z.object({ organizationId: recordId, customFields: customValuesInput });

export const pendingMemberInput = z.object({
  organizationId: recordId,
  userId: recordId,
  decision: z.enum(["approve", "decline"], "Choose approve or decline."),
});

// An email domain as people type it after the @: labels of letters, digits and inner hyphens.
const domainPattern = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/** An organization's own fields (the REST API adds and edits organizations with these). */
export const organizationFields = {
  name: z.string().trim().min(1, "Name the organization.").max(120, "Keep the name under 120 characters."),
  domain: z.string().trim().toLowerCase().regex(domainPattern, "Enter a domain like example.com, without @ or https://.").nullable(),
  sharesTickets: z.boolean(),
  domainJoin: setDomainJoinInput.shape.domainJoin,
};
