import "server-only";
import crypto from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { users } from "@/db/schema";
import type { DbOrTx } from "@/db/types";
import { getAuthSecret } from "@/server/auth/secret";
import { env } from "@/server/env";
import { confirmEmailAddress, type AddressConfirmation } from "./organization-membership";

/**
 * Signed "confirm your email address" links: /verify-email?token=<user>.<expiry>.<signature>.
 * The HMAC (under a key derived from AUTH_SECRET for this purpose only) covers
 * the user's id, their address at the time and the expiry, so a link proves
 * that whoever opens it read mail sent to that address, for that account,
 * recently; it stops working when the address changes or the time runs out.
 */
export const VERIFY_LINK_HOURS = 24;
const SIGNATURE_BYTES = 16;
const tokenPattern = /^([A-Za-z0-9_-]{22})\.([0-9a-z]{1,12})\.([A-Za-z0-9_-]{22})$/;

function signingKey(secret: string): Buffer {
  return crypto.createHmac("sha256", secret).update("frontdesk verify-email v1").digest();
}

function sign(userId: string, email: string, expires: string, secret: string): string {
  return crypto
    .createHmac("sha256", signingKey(secret))
    .update(`verify-email:${userId}:${email.toLowerCase()}:${expires}`)
    .digest()
    .subarray(0, SIGNATURE_BYTES)
    .toString("base64url");
}

function encodeUuid(id: string): string {
  return Buffer.from(id.replaceAll("-", ""), "hex").toString("base64url");
}

function decodeUuid(encoded: string): string | null {
  const bytes = Buffer.from(encoded, "base64url");
  if (bytes.length !== 16 || bytes.toString("base64url") !== encoded) return null;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function emailVerificationToken(user: { id: string; email: string }, now: Date = new Date(), secret: string = getAuthSecret()): string {
  const expires = Math.floor(now.getTime() / 1000 + VERIFY_LINK_HOURS * 3600).toString(36);
  return `${encodeUuid(user.id)}.${expires}.${sign(user.id, user.email, expires, secret)}`;
}

export function emailVerificationUrl(user: { id: string; email: string }, now?: Date): string {
  return `${env.APP_URL}/verify-email?token=${emailVerificationToken(user, now)}`;
}

export type EmailVerificationResult = ({ ok: true } & AddressConfirmation) | { ok: false; reason: "invalid" | "expired" };

/**
 * Uses a link: checks its signature against the account's current address
 * (constant time) and its expiry, then confirms the address. A disabled or
 * deleted account's link is invalid. Using a link twice is harmless.
 */
export async function verifyEmailWithToken(db: DbOrTx, token: string, now: Date = new Date(), secret: string = getAuthSecret()): Promise<EmailVerificationResult> {
  const match = tokenPattern.exec(token.trim());
  const userId = match?.[1] ? decodeUuid(match[1]) : null;
  if (!match?.[2] || !match[3] || !userId) return { ok: false, reason: "invalid" };
  const [user] = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.disabledAt)));
  if (!user) return { ok: false, reason: "invalid" };
  const expected = Buffer.from(sign(user.id, user.email, match[2], secret));
  const given = Buffer.from(match[3]);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return { ok: false, reason: "invalid" };
  if (parseInt(match[2], 36) * 1000 < now.getTime()) return { ok: false, reason: "expired" };
  return { ok: true, ...(await confirmEmailAddress(db, user.id)) };
}
