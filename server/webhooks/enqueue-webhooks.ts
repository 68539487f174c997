import "server-only";
import { and, arrayOverlaps, eq, sql } from "drizzle-orm";
import { webhookEndpoints } from "@/db/schema";
import type { DbOrTx } from "@/db/types";
import type { WebhookEventType } from "@/lib/vocabularies";
import { newWebhookMessageId } from "./delivery-log";
import type { WebhookEvent } from "./webhook-events";

/**
 * The webhook outbox's writer: an event becomes one delivery row per enabled
 * endpoint that subscribes to it, in the transaction of the change, so it is
 * sent if and only if the change commits.
 */

/** Which endpoints may hear an event: all subscribers, or only those that opted in to internal notes. */
export type WebhookAudience = "subscribers" | "note-readers";

export interface WebhookSubscriptions {
  wants(type: WebhookEventType, audience: WebhookAudience): boolean;
}

/**
 * Which of these event types anyone listens to, in one small query over the
 * endpoints. It runs on every ticket change, so that building a payload is
 * skipped when nobody would receive it; it is read from the database each
 * time (no cache), so an endpoint added by another process is never missed.
 */
export async function webhookSubscriptions(tx: DbOrTx, types: WebhookEventType[]): Promise<WebhookSubscriptions> {
  const endpoints = types.length
    ? await tx
        .select({ events: webhookEndpoints.events, includeInternalNotes: webhookEndpoints.includeInternalNotes })
        .from(webhookEndpoints)
        .where(and(eq(webhookEndpoints.enabled, true), arrayOverlaps(webhookEndpoints.events, types)))
    : [];
  return {
    wants: (type, audience) => endpoints.some((e) => e.events.includes(type) && (audience === "subscribers" || e.includeInternalNotes)),
  };
}

/**
 * Writes an event for every enabled endpoint of its audience, in one
 * INSERT … SELECT, under one `webhook-id` (the same for every endpoint). Rows are stamped with the clock
 * (not the transaction's start), so the events of one transaction are
 * delivered in the order they happened.
 */
export async function enqueueWebhookEvent(tx: DbOrTx, event: WebhookEvent, options: { ticketId: string | null; audience: WebhookAudience }): Promise<void> {
  const notesOnly = options.audience === "note-readers" ? sql`and e.include_internal_notes` : sql``;
  await tx.execute(sql`
    insert into webhook_deliveries (message_id, endpoint_id, event_type, payload, ticket_id, next_attempt_at, created_at)
    select ${newWebhookMessageId()}, e.id, ${event.type}, ${JSON.stringify(event)}::jsonb, ${options.ticketId}, clock_timestamp(), clock_timestamp()
    from webhook_endpoints e
    where e.enabled and ${event.type} = any(e.events) ${notesOnly}
  `);
}
