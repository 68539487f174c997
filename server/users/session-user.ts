import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { UserRole } from "@/db/schema";
import { organizations, users } from "@/db/schema";
import type { DbOrTx } from "@/db/types";

/** The signed-in person as every procedure sees them, fresh from the database. */
export interface SessionUser {
  id: string;
  name: string;
  email: string;
  role: UserRole;
  organizationId: string | null;
  /** True when the user's organization shares its tickets with all members. */
  organizationShares: boolean;
  /** Staff who marked themselves away get no automatic assignments. */
  away: boolean;
}

export const staffRoles = ["agent", "manager", "admin"] as const satisfies readonly UserRole[];
export type StaffRole = (typeof staffRoles)[number];

const roleRank: Record<UserRole, number> = { customer: 0, agent: 1, manager: 2, admin: 3 };

/** Roles are nested: an admin can do what a manager can, a manager what an agent can. */
export function hasRole(user: Pick<SessionUser, "role">, atLeast: UserRole): boolean {
  return roleRank[user.role] >= roleRank[atLeast];
}

export function isStaff(user: Pick<SessionUser, "role">): boolean {
  return hasRole(user, "agent");
}

/** Loads an active (not disabled) user; null when missing or disabled. */
export async function loadActiveUser(db: DbOrTx, userId: string): Promise<SessionUser | null> {
  const [row] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      organizationId: users.organizationId,
      organizationShares: organizations.sharesTickets,
      awayAt: users.awayAt,
    })
    .from(users)
    .leftJoin(organizations, eq(organizations.id, users.organizationId))
    .where(and(eq(users.id, userId), isNull(users.disabledAt)))
    .limit(1);
  if (!row) return null;
  const { awayAt, ...user } = row;
  return { ...user, organizationShares: row.organizationShares ?? false, away: awayAt !== null };
}

/** An agent marks themselves away (or back): automatic assignment skips them while away. */
export async function setAway(db: DbOrTx, user: Pick<SessionUser, "id">, away: boolean): Promise<{ away: boolean }> {
  await db.update(users).set({ awayAt: away ? new Date() : null }).where(eq(users.id, user.id));
  return { away };
}
