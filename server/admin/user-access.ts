import "server-only";
import { and, asc, eq, isNull } from "drizzle-orm";
import { teamMembers, users, type UserRole } from "@/db/schema";
import { single } from "@/db/rows";
import type { DbOrTx, Tx } from "@/db/types";
import { AppError } from "@/server/errors";
import type { SessionUser } from "@/server/users/session-user";

/**
 * Role changes and disabling: the two ways an admin changes what someone may
 * do. Sessions re-read the user on every request, so both take effect at once.
 *
 * The workspace must always keep one active admin. Every change here first
 * locks the active admins' rows (in id order, so two changes never deadlock)
 * and only then the target: two admins demoting each other at the same moment
 * take turns, and the second sees that it would remove the last admin.
 */
async function lockForAccessChange(tx: Tx, userId: string) {
  const activeAdmins = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "admin"), isNull(users.disabledAt)))
    .orderBy(asc(users.id))
    .for("update");
  const [target] = await tx
    .select({ id: users.id, name: users.name, role: users.role, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.id, userId))
    .for("update");
  if (!target) throw new AppError("NOT_FOUND", "That user does not exist. Reload the list and try again.");
  const isActiveAdmin = activeAdmins.some((admin) => admin.id === target.id);
  const otherActiveAdmins = activeAdmins.filter((admin) => admin.id !== target.id).length;
  return { target, isActiveAdmin, otherActiveAdmins };
}

const summary = { id: users.id, name: users.name, email: users.email, role: users.role, disabledAt: users.disabledAt };

export async function changeUserRole(db: DbOrTx, actor: SessionUser, input: { userId: string; role: UserRole }) {
  return db.transaction(async (tx) => {
    const { target, isActiveAdmin, otherActiveAdmins } = await lockForAccessChange(tx, input.userId);
    if (target.role === input.role) return single(await tx.select(summary).from(users).where(eq(users.id, target.id)), "user");
    if (target.id === actor.id) {
      throw new AppError("FORBIDDEN", "You cannot change your own role. Ask another admin to do it.");
    }
    if (isActiveAdmin && otherActiveAdmins === 0) {
      throw new AppError("CONFLICT", `${target.name} is the last active admin. Make someone else an admin first.`);
    }
    const updated = await tx.update(users).set({ role: input.role, updatedAt: new Date() }).where(eq(users.id, target.id)).returning(summary);
    // Teams are for staff: someone who becomes a customer leaves them.
    if (input.role === "customer") await tx.delete(teamMembers).where(eq(teamMembers.userId, target.id));
    return single(updated, "user");
  });
}

export async function setUserDisabled(db: DbOrTx, actor: SessionUser, input: { userId: string; disabled: boolean }) {
  return db.transaction(async (tx) => {
    const { target, isActiveAdmin, otherActiveAdmins } = await lockForAccessChange(tx, input.userId);
    if (input.disabled && target.id === actor.id) {
      throw new AppError("FORBIDDEN", "You cannot disable your own account. Ask another admin to do it.");
    }
    if (input.disabled && isActiveAdmin && otherActiveAdmins === 0) {
      throw new AppError("CONFLICT", `${target.name} is the last active admin and cannot be disabled. Make someone else an admin first.`);
    }
    const updated = await tx
      .update(users)
      // Disabling twice keeps the first time; enabling clears it.
      .set({ disabledAt: input.disabled ? (target.disabledAt ?? new Date()) : null, updatedAt: new Date() })
      .where(eq(users.id, target.id))
      .returning(summary);
    return single(updated, "user");
  });
}
