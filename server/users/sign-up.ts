import { eq } from "drizzle-orm";
import { organizations, users } from "@/db/schema";
import { single } from "@/db/rows";
import type { Db } from "@/db/types";
import { hashPassword } from "@/server/auth/password";
import { AppError } from "@/server/errors";

export interface SignUpInput {
  name: string;
  email: string;
  password: string;
}

/**
 * Self sign-up creates a customer. A sender whose email domain belongs to a
 * known organization joins it, so their organization's shared tickets follow.
 */
export async function signUpCustomer(db: Db, input: SignUpInput): Promise<{ id: string }> {
  const email = input.email.trim().toLowerCase();
  const domain = email.split("@")[1] ?? "";
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
    if (existing) throw new AppError("CONFLICT", "An account with this email already exists. Sign in instead.");
    const [organization] = await tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(eq(organizations.domain, domain))
      .limit(1);
    const inserted = await tx
      .insert(users)
      .values({ name: input.name.trim(), email, passwordHash, role: "customer", organizationId: organization?.id ?? null })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id });
    // Two sign-ups racing for one address: the loser hits the unique index.
    if (inserted.length === 0) throw new AppError("CONFLICT", "An account with this email already exists. Sign in instead.");
    return single(inserted, "user");
  });
}
