import "server-only";
import type { MessageKind, SatisfactionScore } from "@/db/schema";
import type { DbOrTx } from "@/db/types";
import type { WebhookEventType } from "@/lib/vocabularies";
import type { TicketResource } from "@/server/api/resources/ticket";
import { notifyLive, type LiveSignal } from "@/server/live/live-signal";
import { customerReader, mayReadMessage } from "@/server/tickets/ticket-scope";
import type { TicketChange } from "@/server/tickets/ticket-events";
import type { SessionUser } from "@/server/users/session-user";
import { enqueueWebhookEvent, webhookSubscriptions, type WebhookAudience } from "@/server/webhooks/enqueue-webhooks";
import {
  messageSnapshot,
  ticketSnapshot,
  type TicketFieldChange,
  type WebhookEvent,
  type WebhookEventData,
  type WrittenMessage,
} from "@/server/webhooks/webhook-events";

/**
 * THE point every change to a ticket passes, inside the transaction that made
 * it: the event log's writer (recordEvents) hands over every property change,
 * and the writers of tickets, messages and ratings hand over what they wrote.
 * From here the change fans out to whoever listens: today the webhook outbox
 * (one delivery row per subscribed endpoint, committed or rolled back with
 * the change) and the live signal for open pages (a NOTIFY, heard only if
 * the transaction commits; server/live/live-signal.ts).
 *
 * Webhook events are derived, not recorded twice: ticket.updated is the
 * property changes of one writer (one actor), ticket.solved a status change to
 * solved, ticket.merged a merged_into change. System messages restate what
 * the ticket events already say, so they are not sent; the messages a merge
 * copies are covered by ticket.merged.
 */
export type TicketActivity =
  /** A ticket and its first message were written (portal, email, API, follow-up). */
  | { type: "ticket_created"; ticketId: string; message: WrittenMessage; followUpOfId?: string | null; at: Date }
  /** Changes recorded in the event log (recordEvents). */
  | { type: "ticket_changed"; ticketId: string; actorId: string | null; changes: TicketChange[]; at: Date }
  /** A reply or a note was added to the thread. */
  | { type: "message_added"; ticketId: string; message: WrittenMessage }
  /** The requester rated the ticket, or changed the rating's comment. */
  | { type: "ticket_rated"; ticketId: string; rating: { score: SatisfactionScore; comment: string | null; ratedAt: Date }; at: Date };

interface PlannedEvent<T extends WebhookEventType = WebhookEventType> {
  type: T;
  audience: WebhookAudience;
  at: Date;
  data: () => Promise<WebhookEventData[T]>;
}

export async function publishTicketActivity(tx: DbOrTx, activity: TicketActivity): Promise<void> {
  await notifyLive(tx, activity.ticketId, liveSignalOf(activity));
  const planned = plannedEvents(tx, activity);
  if (planned.length === 0) return;
  const subscriptions = await webhookSubscriptions(tx, [...new Set(planned.map((event) => event.type))]);
  for (const event of planned) {
    if (!subscriptions.wants(event.type, event.audience)) continue;
    const body: WebhookEvent = { type: event.type, timestamp: event.at.toISOString(), data: await event.data() };
    await enqueueWebhookEvent(tx, body, { ticketId: activity.ticketId, audience: event.audience });
  }
}

/** What live pages hear: a message by its kind and author (for the privacy rule), anything else as a ticket change. */
function liveSignalOf(activity: TicketActivity): LiveSignal {
  if (activity.type !== "message_added") return { event: "ticket" };
  return { event: "message", kind: activity.message.kind, authorId: activity.message.authorId };
}

/** An endpoint that opted in to internal notes reads the thread as staff do. */
const noteReader = { role: "agent" } as const satisfies Pick<SessionUser, "role">;

/** Which endpoints may hear about a message: by the thread's privacy rule, as a customer or as staff; never a system message. */
function messageAudience(kind: MessageKind): WebhookAudience | null {
  if (kind === "system") return null;
  if (mayReadMessage(customerReader, kind)) return "subscribers";
  return mayReadMessage(noteReader, kind) ? "note-readers" : null;
}

/** Reads a value once, on first use, and only if some event is sent. */
function once<T>(read: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= read());
}

function plannedEvents(tx: DbOrTx, activity: TicketActivity): PlannedEvent[] {
  const ticket = once(() => ticketSnapshot(tx, activity.ticketId));
  const event = <T extends WebhookEventType>(type: T, audience: WebhookAudience, at: Date, data: () => Promise<WebhookEventData[T]>): PlannedEvent<T> => ({
    type,
    audience,
    at,
    data,
  });

  switch (activity.type) {
    case "ticket_created": {
      const { message } = activity;
      // The first message is public; were it not, the event would carry the ticket without it.
      const visible = mayReadMessage(customerReader, message.kind);
      return [
        event("ticket.created", "subscribers", activity.at, async () => {
          const snapshot = await ticket();
          return { ticket: snapshot, message: visible ? await messageSnapshot(tx, snapshot.number, message) : null, follow_up_of_id: activity.followUpOfId ?? null };
        }),
      ];
    }
    case "ticket_changed": {
      const { actorId, changes, at } = activity;
      const fields = changedFields(changes);
      const events: PlannedEvent[] = [];
      if (Object.keys(fields).length > 0) events.push(event("ticket.updated", "subscribers", at, async () => ({ ticket: await ticket(), changes: fields, actor_id: actorId })));
      if (changes.some((c) => c.field === "status" && c.to === "solved")) {
        events.push(event("ticket.solved", "subscribers", at, async () => ({ ticket: await ticket(), actor_id: actorId })));
      }
      if (changes.some((c) => c.field === "merged_into")) {
        events.push(
          event("ticket.merged", "subscribers", at, async () => {
            const source = await ticket();
            if (!source.merged_into_id) throw new Error(`Ticket ${source.id} was merged but names no target`);
            return { source, target: await ticketSnapshot(tx, source.merged_into_id), actor_id: actorId };
          }),
        );
      }
      return events;
    }
    case "message_added": {
      const { message } = activity;
      const audience = messageAudience(message.kind);
      if (!audience) return [];
      return [event("message.created", audience, message.createdAt, async () => ({ ticket_id: activity.ticketId, message: await messageSnapshot(tx, (await ticket()).number, message) }))];
    }
    case "ticket_rated": {
      const { rating } = activity;
      return [
        event("satisfaction.rated", "subscribers", activity.at, async () => ({
          ticket: await ticket(),
          rating: { score: rating.score, comment: rating.comment, rated_at: rating.ratedAt.toISOString() },
        })),
      ];
    }
  }
}

/** Event-log field → ticket resource field, for the properties ticket.updated reports. */
const resourceFields: Record<string, keyof TicketResource> = {
  status: "status",
  priority: "priority",
  channel: "channel",
  category: "category_id",
  team: "team_id",
  assignee: "assignee_id",
  organization: "organization_id",
  tags: "tags",
  cc: "cc",
  first_response: "first_response_at",
};

/**
 * The event log keeps tags, and the CCs' addresses, as "a, b" (neither ever
 * contains a comma or a space); the change lists them (a CC change by address).
 */
function resourceValue(field: keyof TicketResource, value: string | null | undefined): TicketFieldChange["to"] {
  if (field === "tags" || field === "cc") return value ? value.split(", ") : [];
  return value ?? null;
}

/**
 * The property changes among one writer's events, by resource field. A field
 * changed twice (two actions of one rule) reports where it started and where
 * it ended; one that came back to where it was is not a change.
 */
export function changedFields(changes: TicketChange[]): Record<string, TicketFieldChange> {
  const fields: Record<string, TicketFieldChange> = {};
  for (const change of changes) {
    const field = resourceFields[change.field];
    // A custom field's change (cf:<key>) is reported as custom_fields.<key>, its values as the timeline writes them; the ticket carries the values themselves.
    const name = field ?? (change.field.startsWith("cf:") ? `custom_fields.${change.field.slice(3)}` : null);
    if (!name) continue;
    const value = (text: string | null | undefined) => (field ? resourceValue(field, text) : (text ?? null));
    const earlier = fields[name];
    fields[name] = { from: earlier ? earlier.from : value(change.from), to: value(change.to) };
  }
  for (const [field, { from, to }] of Object.entries(fields)) {
    if (JSON.stringify(from) === JSON.stringify(to)) delete fields[field];
  }
  return fields;
}
