import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import type { Db } from "@/db/types";
import { hashPassword, verifyPassword } from "@/server/auth/password";

// Verified against when the email is unknown, so a wrong address takes as
// long as a wrong password and timing does not reveal who has an account.
let decoyHash: Promise<string> | undefined;

/** The user these credentials belong to, or null: wrong, unknown and disabled look alike. */
export async function checkCredentials(db: Db, email: string, password: string) {
  const [user] = await db
    .select({ id: users.id, name: users.name, email: users.email, passwordHash: users.passwordHash, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.email, email.trim().toLowerCase()))
    .limit(1);
  const valid = await verifyPassword(user?.passwordHash ?? (await (decoyHash ??= hashPassword(crypto.randomUUID()))), password);
  if (!user || !user.passwordHash || !valid || user.disabledAt) return null;
  return { id: user.id, name: user.name, email: user.email };
}
