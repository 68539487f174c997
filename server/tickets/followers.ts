import "server-only";
import { and, eq } from "drizzle-orm";
import { ticketFollowers, tickets } from "@/db/schema";
import type { Db } from "@/db/types";
import { AppError } from "@/server/errors";
import { isStaff, type SessionUser } from "@/server/users/session-user";
import { findVisibleTicket } from "./ticket-detail";
import { followState } from "./ticket-people";

/**
 * Staff following a ticket get the notifications its assignee gets (a
 * customer's reply, a bad rating, an SLA breach; notifications.ts), never
 * twice when they are the assignee and never for what they did themselves.
 * Following is a personal preference, not a change to the ticket: it writes
 * no event and leaves the ticket's version alone.
 */

async function visibleTicketId(db: Db, actor: SessionUser, number: number): Promise<string> {
  if (!isStaff(actor)) throw new AppError("FORBIDDEN", "Only agents can follow tickets.");
  const ticket = await findVisibleTicket(db, actor, eq(tickets.number, number));
  if (!ticket) throw new AppError("NOT_FOUND", `Ticket #${number} does not exist or is not yours to see.`);
  return ticket.id;
}

export async function followTicket(db: Db, actor: SessionUser, input: { number: number }): Promise<{ following: boolean; count: number }> {
  const ticketId = await visibleTicketId(db, actor, input.number);
  await db.insert(ticketFollowers).values({ ticketId, userId: actor.id }).onConflictDoNothing();
  return followState(db, actor.id, ticketId);
}

export async function unfollowTicket(db: Db, actor: SessionUser, input: { number: number }): Promise<{ following: boolean; count: number }> {
  const ticketId = await visibleTicketId(db, actor, input.number);
  await db.delete(ticketFollowers).where(and(eq(ticketFollowers.ticketId, ticketId), eq(ticketFollowers.userId, actor.id)));
  return followState(db, actor.id, ticketId);
}
