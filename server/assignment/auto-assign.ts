import "server-only";
import { and, asc, eq, gte, isNull, lt, ne, sql } from "drizzle-orm";
import { teamMembers, teams, ticketEvents, ticketIsUnsolved, tickets, users } from "@/db/schema";
import type { Db, DbOrTx } from "@/db/types";
import { enqueueAssignedEmail, type MailTicket } from "@/server/email/notifications";
import { recordEvents } from "@/server/tickets/ticket-events";

export interface AutoAssignment {
  assigneeId: string;
  reason: string;
}

/** What assignment needs to know about a ticket, and what the agent's email says about it. */
export type AssignableTicket = Pick<MailTicket, "id" | "number" | "subject" | "priority" | "requesterName"> & {
  teamId: string | null;
  assigneeId: string | null;
};

/** How long after creation a ticket without any assignment is left to its creator's own assignment step. */
const STRANDED_AFTER_MS = 60_000;
/** Older tickets are left alone: their team's mode may have been turned on since, and nobody asked for a backlog sweep. */
const STRANDED_WITHIN_MS = 60 * 60_000;

/**
 * Assigns tickets whose creation committed but whose assignment (a
 * transaction of its own, see createTicket) never ran because the process
 * died in between: unassigned, unsolved, in a team with automatic
 * assignment, created between an hour and a minute ago, and never assigned
 * or unassigned by anyone (no assignee event), so an agent's "unassign" stands.
 * Run by the timed jobs; returns how many it assigned.
 */
export async function assignStrandedTickets(db: Db): Promise<number> {
  const now = Date.now();
  const stranded = await db
    .select({ id: tickets.id })
    .from(tickets)
    .innerJoin(teams, and(eq(teams.id, tickets.teamId), ne(teams.assignmentMode, "off")))
    .where(
      and(
        isNull(tickets.assigneeId),
        ticketIsUnsolved,
        gte(tickets.createdAt, new Date(now - STRANDED_WITHIN_MS)),
        lt(tickets.createdAt, new Date(now - STRANDED_AFTER_MS)),
        sql`not exists (select 1 from ${ticketEvents} where ${ticketEvents.ticketId} = ${tickets.id} and ${ticketEvents.field} = 'assignee')`,
      ),
    )
    .limit(100);
  let assigned = 0;
  for (const { id } of stranded) if (await db.transaction((tx) => autoAssignTicket(tx, id))) assigned += 1;
  return assigned;
}

/**
 * Gives an unassigned, unsolved ticket to a member of its team (see
 * assignFromTeam).
 */
export async function autoAssignTicket(tx: DbOrTx, ticketId: string): Promise<AutoAssignment | null> {
  const [ticket] = await tx
    .select({
      id: tickets.id,
      number: tickets.number,
      subject: tickets.subject,
      priority: tickets.priority,
      requesterName: users.name,
      teamId: tickets.teamId,
      assigneeId: tickets.assigneeId,
    })
    .from(tickets)
    .innerJoin(users, eq(users.id, tickets.requesterId))
    .where(and(eq(tickets.id, ticketId), ticketIsUnsolved));
  return ticket ? assignFromTeam(tx, ticket) : null;
}

/**
 * Gives an unassigned ticket to a member of its team, by the team's mode:
 * round-robin (whoever has waited longest for an automatic assignment) or
 * least open load (fewest unsolved tickets, then longest waiting). Away,
 * disabled and non-staff members are skipped. The team's row is locked for
 * the rest of the transaction, so concurrent tickets for one team take turns
 * and each sees the previous one's choice (teams without automatic
 * assignment are never locked). The caller passes the ticket as it is now in
 * this transaction (a new ticket creation knows it without reading it back),
 * and should do this last, just before committing: the lock is held until
 * then.
 */
export async function assignFromTeam(tx: DbOrTx, ticket: AssignableTicket): Promise<AutoAssignment | null> {
  if (ticket.assigneeId || !ticket.teamId) return null;
  // Only a row the query returns is locked, so a team with assignment off is
  // read but not locked. NO KEY UPDATE: it serializes assigners of one team,
  // yet does not conflict with the KEY SHARE lock every ticket insert takes
  // on its team (FOR UPDATE would, and two concurrent creations would
  // deadlock).
  const [team] = await tx
    .select({ id: teams.id, mode: teams.assignmentMode })
    .from(teams)
    .where(and(eq(teams.id, ticket.teamId), ne(teams.assignmentMode, "off")))
    .for("no key update");
  if (!team) return null;

  // A statement of its own, after the lock: its snapshot sees the choice of
  // whoever held the lock before.
  const openLoad = sql<number>`(select count(*) from tickets where tickets.assignee_id = ${users.id} and ${ticketIsUnsolved})::int`;
  const candidates = await tx
    .select({ id: users.id, name: users.name, email: users.email, lastAssignedAt: teamMembers.lastAssignedAt, open: openLoad })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(and(eq(teamMembers.teamId, team.id), ne(users.role, "customer"), isNull(users.disabledAt), isNull(users.awayAt)))
    .orderBy(asc(users.id));
  if (candidates.length === 0) return null;

  type Candidate = (typeof candidates)[number];
  const waited = (c: Candidate) => c.lastAssignedAt?.getTime() ?? -Infinity;
  // Candidates come in id order, so ties always break the same way.
  const before = (a: Candidate, b: Candidate) => (team.mode === "least_load" ? a.open - b.open || waited(a) - waited(b) : waited(a) - waited(b)) < 0;
  const chosen = candidates.reduce((best, c) => (before(c, best) ? c : best));
  const reason = team.mode === "least_load" ? `least open load; ${chosen.open} open` : `round-robin; ${chosen.open} open`;

  const now = new Date();
  // Only while nobody owns it: creation assigns in a transaction of its own,
  // after the ticket's, and an agent may have taken it in between.
  const [row] = await tx
    .update(tickets)
    .set({ assigneeId: chosen.id, updatedAt: now, version: sql`${tickets.version} + 1` })
    .where(and(eq(tickets.id, ticket.id), isNull(tickets.assigneeId), ticketIsUnsolved))
    .returning({ version: tickets.version });
  if (!row) return null;
  await tx.update(teamMembers).set({ lastAssignedAt: now }).where(and(eq(teamMembers.teamId, team.id), eq(teamMembers.userId, chosen.id)));
  await recordEvents(tx, ticket.id, null, [{ field: "assignee", to: chosen.id, detail: reason }], now);
  await enqueueAssignedEmail(tx, { ...ticket, assigneeId: chosen.id, assigneeName: chosen.name, assigneeEmail: chosen.email }, null, row.version);
  return { assigneeId: chosen.id, reason };
}
