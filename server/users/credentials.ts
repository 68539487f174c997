import "server-only";
import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import type { Db } from "@/db/types";
import { hashPassword, verifyPassword } from "@/server/auth/password";
import { AppError } from "@/server/errors";
import { consumeRateLimit, countedAttempts, refundRateLimit, resetRateLimit } from "@/server/rate-limit";

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

/** Failures on one account, from anywhere, before its password sign-ins start to slow down. */
const BRAKE_FREE_FAILURES = 5;
/** The longest an attempt is held back: a brake, never a lock. */
export const BRAKE_MAX_MS = 3_000;

/** How long a password attempt waits, given the account's recent failures from everywhere: 250 ms, doubling every 5 failures, capped. */
export function signInBrakeMs(failures: number): number {
  if (failures < BRAKE_FREE_FAILURES) return 0;
  return Math.min(BRAKE_MAX_MS, 250 * 2 ** Math.floor((failures - BRAKE_FREE_FAILURES) / 5));
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A password sign-in attempt, throttled so that guessing is slow but nobody
 * can lock an account's owner out:
 * - failures per account *and* client address: once spent, that address is
 *   refused for that account (RATE_LIMITED), even with the right password;
 * - failures per client address, whatever the account: the same, for all accounts;
 * - failures per account from everywhere only delay attempts (signInBrakeMs).
 * A success clears the account's counts. Sign-in links by email pass none of
 * these, so the owner always has a way in. An unknown address (no socket seen)
 * counts as one shared address.
 */
export async function attemptPasswordSignIn(
  db: Db,
  input: { email: string; password: string; address: string | null },
  options: { wait?: (ms: number) => Promise<void> } = {},
) {
  const account = input.email.trim().toLowerCase();
  const pair = accountAndAddressKey(account, input.address);
  // Counted before the (slow) password check, so guesses sent all at once are
  // counted all at once too; a success gives its count back.
  await consumeRateLimit(db, "signInPerAccountAndAddress", pair);
  if (input.address) await consumeRateLimit(db, "signInPerAddress", input.address);
  const delay = signInBrakeMs(await countedAttempts(db, "signInAccountBrake", account));
  if (delay > 0) await (options.wait ?? sleep)(delay);
  const user = await checkCredentials(db, input.email, input.password);
  if (user) {
    await resetRateLimit(db, "signInPerAccountAndAddress", pair);
    await resetRateLimit(db, "signInAccountBrake", account);
    if (input.address) await refundRateLimit(db, "signInPerAddress", input.address);
    return user;
  }
  await consumeRateLimit(db, "signInAccountBrake", account).catch(ignoreRateLimited);
  return null;
}

/** Hashed, so that a long email never pushes the address out of the (length-capped) key. */
function accountAndAddressKey(account: string, address: string | null): string {
  return createHash("sha256").update(`${account}\n${address ?? "unknown"}`).digest("hex");
}

/** This attempt already failed; being over the limit now only matters to the next one. */
function ignoreRateLimited(error: unknown): void {
  if (!(error instanceof AppError && error.code === "RATE_LIMITED")) throw error;
}
