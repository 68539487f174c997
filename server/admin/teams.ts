import "server-only";
import type { AssignmentMode } from "@/db/schema";
import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import { categories, teamMembers, teams, users } from "@/db/schema";
import { single } from "@/db/rows";
import type { DbOrTx } from "@/db/types";
import { AppError } from "@/server/errors";
import { isUniqueViolation } from "./database-errors";

/** Teams with their members and the categories that route to them, for the admin. */
export async function listTeams(db: DbOrTx) {
  const teamRows = await db
    .select({ id: teams.id, name: teams.name, description: teams.description, assignmentMode: teams.assignmentMode, calendarId: teams.calendarId, createdAt: teams.createdAt })
    .from(teams)
    .orderBy(asc(teams.name));
  const ids = teamRows.map((team) => team.id);
  if (ids.length === 0) return [];
  const [memberRows, categoryRows] = await Promise.all([
    db
      .select({ teamId: teamMembers.teamId, id: users.id, name: users.name, email: users.email, role: users.role, disabledAt: users.disabledAt })
      .from(teamMembers)
      .innerJoin(users, eq(users.id, teamMembers.userId))
      .where(inArray(teamMembers.teamId, ids))
      .orderBy(asc(users.name)),
    db
      .select({ teamId: categories.defaultTeamId, name: categories.name })
      .from(categories)
      .where(inArray(categories.defaultTeamId, ids))
      .orderBy(asc(categories.position), asc(categories.name)),
  ]);
  return teamRows.map((team) => ({
    ...team,
    members: memberRows.filter((m) => m.teamId === team.id).map((m) => ({ id: m.id, name: m.name, email: m.email, role: m.role, disabledAt: m.disabledAt })),
    categories: categoryRows.filter((c) => c.teamId === team.id).map((c) => c.name),
  }));
}

export interface TeamFields {
  name: string;
  description: string;
}

/** Names are unique regardless of case, so "Billing" and "billing" never both route tickets. */
async function ensureTeamNameFree(db: DbOrTx, name: string, exceptId?: string) {
  const [taken] = await db
    .select({ name: teams.name })
    .from(teams)
    .where(and(sql`lower(${teams.name}) = lower(${name})`, exceptId ? ne(teams.id, exceptId) : undefined))
    .limit(1);
  if (taken) throw teamNameTaken(taken.name);
}

function teamNameTaken(name: string) {
  return new AppError("CONFLICT", `A team named "${name}" already exists. Choose another name.`);
}

export async function createTeam(db: DbOrTx, input: TeamFields) {
  const name = input.name.trim();
  await ensureTeamNameFree(db, name);
  try {
    return single(await db.insert(teams).values({ name, description: input.description.trim() }).returning(), "team");
  } catch (error) {
    if (isUniqueViolation(error)) throw teamNameTaken(name);
    throw error;
  }
}

export async function updateTeam(db: DbOrTx, input: TeamFields & { id: string }) {
  const name = input.name.trim();
  await ensureTeamNameFree(db, name, input.id);
  try {
    const [updated] = await db
      .update(teams)
      .set({ name, description: input.description.trim() })
      .where(eq(teams.id, input.id))
      .returning();
    if (!updated) throw new AppError("NOT_FOUND", "That team no longer exists. Reload the page.");
    return updated;
  } catch (error) {
    if (isUniqueViolation(error)) throw teamNameTaken(name);
    throw error;
  }
}

/**
 * Adds an active staff member to a team. The person's row is share-locked, so
 * a concurrent demotion to customer (which removes team memberships) cannot
 * interleave and leave a customer on a team. Adding someone twice is a no-op.
 */
export async function addTeamMember(db: DbOrTx, input: { teamId: string; userId: string }) {
  return db.transaction(async (tx) => {
    const [team] = await tx.select({ id: teams.id, name: teams.name }).from(teams).where(eq(teams.id, input.teamId)).for("share");
    if (!team) throw new AppError("NOT_FOUND", "That team no longer exists. Reload the page.");
    const [person] = await tx
      .select({ id: users.id, name: users.name, role: users.role, disabledAt: users.disabledAt })
      .from(users)
      .where(eq(users.id, input.userId))
      .for("share");
    if (!person) throw new AppError("NOT_FOUND", "That person does not exist. Reload the page.");
    if (person.role === "customer") {
      throw new AppError("INVALID", `${person.name} is a customer. Only agents, managers and admins can join a team.`);
    }
    if (person.disabledAt) throw new AppError("INVALID", `${person.name} is disabled. Re-enable them before adding them to a team.`);
    await tx.insert(teamMembers).values({ teamId: team.id, userId: person.id }).onConflictDoNothing();
    return { teamId: team.id, userId: person.id };
  });
}

/** Removing someone who is not a member is a no-op, so a double click does no harm. */
export async function removeTeamMember(db: DbOrTx, input: { teamId: string; userId: string }) {
  const removed = await db
    .delete(teamMembers)
    .where(and(eq(teamMembers.teamId, input.teamId), eq(teamMembers.userId, input.userId)))
    .returning({ userId: teamMembers.userId });
  return { removed: removed.length > 0 };
}

/** How the team's new tickets get an owner: off, round-robin or least open load. */
export async function setTeamAssignmentMode(db: DbOrTx, input: { id: string; mode: AssignmentMode }) {
  const [updated] = await db.update(teams).set({ assignmentMode: input.mode }).where(eq(teams.id, input.id)).returning({ id: teams.id, assignmentMode: teams.assignmentMode });
  if (!updated) throw new AppError("NOT_FOUND", "That team no longer exists. Reload the page.");
  return updated;
}
