import "server-only";
import { z } from "zod";
import { tickets, ticketChannels, ticketPriorities, ticketStatuses } from "@/db/schema";
import type { CustomFieldValue } from "@/lib/custom-field-vocabulary";

/**
 * A ticket as other systems see it, through the REST API and in webhook
 * payloads alike: snake_case, ids for related records, ISO 8601 times.
 * One shape, so an integration reads the same thing from either door.
 */
const timestamp = z.iso.datetime({ offset: true });

/** A person copied on a ticket: they get its public replies in Cc and may answer them. */
/** A custom field's value, by its type: text, textarea, date (YYYY-MM-DD) and dropdown a string, number a number, checkbox a boolean, multiselect a list of option values. */
export const customFieldValueResource = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]).meta({ id: "CustomFieldValue" });

export const ticketCcResource = z.object({ id: z.uuid(), email: z.string(), name: z.string() }).meta({ id: "TicketCc" });

export const ticketResource = z
  .object({
    id: z.uuid(),
    number: z.number().int().meta({ description: "The human ticket number (#1042)." }),
    subject: z.string(),
    status: z.enum(ticketStatuses),
    priority: z.enum(ticketPriorities),
    channel: z.enum(ticketChannels),
    category_id: z.uuid().nullable(),
    team_id: z.uuid().nullable(),
    assignee_id: z.uuid().nullable(),
    requester_id: z.uuid(),
    organization_id: z.uuid().nullable(),
    tags: z.array(z.string()),
    custom_fields: z
      .record(z.string(), customFieldValueResource)
      .meta({ description: "The ticket's custom field values by field key (see GET /custom-fields); fields without a value are left out, and a customer's token never sees an agent-only field." }),
    cc: z.array(ticketCcResource).meta({ description: "The people copied on the ticket: public replies go To the requester and Cc them." }),
    version: z.number().int().meta({ description: "Send it back with PATCH: a stale version is refused with 409." }),
    created_at: timestamp,
    updated_at: timestamp,
    first_response_at: timestamp.nullable(),
    solved_at: timestamp.nullable(),
    closed_at: timestamp.nullable(),
    merged_into_id: z.uuid().nullable().meta({ description: "Set when this ticket was merged into another." }),
    sla_due_at: timestamp.nullable().meta({ description: "The nearest due time among the ticket's running SLA clocks." }),
  })
  .meta({ id: "Ticket" });

export type TicketResource = z.infer<typeof ticketResource>;

/** The columns a ticket resource is built from, for any select on `tickets`. */
export const ticketResourceColumns = {
  id: tickets.id,
  number: tickets.number,
  subject: tickets.subject,
  status: tickets.status,
  priority: tickets.priority,
  channel: tickets.channel,
  categoryId: tickets.categoryId,
  teamId: tickets.teamId,
  assigneeId: tickets.assigneeId,
  requesterId: tickets.requesterId,
  organizationId: tickets.organizationId,
  tags: tickets.tags,
  customValues: tickets.customValues,
  version: tickets.version,
  createdAt: tickets.createdAt,
  updatedAt: tickets.updatedAt,
  firstResponseAt: tickets.firstResponseAt,
  solvedAt: tickets.solvedAt,
  closedAt: tickets.closedAt,
  mergedIntoId: tickets.mergedIntoId,
  slaDueAt: tickets.slaDueAt,
};

type TicketRow = { [K in keyof typeof ticketResourceColumns]: (typeof ticketResourceColumns)[K]["_"]["data"] | ((typeof ticketResourceColumns)[K]["_"]["notNull"] extends true ? never : null) };

const iso = (date: Date) => date.toISOString();
const isoOrNull = (date: Date | null) => (date ? date.toISOString() : null);

/**
 * `cc`: the ticket's CCs (server/tickets/ticket-people.ts), read beside the
 * row; `customFields`: the row's custom values by key, as the reader may see
 * them (server/custom-fields/ticket-custom-values.ts customValuesByKey).
 */
export function toTicketResource(row: TicketRow, cc: TicketResource["cc"], customFields: Record<string, CustomFieldValue>): TicketResource {
  return {
    id: row.id,
    number: row.number,
    subject: row.subject,
    status: row.status,
    priority: row.priority,
    channel: row.channel,
    category_id: row.categoryId,
    team_id: row.teamId,
    assignee_id: row.assigneeId,
    requester_id: row.requesterId,
    organization_id: row.organizationId,
    tags: row.tags,
    custom_fields: customFields,
    cc: cc.map(({ id, email, name }) => ({ id, email, name })),
    version: row.version,
    created_at: iso(row.createdAt),
    updated_at: iso(row.updatedAt),
    first_response_at: isoOrNull(row.firstResponseAt),
    solved_at: isoOrNull(row.solvedAt),
    closed_at: isoOrNull(row.closedAt),
    merged_into_id: row.mergedIntoId,
    sla_due_at: isoOrNull(row.slaDueAt),
  };
}
