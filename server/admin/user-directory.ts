import "server-only";
import { and, asc, eq, ilike, inArray, ne, or, sql } from "drizzle-orm";
import { organizations, teamMembers, teams, users, type UserRole } from "@/db/schema";
import type { DbOrTx } from "@/db/types";
import type { Page } from "@/server/pagination";
import { decodeNameCursor, encodeNameCursor } from "./name-cursor";
import { containsPattern } from "./search-pattern";

export const directoryKinds = ["staff", "customers"] as const;
export type DirectoryKind = (typeof directoryKinds)[number];

export interface DirectoryQuery {
  /** Staff or customers; everyone when left out (the REST API's list). */
  kind?: DirectoryKind;
  role?: UserRole;
  /** Members of this organization (confirmed ones: pending people are not members). */
  organizationId?: string;
  /** Matches anywhere in the name or the email, case-insensitively. */
  query?: string;
  cursor?: string;
  limit: number;
}

export interface DirectoryUser {
  id: string;
  name: string;
  email: string;
  role: (typeof users.$inferSelect)["role"];
  disabledAt: Date | null;
  createdAt: Date;
  emailVerified: Date | null;
  organizationId: string | null;
  pendingOrganizationId: string | null;
  organizationName: string | null;
  teams: string[];
}

/**
 * The people list (the admin's, and the REST API's): staff or customers,
 * optionally one role or one organization's members, sorted by name, paged
 * by (name, id) keyset so any page costs what the first does.
 */
export async function listUserDirectory(db: DbOrTx, input: DirectoryQuery): Promise<Page<DirectoryUser>> {
  const after = input.cursor ? decodeNameCursor(input.cursor) : null;
  const query = input.query?.trim();
  const rows = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      disabledAt: users.disabledAt,
      createdAt: users.createdAt,
      emailVerified: users.emailVerified,
      organizationId: users.organizationId,
      pendingOrganizationId: users.pendingOrganizationId,
      organizationName: organizations.name,
    })
    .from(users)
    .leftJoin(organizations, eq(organizations.id, users.organizationId))
    .where(
      and(
        input.kind === "staff" ? ne(users.role, "customer") : input.kind === "customers" ? eq(users.role, "customer") : undefined,
        input.role ? eq(users.role, input.role) : undefined,
        input.organizationId ? eq(users.organizationId, input.organizationId) : undefined,
        query ? or(ilike(users.name, containsPattern(query)), ilike(users.email, containsPattern(query))) : undefined,
        after ? sql`(${users.name}, ${users.id}) > (${after.name}, ${after.id}::uuid)` : undefined,
      ),
    )
    .orderBy(asc(users.name), asc(users.id))
    .limit(input.limit + 1);

  const items = rows.slice(0, input.limit);
  const teamsByUser = await teamNamesOf(
    db,
    items.filter((row) => row.role !== "customer").map((row) => row.id),
  );
  const last = items.at(-1);
  return {
    items: items.map((row) => ({ ...row, teams: teamsByUser.get(row.id) ?? [] })),
    nextCursor: rows.length > input.limit && last ? encodeNameCursor({ name: last.name, id: last.id }) : null,
  };
}

async function teamNamesOf(db: DbOrTx, userIds: string[]): Promise<Map<string, string[]>> {
  const byUser = new Map<string, string[]>();
  if (userIds.length === 0) return byUser;
  const rows = await db
    .select({ userId: teamMembers.userId, name: teams.name })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .where(inArray(teamMembers.userId, userIds))
    .orderBy(asc(teams.name));
  for (const row of rows) byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), row.name]);
  return byUser;
}
