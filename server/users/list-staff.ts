import "server-only";
import { asc, eq, ne, sql } from "drizzle-orm";
import { teamMembers, teams, users } from "@/db/schema";
import type { DbOrTx } from "@/db/types";

/** Agents, managers and admins with their teams, for the admin's user list. */
export function listStaff(db: DbOrTx) {
  return db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      disabledAt: users.disabledAt,
      teams: sql<string[]>`coalesce(array_agg(${teams.name} order by ${teams.name}) filter (where ${teams.id} is not null), '{}')`,
    })
    .from(users)
    .leftJoin(teamMembers, eq(teamMembers.userId, users.id))
    .leftJoin(teams, eq(teams.id, teamMembers.teamId))
    .where(ne(users.role, "customer"))
    .groupBy(users.id)
    .orderBy(asc(users.name));
}
