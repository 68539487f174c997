import "server-only";
import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { single } from "@/db/rows";
import type { DbOrTx } from "@/db/types";
import { hashPassword } from "@/server/auth/password";
import { AppError } from "@/server/errors";
import type { StaffRole } from "@/server/users/session-user";

export interface NewStaffMember {
  name: string;
  email: string;
  role: StaffRole;
  /** Without one (the REST API), they sign in with an emailed link. */
  password?: string;
}

/**
 * An admin adds an agent, manager or admin, with an initial password or
 * none. The address must be new: an existing customer is promoted with a
 * role change instead, so their ticket history stays theirs.
 */
export async function createStaffMember(db: DbOrTx, input: NewStaffMember) {
  const email = input.email.trim().toLowerCase();
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
  // One statement: the unique index decides, even between two racing admins.
  const inserted = await db
    .insert(users)
    .values({ name: input.name.trim(), email, role: input.role, passwordHash })
    .onConflictDoNothing({ target: users.email })
    .returning({ id: users.id, name: users.name, email: users.email, role: users.role });
  if (inserted.length === 0) {
    const [existing] = await db.select({ role: users.role }).from(users).where(eq(users.email, email)).limit(1);
    const message =
      existing?.role === "customer"
        ? `${email} already has a customer account. Find it under Customers and change its role instead.`
        : `${email} already belongs to a staff member.`;
    throw new AppError("CONFLICT", message, { fieldErrors: { email: [message] } });
  }
  return single(inserted, "user");
}
