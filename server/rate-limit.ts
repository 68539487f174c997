import { RateLimiterDrizzle, RateLimiterRes } from "rate-limiter-flexible";
import { rateLimits } from "@/db/schema";
import type { Db } from "@/db/types";
import { AppError } from "./errors";

/**
 * Rate limits kept in the database (rate-limiter-flexible's Drizzle store),
 * so they hold across app processes without Redis.
 */
export const rateLimitPolicies = {
  /** Failed and successful sign-ins per email address. */
  signInPerEmail: { points: 10, duration: 15 * 60, message: "Too many sign-in attempts for this account." },
  /** Sign-ins per client address, whatever the account. */
  signInPerAddress: { points: 50, duration: 15 * 60, message: "Too many sign-in attempts from your network." },
  /** Tickets opened per person. */
  ticketCreation: { points: 20, duration: 60 * 60, message: "You have opened many tickets in a short time." },
} as const;

export type RateLimitPolicy = keyof typeof rateLimitPolicies;

const limiters = new WeakMap<Db, Map<RateLimitPolicy, RateLimiterDrizzle>>();

function limiterFor(db: Db, policy: RateLimitPolicy): RateLimiterDrizzle {
  let byPolicy = limiters.get(db);
  if (!byPolicy) limiters.set(db, (byPolicy = new Map()));
  let limiter = byPolicy.get(policy);
  if (!limiter) {
    const { points, duration } = rateLimitPolicies[policy];
    // Expired rows are swept by the timed jobs, not by a timer per limiter.
    limiter = new RateLimiterDrizzle({ storeClient: db, schema: rateLimits, points, duration, keyPrefix: policy, clearExpiredByTimeout: false });
    byPolicy.set(policy, limiter);
  }
  return limiter;
}

/** Counts one attempt; throws RATE_LIMITED (saying when to retry) once the policy's budget is spent. */
export async function consumeRateLimit(db: Db, policy: RateLimitPolicy, key: string): Promise<void> {
  try {
    await limiterFor(db, policy).consume(key.toLowerCase().slice(0, 200));
  } catch (result) {
    if (!(result instanceof RateLimiterRes)) throw result;
    const minutes = Math.max(1, Math.ceil(result.msBeforeNext / 60_000));
    throw new AppError("RATE_LIMITED", `${rateLimitPolicies[policy].message} Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`);
  }
}
