import { asc, count, eq, ne, sql, type SQL } from "drizzle-orm";
import { teams, ticketIsUnsolved, tickets } from "@/db/schema";
import type { DbOrTx } from "@/db/types";
import type { SessionUser } from "@/server/users/session-user";

const countWhere = (condition: SQL) => sql<number>`(count(*) filter (where ${condition}))::int`;

/**
 * Live counts for the desk's sidebar: one pass over the tickets that are not
 * closed (the status index keeps closed history out of it) and one grouped
 * count per team.
 */
export async function deskViewCounts(db: DbOrTx, viewer: SessionUser) {
  const [row] = await db
    .select({
      mine: countWhere(sql`${tickets.assigneeId} = ${viewer.id} and ${ticketIsUnsolved}`),
      unassigned: countWhere(sql`${tickets.assigneeId} is null and ${ticketIsUnsolved}`),
      open: countWhere(ticketIsUnsolved),
      sla_at_risk: countWhere(sql`${tickets.slaAtRiskAt} <= now() and ${ticketIsUnsolved}`),
      pending: countWhere(eq(tickets.status, "pending")),
      on_hold: countWhere(eq(tickets.status, "on_hold")),
      solved: countWhere(eq(tickets.status, "solved")),
    })
    .from(tickets)
    .where(ne(tickets.status, "closed"));
  const byTeam = await db
    .select({ id: teams.id, name: teams.name, open: count(tickets.id) })
    .from(teams)
    .leftJoin(tickets, sql`${tickets.teamId} = ${teams.id} and ${ticketIsUnsolved}`)
    .groupBy(teams.id)
    .orderBy(asc(teams.name));
  return {
    views: row ?? { mine: 0, unassigned: 0, open: 0, sla_at_risk: 0, pending: 0, on_hold: 0, solved: 0 },
    teams: byTeam,
  };
}

export type DeskViewCounts = Awaited<ReturnType<typeof deskViewCounts>>;
