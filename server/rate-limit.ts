import "server-only";
import { RateLimiterDrizzle, RateLimiterRes } from "rate-limiter-flexible";
import { rateLimits } from "@/db/schema";
import type { Db } from "@/db/types";
import { env } from "./env";
import { AppError } from "./errors";

/**
 * Rate limits kept in the database (rate-limiter-flexible's Drizzle store),
 * so they hold across app processes without Redis.
 */
export const rateLimitPolicies = {
  /** Failed password sign-ins per account and client address together: the guesser's address is shut out of that account, its owner elsewhere is not (a success clears them). */
  signInPerAccountAndAddress: { points: 10, duration: 15 * 60, message: "Too many failed sign-ins to this account from your network." },
  /**
   * Failed password sign-ins per account from anywhere. Never a refusal (the
   * budget is out of reach): the count only slows further attempts on the
   * account (server/users/credentials.ts), so nobody can lock its owner out.
   */
  signInAccountBrake: { points: 100_000, duration: 15 * 60, message: "Sign-ins to this account are being slowed down." },
  /** Failed sign-ins per client address, whatever the account. */
  signInPerAddress: { points: 50, duration: 15 * 60, message: "Too many sign-in attempts from your network." },
  /** Sign-in links emailed to one address, asked from one client address. */
  emailLinkPerEmailAndAddress: { points: 5, duration: 15 * 60, message: "Too many sign-in links requested for this address." },
  /**
   * Sign-in links emailed to one address from anywhere: a brake on mail
   * bombing, high enough that one stranger's network (capped by the pair limit
   * above) cannot spend the owner's own way in.
   */
  emailLinkPerEmail: { points: 30, duration: 60 * 60, message: "Too many sign-in links requested for this address." },
  /** Sign-in links requested per client address, whatever the account. */
  emailLinkPerAddress: { points: 30, duration: 15 * 60, message: "Too many sign-in links requested from your network." },
  /** Sign-up attempts per client address, new or existing email alike. */
  signUpPerAddress: { points: env.SIGN_UPS_PER_ADDRESS_PER_HOUR, duration: 60 * 60, message: "Too many sign-ups from your network." },
  /** Sign-up attempts per email address: each one mails that address, so this caps the mail too. */
  signUpPerEmail: { points: 3, duration: 60 * 60, message: "Too many sign-ups for this email address." },
  /** Tickets opened per person. */
  ticketCreation: { points: 20, duration: 60 * 60, message: "You have opened many tickets in a short time." },
  /** Satisfaction ratings (and comment edits) per ticket, by link or in the portal. */
  ratingPerTicket: { points: 20, duration: 60 * 60, message: "This ticket has been rated many times in a short time." },
  /** Rating-link submissions per client address, valid or not: a brake on guessing links. */
  ratingPerAddress: { points: 60, duration: 15 * 60, message: "Too many ratings from your network." },
  /** Help-center "Was this helpful?" answers per client address (or per signed-in person). */
  articleFeedbackPerAddress: { points: 30, duration: 60 * 60, message: "Thanks — we have had many answers from your network already." },
  /** Help-center views of one article counted per client (person or address): more are read, not counted, so nobody inflates the most-read report. */
  articleViewsPerClientAndArticle: { points: 3, duration: 60 * 60, message: "This article's views from this client are already counted." },
  /** Help-center searches for one query counted per client: the same for the most frequent searches without a result. */
  helpCenterSearchesPerClientAndQuery: { points: 3, duration: 60 * 60, message: "This search from this client is already counted." },
  /** REST API requests per token, per minute (API_RATE_LIMIT_PER_MINUTE). */
  apiRequestsPerToken: { points: env.API_RATE_LIMIT_PER_MINUTE, duration: 60, message: "Too many API requests with this token." },
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

const normalizeKey = (key: string) => key.toLowerCase().slice(0, 200);

function limited(policy: RateLimitPolicy, msBeforeNext: number): AppError {
  const minutes = Math.max(1, Math.ceil(msBeforeNext / 60_000));
  return new AppError("RATE_LIMITED", `${rateLimitPolicies[policy].message} Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`);
}

/** Counts one attempt; throws RATE_LIMITED (saying when to retry) once the policy's budget is spent. */
export async function consumeRateLimit(db: Db, policy: RateLimitPolicy, key: string): Promise<void> {
  try {
    await limiterFor(db, policy).consume(normalizeKey(key));
  } catch (result) {
    if (!(result instanceof RateLimiterRes)) throw result;
    throw limited(policy, result.msBeforeNext);
  }
}

/** How many attempts are counted against a key in the current window. */
export async function countedAttempts(db: Db, policy: RateLimitPolicy, key: string): Promise<number> {
  return (await limiterFor(db, policy).get(normalizeKey(key)))?.consumedPoints ?? 0;
}

/** Forgets the attempts counted for a key (after a successful sign-in). */
export async function resetRateLimit(db: Db, policy: RateLimitPolicy, key: string): Promise<void> {
  await limiterFor(db, policy).delete(normalizeKey(key));
}

/** Gives back one attempt counted in advance (a sign-in counts before it checks the password, then refunds a success). */
export async function refundRateLimit(db: Db, policy: RateLimitPolicy, key: string): Promise<void> {
  await limiterFor(db, policy).reward(normalizeKey(key), 1);
}

/** Where a key stands in its policy's window, for clients that are told (the REST API's RateLimit headers). */
export interface RateLimitState {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets. */
  resetSeconds: number;
}

/** Counts one attempt and says where the key stands, instead of throwing when the budget is spent. */
export async function consumeRateLimitState(db: Db, policy: RateLimitPolicy, key: string): Promise<RateLimitState> {
  const limit = rateLimitPolicies[policy].points;
  const state = (result: RateLimiterRes, allowed: boolean): RateLimitState => ({
    allowed,
    limit,
    remaining: Math.max(0, result.remainingPoints),
    resetSeconds: Math.max(1, Math.ceil(result.msBeforeNext / 1000)),
  });
  try {
    return state(await limiterFor(db, policy).consume(normalizeKey(key)), true);
  } catch (result) {
    if (!(result instanceof RateLimiterRes)) throw result;
    return state(result, false);
  }
}
