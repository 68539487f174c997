import "server-only";
import { and, desc, eq, gt, lt, ne, sql } from "drizzle-orm";
import { messages, ticketViewers, tickets, users } from "@/db/schema";
import type { DbOrTx } from "@/db/types";
import { AppError } from "@/server/errors";
import { notifyLive } from "@/server/live/live-signal";
import type { SessionUser } from "@/server/users/session-user";
import { scoped, visibleMessagesWhere } from "./ticket-scope";

// A viewer counts as present while their page keeps sending heartbeats.
const PRESENCE_WINDOW_SECONDS = 15;

/**
 * One heartbeat from an agent's open ticket page: records that they are
 * there (and whether they are typing), and answers with what the page needs
 * to stay honest: who else is there, the ticket's version and newest message.
 */
export async function ticketHeartbeat(db: DbOrTx, viewer: SessionUser, input: { number: number; composing: boolean }) {
  const [ticket] = await db
    .select({ id: tickets.id, version: tickets.version, status: tickets.status })
    .from(tickets)
    .where(scoped(viewer, eq(tickets.number, input.number)));
  if (!ticket) throw new AppError("NOT_FOUND", `Ticket #${input.number} does not exist or is not yours to see.`);

  const now = new Date();
  const since = new Date(now.getTime() - PRESENCE_WINDOW_SECONDS * 1000);
  const [before] = await db
    .select({ composing: ticketViewers.composing, seenAt: ticketViewers.seenAt })
    .from(ticketViewers)
    .where(and(eq(ticketViewers.ticketId, ticket.id), eq(ticketViewers.userId, viewer.id)));
  await db
    .insert(ticketViewers)
    .values({ ticketId: ticket.id, userId: viewer.id, composing: input.composing ? 1 : 0, seenAt: now })
    .onConflictDoUpdate({ target: [ticketViewers.ticketId, ticketViewers.userId], set: { composing: input.composing ? 1 : 0, seenAt: now } });

  // Others' pages hear of an arrival or of typing that starts or stops at once, not at their next heartbeat.
  const arrived = !before || before.seenAt <= since;
  if (arrived || before.composing !== (input.composing ? 1 : 0)) await notifyLive(db, ticket.id, { event: "presence" });

  const viewers = await db
    .select({ id: users.id, name: users.name, composing: ticketViewers.composing })
    .from(ticketViewers)
    .innerJoin(users, eq(users.id, ticketViewers.userId))
    .where(and(eq(ticketViewers.ticketId, ticket.id), ne(ticketViewers.userId, viewer.id), gt(ticketViewers.seenAt, since)));
  // The newest message the viewer's page could show, so the page compares like with like.
  const [latest] = await db
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.ticketId, ticket.id), visibleMessagesWhere(viewer)))
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(1);
  return {
    version: ticket.version,
    status: ticket.status,
    latestMessageId: latest?.id ?? null,
    viewers: viewers.map((v) => ({ id: v.id, name: v.name, composing: v.composing === 1 })),
  };
}

/** Forgets heartbeats older than a minute (run by the timed jobs). */
export async function sweepPresence(db: DbOrTx) {
  await db.delete(ticketViewers).where(lt(ticketViewers.seenAt, sql`now() - interval '1 minute'`));
}
