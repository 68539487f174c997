import "server-only";
import { and, eq, ne } from "drizzle-orm";
import { organizations, users, type UserRole } from "@/db/schema";
import { single } from "@/db/rows";
import type { DbOrTx } from "@/db/types";
import { createStaffMember } from "@/server/admin/create-staff-member";
import { isUniqueViolation } from "@/server/admin/database-errors";
import { changeUserRole, setUserDisabled } from "@/server/admin/user-access";
import { AppError } from "@/server/errors";
import { membershipForNewAccount } from "./organization-membership";
import { setRecordCustomValues } from "./record-custom-values";
import type { SessionUser } from "./session-user";

/**
 * People as records (the REST API's /users): read one, add a customer or a
 * staff member, change someone's profile, role or access. Role and access
 * changes go through server/admin/user-access.ts, so its rules (nobody
 * changes their own role or disables themselves; one active admin always
 * remains) hold at every door; custom values go through the one validation
 * (record-custom-values.ts). Field errors name the input's fields.
 */

const accountColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  role: users.role,
  organizationId: users.organizationId,
  pendingOrganizationId: users.pendingOrganizationId,
  emailVerified: users.emailVerified,
  disabledAt: users.disabledAt,
  createdAt: users.createdAt,
};

export interface UserAccount {
  id: string;
  name: string;
  email: string;
  role: UserRole;
  organizationId: string | null;
  pendingOrganizationId: string | null;
  emailVerified: Date | null;
  disabledAt: Date | null;
  createdAt: Date;
}

export async function findUserAccount(db: DbOrTx, id: string): Promise<UserAccount> {
  const [row] = await db.select(accountColumns).from(users).where(eq(users.id, id));
  if (!row) throw new AppError("NOT_FOUND", "This person does not exist.");
  return row;
}

const normalEmail = (email: string) => email.trim().toLowerCase();

function emailTaken(email: string) {
  const message = `${email} already belongs to someone.`;
  return new AppError("CONFLICT", message, { fieldErrors: { email: [message] } });
}

async function ensureOrganizationExists(db: DbOrTx, organizationId: string): Promise<void> {
  const [row] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, organizationId)).for("share");
  if (!row) throw new AppError("INVALID", "That organization does not exist.", { fieldErrors: { organizationId: ["No organization has this id."] } });
}

export interface NewCustomer {
  name: string;
  email: string;
  /** Makes them a member at once (an admin's decision); otherwise their address's domain may make them pending, as at sign-up. */
  organizationId?: string | null;
}

/** Adds a customer with no password: they sign in with an emailed link. A taken address is a conflict. */
export async function createCustomer(db: DbOrTx, input: NewCustomer): Promise<UserAccount> {
  const email = normalEmail(input.email);
  return db.transaction(async (tx) => {
    let membership: { organizationId: string | null; pendingOrganizationId: string | null };
    if (input.organizationId) {
      await ensureOrganizationExists(tx, input.organizationId);
      membership = { organizationId: input.organizationId, pendingOrganizationId: null };
    } else {
      const { organizationId, pendingOrganizationId } = await membershipForNewAccount(tx, email);
      membership = { organizationId, pendingOrganizationId };
    }
    // One statement: the unique index decides, even between two racing requests.
    const [row] = await tx
      .insert(users)
      .values({ name: input.name.trim(), email, role: "customer", ...membership })
      .onConflictDoNothing({ target: users.email })
      .returning(accountColumns);
    if (!row) throw emailTaken(email);
    return row;
  });
}

/** A customer, or a staff member (through createStaffMember, with no password: they sign in with an emailed link). */
export async function createUserAccount(db: DbOrTx, input: NewCustomer & { role: UserRole }): Promise<UserAccount> {
  const { role } = input;
  if (role === "customer") return createCustomer(db, input);
  return db.transaction(async (tx) => {
    const created = await createStaffMember(tx, { name: input.name, email: input.email, role });
    if (input.organizationId) {
      await ensureOrganizationExists(tx, input.organizationId);
      await tx.update(users).set({ organizationId: input.organizationId }).where(eq(users.id, created.id));
    }
    return findUserAccount(tx, created.id);
  });
}

export interface UserAccountChanges {
  userId: string;
  name?: string;
  /** A new address is unproven: it counts as unverified until the person signs in with an emailed link. */
  email?: string;
  /** Null ends a membership; an id makes them a member at once. */
  organizationId?: string | null;
  role?: UserRole;
  disabled?: boolean;
  /** Custom field values by key (null clears one), checked as every door checks them; the others stay. */
  customFields?: Readonly<Record<string, unknown>>;
}

/**
 * Changes someone in one transaction: all of it, or (on any refusal) none.
 * Role and access first, since they lock the active admins before the
 * person (the order user-access.ts keeps so two changes never deadlock).
 */
export async function updateUserAccount(db: DbOrTx, actor: SessionUser, input: UserAccountChanges): Promise<UserAccount> {
  try {
    return await db.transaction(async (tx) => {
      if (input.role !== undefined) await changeUserRole(tx, actor, { userId: input.userId, role: input.role });
      if (input.disabled !== undefined) await setUserDisabled(tx, actor, { userId: input.userId, disabled: input.disabled });
      const [current] = await tx.select({ email: users.email, organizationId: users.organizationId }).from(users).where(eq(users.id, input.userId)).for("update");
      if (!current) throw new AppError("NOT_FOUND", "This person does not exist.");

      const changes: Partial<typeof users.$inferInsert> = {};
      if (input.name !== undefined) changes.name = input.name.trim();
      if (input.organizationId !== undefined) {
        if (input.organizationId) await ensureOrganizationExists(tx, input.organizationId);
        changes.organizationId = input.organizationId;
        changes.pendingOrganizationId = null;
      }
      const email = input.email === undefined ? undefined : normalEmail(input.email);
      if (email !== undefined && email !== current.email) {
        const [taken] = await tx.select({ id: users.id }).from(users).where(and(eq(users.email, email), ne(users.id, input.userId))).limit(1);
        if (taken) throw emailTaken(email);
        changes.email = email;
        changes.emailVerified = null;
        // A pending membership came from the old address's domain; the new one decides now.
        const member = changes.organizationId !== undefined ? changes.organizationId : current.organizationId;
        if (!member) changes.pendingOrganizationId = (await membershipForNewAccount(tx, email)).pendingOrganizationId;
      }
      if (Object.keys(changes).length > 0) await tx.update(users).set({ ...changes, updatedAt: new Date() }).where(eq(users.id, input.userId));
      if (input.customFields !== undefined) await setRecordCustomValues(tx, actor, "user", input.userId, input.customFields);
      return single(await tx.select(accountColumns).from(users).where(eq(users.id, input.userId)), "user");
    });
  } catch (error) {
    // Two requests giving one address at once: the unique index decides.
    if (isUniqueViolation(error) && input.email !== undefined) throw emailTaken(normalEmail(input.email));
    throw error;
  }
}
