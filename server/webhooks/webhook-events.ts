import "server-only";
import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import { attachments, satisfactionScores, tickets, users, type MessageKind } from "@/db/schema";
import type { DbOrTx } from "@/db/types";
import { messageResource, toMessageResource, type MessageResource } from "@/server/api/resources/message";
import { ticketResource, ticketResourceColumns, toTicketResource, type TicketResource } from "@/server/api/resources/ticket";
import type { WebhookEventType } from "@/lib/vocabularies";
import { listFieldDefinitions } from "@/server/custom-fields/field-definitions";
import { customValuesByKey } from "@/server/custom-fields/ticket-custom-values";
import { listTicketCcs } from "@/server/tickets/ticket-people";

/**
 * What each webhook event carries, as zod schemas (so the OpenAPI document
 * can list them), built from the same ticket and message resources the REST
 * API answers with: an integration reads one shape from either door.
 */
const timestamp = z.iso.datetime({ offset: true });

const fieldValue = z.union([z.string(), z.array(z.string())]).nullable();
/** One changed field of ticket.updated, named and valued as in the ticket resource (tags as a list). */
export const ticketFieldChange = z.object({ from: fieldValue, to: fieldValue });
export type TicketFieldChange = z.infer<typeof ticketFieldChange>;

const actorId = z.uuid().nullable().meta({ description: "Who made the change; null when Frontdesk did (automation rules, automatic assignment, auto-close)." });

export const webhookEventData = {
  "ticket.created": z.object({
    ticket: ticketResource,
    message: messageResource.nullable().meta({ description: "The first message." }),
    follow_up_of_id: z.uuid().nullable().meta({ description: "The closed ticket a reply to which opened this one." }),
  }),
  "ticket.updated": z.object({
    ticket: ticketResource,
    changes: z.record(z.string(), ticketFieldChange).meta({ description: 'The fields that changed, by resource field name: { "status": { "from": "open", "to": "pending" } }; a custom field as custom_fields.<key>, its values as text (a multi-select as "a, b"; the ticket has the values themselves).' }),
    actor_id: actorId,
  }),
  "ticket.solved": z.object({ ticket: ticketResource, actor_id: actorId }),
  "ticket.merged": z.object({ source: ticketResource, target: ticketResource, actor_id: actorId }),
  "message.created": z.object({ ticket_id: z.uuid(), message: messageResource }),
  "satisfaction.rated": z.object({
    ticket: ticketResource,
    rating: z.object({ score: z.enum(satisfactionScores), comment: z.string().nullable(), rated_at: timestamp }),
  }),
} satisfies Record<WebhookEventType, z.ZodType>;

export type WebhookEventData = { [T in WebhookEventType]: z.infer<(typeof webhookEventData)[T]> };

/** The body of every delivery (Standard Webhooks): what happened, when, and its data. */
export interface WebhookEvent<T extends WebhookEventType = WebhookEventType> {
  type: T;
  timestamp: string;
  data: WebhookEventData[T];
}

/** Endpoints are the workspace's own integrations, registered by admins: they read custom fields as staff do. */
const integrationReader = { role: "agent" } as const;

/** The ticket as it is now in this transaction, in the resource shape. */
export async function ticketSnapshot(tx: DbOrTx, ticketId: string): Promise<TicketResource> {
  const [row] = await tx.select(ticketResourceColumns).from(tickets).where(eq(tickets.id, ticketId));
  if (!row) throw new Error(`Ticket ${ticketId} vanished inside its own transaction`);
  const customFields = customValuesByKey(await listFieldDefinitions(tx, "ticket"), row.customValues, integrationReader);
  return toTicketResource(row, await listTicketCcs(tx, ticketId), customFields);
}

/** A message its writer has in hand (never read back from the thread). */
export interface WrittenMessage {
  id: string;
  authorId: string | null;
  kind: MessageKind;
  body: string;
  createdAt: Date;
}

/** A message just written, in the resource shape: its author and attachments are looked up, its text is what the writer wrote. */
export async function messageSnapshot(tx: DbOrTx, ticketNumber: number, message: WrittenMessage): Promise<MessageResource> {
  const [author] = message.authorId
    ? await tx.select({ name: users.name, role: users.role }).from(users).where(eq(users.id, message.authorId))
    : [];
  const files = await tx
    .select({ id: attachments.id, fileName: attachments.fileName, contentType: attachments.contentType, size: attachments.size })
    .from(attachments)
    .where(eq(attachments.messageId, message.id))
    .orderBy(asc(attachments.createdAt), asc(attachments.id));
  return toMessageResource(ticketNumber, {
    ...message,
    authorName: author?.name ?? null,
    authorRole: author?.role ?? null,
    attachments: files,
  });
}
