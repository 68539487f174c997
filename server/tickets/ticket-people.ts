import "server-only";
import { and, asc, count, eq, inArray, isNull, ne } from "drizzle-orm";
import { ticketCcs, ticketFollowers, users } from "@/db/schema";
import type { DbOrTx } from "@/db/types";

/**
 * Who is on a ticket besides its requester and assignee, read only: the
 * people copied on it (ticket_ccs) and the staff following it
 * (ticket_followers). The rules for changing them are in ccs.ts and
 * followers.ts; this module imports neither, so the ticket page's reader can
 * use it without a cycle.
 */

export interface TicketCc {
  id: string;
  email: string;
  name: string;
}

const ccColumns = { id: users.id, email: users.email, name: users.name };

/** The people copied on a ticket, in the order they were added. */
export async function listTicketCcs(db: DbOrTx, ticketId: string): Promise<TicketCc[]> {
  return db
    .select(ccColumns)
    .from(ticketCcs)
    .innerJoin(users, eq(users.id, ticketCcs.userId))
    .where(eq(ticketCcs.ticketId, ticketId))
    .orderBy(asc(ticketCcs.createdAt), asc(users.email));
}

/** The CCs of several tickets at once (a page of REST resources), by ticket id. */
export async function ccsOfTickets(db: DbOrTx, ticketIds: readonly string[]): Promise<Map<string, TicketCc[]>> {
  const byTicket = new Map<string, TicketCc[]>(ticketIds.map((id) => [id, []]));
  if (ticketIds.length === 0) return byTicket;
  const rows = await db
    .select({ ticketId: ticketCcs.ticketId, ...ccColumns })
    .from(ticketCcs)
    .innerJoin(users, eq(users.id, ticketCcs.userId))
    .where(inArray(ticketCcs.ticketId, [...ticketIds]))
    .orderBy(asc(ticketCcs.createdAt), asc(users.email));
  for (const { ticketId, ...cc } of rows) byTicket.get(ticketId)?.push(cc);
  return byTicket;
}

/** Whether a staff member follows a ticket, and how many do. */
export async function followState(db: DbOrTx, viewerId: string, ticketId: string): Promise<{ following: boolean; count: number }> {
  const [mine] = await db
    .select({ userId: ticketFollowers.userId })
    .from(ticketFollowers)
    .where(and(eq(ticketFollowers.ticketId, ticketId), eq(ticketFollowers.userId, viewerId)));
  const [total] = await db.select({ count: count() }).from(ticketFollowers).where(eq(ticketFollowers.ticketId, ticketId));
  return { following: Boolean(mine), count: total?.count ?? 0 };
}

/** The active staff following a ticket, who get the notifications its assignee gets. */
export async function activeFollowers(db: DbOrTx, ticketId: string): Promise<{ id: string; name: string; email: string }[]> {
  return db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(ticketFollowers)
    .innerJoin(users, eq(users.id, ticketFollowers.userId))
    .where(and(eq(ticketFollowers.ticketId, ticketId), isNull(users.disabledAt), ne(users.role, "customer")))
    .orderBy(asc(users.email));
}
