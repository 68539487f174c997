import "server-only";
import { asc, inArray, sql, type SQL } from "drizzle-orm";
import { teams, ticketIsUnsolved, tickets } from "@/db/schema";
import type { DbOrTx } from "@/db/types";
import type { SessionUser } from "@/server/users/session-user";
import { myOpenStatuses } from "./ticket-lists";

const countWhere = (condition: SQL) => sql<number>`(count(*) filter (where ${condition}))::int`;

/**
 * Live counts for the desk's sidebar, on every desk page: one grouped pass
 * over the tickets that are not closed, answered from the covering partial
 * index tickets_desk_counts_idx (an index-only scan; closed history, almost
 * all of the table, never enters it), then summed per view and per team.
 * The condition must stay `status <> 'closed'`, the index's own predicate.
 */
export async function deskViewCounts(db: DbOrTx, viewer: SessionUser) {
  const groups = await db
    .select({
      teamId: tickets.teamId,
      mine: countWhere(sql`${tickets.assigneeId} = ${viewer.id} and ${inArray(tickets.status, myOpenStatuses)}`),
      unassigned: countWhere(sql`${tickets.assigneeId} is null and ${ticketIsUnsolved}`),
      open: countWhere(ticketIsUnsolved),
      sla_at_risk: countWhere(sql`${tickets.slaAtRiskAt} <= now() and ${ticketIsUnsolved}`),
      pending: countWhere(sql`${tickets.status} = 'pending'`),
      on_hold: countWhere(sql`${tickets.status} = 'on_hold'`),
      solved: countWhere(sql`${tickets.status} = 'solved'`),
    })
    .from(tickets)
    .where(sql`${tickets.status} <> 'closed'`)
    .groupBy(tickets.teamId);
  const teamRows = await db.select({ id: teams.id, name: teams.name }).from(teams).orderBy(asc(teams.name));
  const views = { mine: 0, unassigned: 0, open: 0, sla_at_risk: 0, pending: 0, on_hold: 0, solved: 0 };
  for (const group of groups) for (const key of Object.keys(views) as (keyof typeof views)[]) views[key] += group[key];
  return {
    views,
    teams: teamRows.map((team) => ({ ...team, open: groups.find((g) => g.teamId === team.id)?.open ?? 0 })),
  };
}

export type DeskViewCounts = Awaited<ReturnType<typeof deskViewCounts>>;
