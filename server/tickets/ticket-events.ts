import "server-only";
import { ticketEvents } from "@/db/schema";
import type { DbOrTx } from "@/db/types";
import { publishTicketActivity } from "@/server/events/ticket-activity";

export interface TicketChange {
  field: string;
  from?: string | null;
  to?: string | null;
  /** Why, when the system decided ("round-robin; 3 open"). */
  detail?: string;
}

/**
 * Appends history rows, and hands the changes to the ticket-activity fan-out
 * (webhooks); always called inside the transaction that made the change.
 */
export async function recordEvents(
  tx: DbOrTx,
  ticketId: string,
  actorId: string | null,
  changes: TicketChange[],
  at: Date = new Date(),
): Promise<void> {
  if (changes.length === 0) return;
  await tx.insert(ticketEvents).values(eventRows(ticketId, actorId, changes, at));
  await publishTicketActivity(tx, { type: "ticket_changed", ticketId, actorId, changes, at });
}

/** The rows recordEvents writes, for a caller that writes the changes of several actors in one insert. */
export function eventRows(ticketId: string, actorId: string | null, changes: TicketChange[], at: Date): (typeof ticketEvents.$inferInsert)[] {
  return changes.map((change) => ({
    ticketId,
    actorId,
    field: change.field,
    fromValue: change.from ?? null,
    toValue: change.to ?? null,
    detail: change.detail ?? null,
    createdAt: at,
  }));
}
