import "server-only";
import { asc, eq, isNull, ne, and, sql } from "drizzle-orm";
import { categories, organizations, teamMembers, teams, users } from "@/db/schema";
import type { DbOrTx } from "@/db/types";
import { listFieldDefinitions } from "@/server/custom-fields/field-definitions";

/** What the desk's pickers offer: active agents (with their teams), teams, categories, organizations and ticket fields (staff see every one). */
export async function listDeskOptions(db: DbOrTx) {
  const [agents, teamList, categoryList, organizationList, fields] = await Promise.all([
    db
      .select({
        id: users.id,
        name: users.name,
        teamIds: sql<string[]>`coalesce(array_agg(${teamMembers.teamId}) filter (where ${teamMembers.teamId} is not null), '{}')`,
      })
      .from(users)
      .leftJoin(teamMembers, eq(teamMembers.userId, users.id))
      .where(and(ne(users.role, "customer"), isNull(users.disabledAt)))
      .groupBy(users.id)
      .orderBy(asc(users.name)),
    db.select({ id: teams.id, name: teams.name }).from(teams).orderBy(asc(teams.name)),
    db
      .select({ id: categories.id, name: categories.name, archived: sql<boolean>`${categories.archivedAt} is not null` })
      .from(categories)
      .orderBy(asc(categories.position), asc(categories.name)),
    // Pickers list organizations by name; past a few hundred a search box would serve better.
    db.select({ id: organizations.id, name: organizations.name }).from(organizations).orderBy(asc(organizations.name)).limit(500),
    listFieldDefinitions(db, "ticket"),
  ]);
  const ticketFields = fields.map(({ id, key, label, type, options, active }) => ({ id, key, label, type, options, active }));
  return { agents, teams: teamList, categories: categoryList, organizations: organizationList, ticketFields };
}

export type DeskOptions = Awaited<ReturnType<typeof listDeskOptions>>;
