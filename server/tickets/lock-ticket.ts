import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { messages, ticketEvents, tickets, users } from "@/db/schema";
import type { Tx } from "@/db/types";
import { AppError } from "@/server/errors";
import type { SessionUser } from "@/server/users/session-user";
import { findVisibleTicket } from "./ticket-detail";
import { visibleMessagesWhere } from "./ticket-scope";

/**
 * Loads a ticket the actor may see and locks its row for the rest of the
 * transaction, so two writers of one ticket take turns instead of
 * interleaving. With `expectedVersion`, a ticket changed since the actor read
 * it is refused with a conflict that says who changed it.
 */
export async function lockVisibleTicket(tx: Tx, actor: SessionUser, number: number, expectedVersion?: number) {
  const [locked] = await tx
    .select({ id: tickets.id, version: tickets.version, customValues: tickets.customValues })
    .from(tickets)
    .where(eq(tickets.number, number))
    .for("update");
  const ticket = locked ? await findVisibleTicket(tx, actor, eq(tickets.id, locked.id)) : null;
  if (!ticket) throw new AppError("NOT_FOUND", `Ticket #${number} does not exist or is not yours to see.`);
  if (expectedVersion !== undefined && ticket.version !== expectedVersion) {
    const who = (await lastWriter(tx, actor, ticket.id)) ?? "Someone";
    throw new AppError("CONFLICT", `${who} changed ticket #${number} after you opened it. Reload to see the latest version, then try again.`);
  }
  // Custom values are read here, for writers only: pages get them through the field-visibility rule (server/custom-fields).
  return { ...ticket, customValues: locked?.customValues ?? {} };
}

/** Who last changed the ticket: a property change (an event) or a message the actor may read, whichever is newer. */
async function lastWriter(tx: Tx, actor: SessionUser, ticketId: string): Promise<string | null> {
  const [event] = await tx
    .select({ name: users.name, at: ticketEvents.createdAt })
    .from(ticketEvents)
    .leftJoin(users, eq(users.id, ticketEvents.actorId))
    .where(eq(ticketEvents.ticketId, ticketId))
    .orderBy(desc(ticketEvents.createdAt), desc(ticketEvents.id))
    .limit(1);
  const [message] = await tx
    .select({ name: users.name, at: messages.createdAt })
    .from(messages)
    .leftJoin(users, eq(users.id, messages.authorId))
    .where(and(eq(messages.ticketId, ticketId), visibleMessagesWhere(actor)))
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(1);
  const newest = message && (!event || message.at >= event.at) ? message : event;
  return newest?.name ?? null;
}

export type LockedTicket = Awaited<ReturnType<typeof lockVisibleTicket>>;

/** Every write to a ticket row bumps its version and its activity time. */
export function touch(now: Date) {
  return { updatedAt: now, version: sql<number>`${tickets.version} + 1` };
}
