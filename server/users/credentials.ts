import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import type { Db } from "@/db/types";
import { hashPassword, verifyPassword } from "@/server/auth/password";
import { AppError } from "@/server/errors";
import { assertUnderRateLimit, consumeRateLimit, resetRateLimit } from "@/server/rate-limit";

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

/**
 * A password sign-in attempt. Failures count against a per-account and a
 * per-address budget; once either is spent, even the right password is
 * refused (RATE_LIMITED) until it refills. A success clears the account's count.
 */
export async function attemptPasswordSignIn(db: Db, input: { email: string; password: string; address: string | null }) {
  const account = input.email.trim().toLowerCase();
  await assertUnderRateLimit(db, "signInPerEmail", account);
  if (input.address) await assertUnderRateLimit(db, "signInPerAddress", input.address);
  const user = await checkCredentials(db, input.email, input.password);
  if (user) {
    await resetRateLimit(db, "signInPerEmail", account);
    return user;
  }
  await consumeRateLimit(db, "signInPerEmail", account).catch(ignoreRateLimited);
  if (input.address) await consumeRateLimit(db, "signInPerAddress", input.address).catch(ignoreRateLimited);
  return null;
}

/** This attempt already failed; being over the limit now only matters to the next one. */
function ignoreRateLimited(error: unknown): void {
  if (!(error instanceof AppError && error.code === "RATE_LIMITED")) throw error;
}
