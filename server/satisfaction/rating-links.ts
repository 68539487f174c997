import "server-only";
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { satisfactionRatings, tickets, type SatisfactionScore } from "@/db/schema";
import type { DbOrTx } from "@/db/types";
import { RATING_LINK_LIFETIME_DAYS } from "@/lib/rating-link-lifetime";
import { getAuthSecret } from "@/server/auth/secret";
import { env } from "@/server/env";
import { getSettings } from "@/server/settings/settings";
import { ratingRefusal, type RatingRefusal } from "./rating-window";

/**
 * Signed one-click rating links: /rate/<token>, where the token is a payload
 * (the ticket's id and the second the link was issued) and an HMAC of it,
 * both base64url. The key is derived from AUTH_SECRET for this purpose only
 * (as the reply addresses derive theirs), so a token can be neither guessed
 * from a ticket nor moved to another one, and its issue time cannot be moved.
 *
 * A link works for RATING_LINK_LIFETIME_DAYS after it was issued; after that
 * the page says it expired and sends the requester to the portal, where
 * signing in proves who they are. Within its lifetime, whether the ticket may
 * still be rated (surveys on, solved or closed, not closed too long ago) is
 * decided from the ticket and the settings each time the link is used.
 *
 * Links mailed before issue times were signed (the "v1" payload: the id
 * alone) were all issued when their ticket was solved, so they work until
 * the ticket's solved_at plus the same lifetime, and never past a fixed date
 * 30 days after this change (a re-solve moves solved_at). That keeps a link
 * mailed yesterday working and cuts off every older one without a migration.
 */
export { RATING_LINK_LIFETIME_DAYS };
const DAY_MS = 24 * 60 * 60 * 1000;
/** Issue times a little ahead of this server's clock (another app server's) are tolerated; more is no link we issued. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;
const SIGNATURE_BYTES = 16;
const ID_BYTES = 16;
const ISSUED_AT_BYTES = 4;
const tokenPattern = /^([A-Za-z0-9_-]{22}|[A-Za-z0-9_-]{27})\.([A-Za-z0-9_-]{22})$/;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function signingKey(secret: string): Buffer {
  return crypto.createHmac("sha256", secret).update("frontdesk rating-link v1").digest();
}

/** v1 payloads (the id alone) and v2 payloads (id and issue time) are signed under different labels, so neither passes for the other. */
function sign(payload: string, secret: string): string {
  const label = payload.length === 22 ? "rating" : "rating-v2";
  return crypto.createHmac("sha256", signingKey(secret)).update(`${label}:${payload}`).digest().subarray(0, SIGNATURE_BYTES).toString("base64url");
}

function encodePayload(ticketId: string, issuedAt: Date): string {
  const bytes = Buffer.alloc(ID_BYTES + ISSUED_AT_BYTES);
  Buffer.from(ticketId.replaceAll("-", ""), "hex").copy(bytes);
  bytes.writeUInt32BE(Math.floor(issuedAt.getTime() / 1000), ID_BYTES);
  return bytes.toString("base64url");
}

export interface RatingLinkToken {
  ticketId: string;
  /** When the link was issued; null for a v1 link, mailed before issue times were signed. */
  issuedAt: Date | null;
}

/** What a well-formed, canonically encoded payload carries (not yet verified). */
function decodePayload(encoded: string): RatingLinkToken | null {
  const bytes = Buffer.from(encoded, "base64url");
  // Base64 has spare bits: only the one spelling we issue is accepted.
  if (bytes.toString("base64url") !== encoded) return null;
  if (bytes.length !== ID_BYTES && bytes.length !== ID_BYTES + ISSUED_AT_BYTES) return null;
  const hex = bytes.subarray(0, ID_BYTES).toString("hex");
  const ticketId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  const issuedAt = bytes.length === ID_BYTES ? null : new Date(bytes.readUInt32BE(ID_BYTES) * 1000);
  return { ticketId, issuedAt };
}

export function ratingTokenFor(ticketId: string, issuedAt: Date = new Date(), secret: string = getAuthSecret()): string {
  const lower = ticketId.toLowerCase();
  if (!uuidPattern.test(lower)) throw new Error(`Not a ticket id: ${ticketId}`);
  const payload = encodePayload(lower, issuedAt);
  return `${payload}.${sign(payload, secret)}`;
}

/** The ticket and issue time a token carries, or null when it is malformed or its signature does not match (compared in constant time). */
export function readRatingToken(token: string, secret: string = getAuthSecret()): RatingLinkToken | null {
  const match = tokenPattern.exec(token.trim());
  if (!match?.[1] || !match[2]) return null;
  const link = decodePayload(match[1]);
  if (!link) return null;
  const expected = Buffer.from(sign(match[1], secret));
  const given = Buffer.from(match[2]);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given) ? link : null;
}

/** The ticket a token was issued for, or null when it is malformed or not signed by this secret. */
export function ticketIdFromRatingToken(token: string, secret: string = getAuthSecret()): string | null {
  return readRatingToken(token, secret)?.ticketId ?? null;
}

/** When a link stops working: its lifetime after it was issued (for a v1 link, after the ticket was solved; never while the ticket is unsolved, which refuses it anyway). */
export function ratingLinkExpiresAt(link: RatingLinkToken, ticket: { solvedAt: Date | null }): Date | null {
  if (link.issuedAt) return new Date(link.issuedAt.getTime() + RATING_LINK_LIFETIME_DAYS * DAY_MS);
  if (!ticket.solvedAt) return null;
  // A re-solve moves solved_at, so a v1 link also stops at a fixed date: it can never come back to life.
  const bySolve = ticket.solvedAt.getTime() + RATING_LINK_LIFETIME_DAYS * DAY_MS;
  return new Date(Math.min(bySolve, V1_LINKS_END.getTime()));
}

/** Links without an issue time were last mailed before this release (4 December 2026); they all stop 30 days after it. */
const V1_LINKS_END = new Date("2027-01-03T00:00:00Z");

/** Why this link no longer rates this ticket by itself (expired, or issued in the future), or null when its lifetime allows it. */
export function ratingLinkRefusal(link: RatingLinkToken, ticket: { number: number; solvedAt: Date | null }, now: Date): RatingRefusal | null {
  if (link.issuedAt && link.issuedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) return { reason: "invalid", message: INVALID_LINK_MESSAGE };
  const expiresAt = ratingLinkExpiresAt(link, ticket);
  if (!expiresAt || now.getTime() <= expiresAt.getTime()) return null;
  return {
    reason: "link_expired",
    message: `Rating links from our emails work for ${RATING_LINK_LIFETIME_DAYS} days, and this one has expired. You can still rate ticket #${ticket.number} from its page in the portal after signing in.`,
  };
}

/** The emailed link that rates a ticket with one click (the page records it once it loads in a browser). */
export function ratingUrl(ticketId: string, score: SatisfactionScore, issuedAt: Date = new Date()): string {
  return `${env.APP_URL}/rate/${ratingTokenFor(ticketId, issuedAt)}?score=${score}`;
}

export const INVALID_LINK_MESSAGE =
  "This rating link is not valid. Open it again from the email, copying the whole link, or rate the ticket from your ticket page.";

export type RatingLinkState =
  | {
      ok: true;
      ticket: { number: number; subject: string };
      rating: { score: SatisfactionScore; comment: string | null } | null;
    }
  | { ok: false; refusal: RatingRefusal; ticket: { number: number; subject: string } | null };

/**
 * What a rating link leads to: the ticket and its current rating when it may
 * be rated now, or why not (invalid, surveys off, not solved, closed too long
 * ago, link expired). Reads only: opening a link never records anything.
 */
export async function verifyRatingLink(db: DbOrTx, token: string, now: Date = new Date()): Promise<RatingLinkState> {
  const link = readRatingToken(token);
  const [ticket] = link
    ? await db
        .select({ id: tickets.id, number: tickets.number, subject: tickets.subject, status: tickets.status, closedAt: tickets.closedAt, solvedAt: tickets.solvedAt })
        .from(tickets)
        .where(eq(tickets.id, link.ticketId))
    : [];
  if (!link || !ticket) return { ok: false, refusal: { reason: "invalid", message: INVALID_LINK_MESSAGE }, ticket: null };

  const [rating] = await db
    .select({ score: satisfactionRatings.score, comment: satisfactionRatings.comment })
    .from(satisfactionRatings)
    .where(eq(satisfactionRatings.ticketId, ticket.id));
  // The ticket's own state speaks first: when it cannot be rated at all, the portal is no way round.
  const refusal = ratingRefusal(await getSettings(db), ticket, now) ?? ratingLinkRefusal(link, ticket, now);
  const summary = { number: ticket.number, subject: ticket.subject };
  if (refusal?.reason === "invalid") return { ok: false, refusal, ticket: null };
  if (refusal) return { ok: false, refusal, ticket: summary };
  return { ok: true, ticket: summary, rating: rating ?? null };
}
