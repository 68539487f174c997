import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { categories, organizations, teams, users, type UserRole } from "@/db/schema";
import { single } from "@/db/rows";
import type { Db } from "@/db/types";
import { hashPassword } from "@/server/auth/password";
import { appRouter } from "@/server/routers/_app";
import { createCallerFactory } from "@/server/trpc";
import type { SessionUser } from "@/server/users/session-user";

/** Unique per call, so tests sharing one PostgreSQL never collide. */
export function unique(prefix = "t"): string {
  return `${prefix}-${crypto.randomUUID().slice(0, 8)}`;
}

/** A unique custom-field key (letters, digits and underscores only). */
export function uniqueKey(prefix: string): string {
  return unique(prefix).replace(/-/g, "_");
}

export const testPassword = "correct horse battery";
let passwordHash: Promise<string> | undefined;

export async function createUser(
  db: Db,
  options: { role?: UserRole; organizationId?: string | null; name?: string; disabled?: boolean } = {},
): Promise<SessionUser> {
  const id = unique(options.role ?? "customer");
  const row = single(
    await db
      .insert(users)
      .values({
        name: options.name ?? `User ${id}`,
        email: `${id}@example.test`,
        role: options.role ?? "customer",
        organizationId: options.organizationId ?? null,
        passwordHash: await (passwordHash ??= hashPassword(testPassword)),
        disabledAt: options.disabled ? new Date() : null,
      })
      .returning(),
    "user",
  );
  const [organization] = row.organizationId
    ? await db.select({ shares: organizations.sharesTickets }).from(organizations).where(eq(organizations.id, row.organizationId))
    : [];
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    organizationId: row.organizationId,
    organizationShares: organization?.shares ?? false,
    away: false,
  };
}

export async function createOrganization(db: Db, options: { sharesTickets?: boolean; domain?: string } = {}) {
  return single(
    await db
      .insert(organizations)
      .values({ name: unique("Org"), domain: options.domain ?? `${unique("org")}.test`, sharesTickets: options.sharesTickets ?? false })
      .returning(),
    "organization",
  );
}

export async function createCategory(db: Db, options: { defaultPriority?: "low" | "normal" | "high" | "urgent"; archived?: boolean } = {}) {
  const team = single(await db.insert(teams).values({ name: unique("Team") }).returning(), "team");
  const category = single(
    await db
      .insert(categories)
      .values({
        name: unique("Category"),
        defaultTeamId: team.id,
        defaultPriority: options.defaultPriority ?? "normal",
        archivedAt: options.archived ? new Date() : null,
      })
      .returning(),
    "category",
  );
  return { category, team };
}

const createCaller = createCallerFactory(appRouter);

/** tRPC as this user would call it (null: signed out). */
export function callerFor(db: Db, user: SessionUser | null) {
  return createCaller({ db, user });
}
