import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { satisfactionRatings, tickets, type SatisfactionScore } from "@/db/schema";
import type { DbOrTx } from "@/db/types";
import { getAuthSecret } from "@/server/auth/secret";
import { env } from "@/server/env";
import { getSettings } from "@/server/settings/settings";
import { ratingRefusal, type RatingRefusal } from "./rating-window";

/**
 * Signed one-click rating links: /rate/<token>, where the token is the
 * ticket's id and an HMAC of it, both base64url. The key is derived from
 * AUTH_SECRET for this purpose only (as the reply addresses derive theirs),
 * so a token can be neither guessed from a ticket nor moved to another one.
 * The token never expires by itself: whether the ticket may still be rated
 * (surveys on, solved or closed, not closed too long ago) is decided from the
 * ticket and the settings each time the link is used.
 */
const SIGNATURE_BYTES = 16;
const tokenPattern = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{22})$/;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function signingKey(secret: string): Buffer {
  return crypto.createHmac("sha256", secret).update("frontdesk rating-link v1").digest();
}

function sign(encodedTicketId: string, secret: string): string {
  return crypto.createHmac("sha256", signingKey(secret)).update(`rating:${encodedTicketId}`).digest().subarray(0, SIGNATURE_BYTES).toString("base64url");
}

function encodeTicketId(ticketId: string): string {
  return Buffer.from(ticketId.replaceAll("-", ""), "hex").toString("base64url");
}

/** The ticket id a well-formed, canonically encoded payload carries (not yet verified). */
function decodeTicketId(encoded: string): string | null {
  const bytes = Buffer.from(encoded, "base64url");
  // Base64 has spare bits: only the one spelling we issue is accepted.
  if (bytes.length !== 16 || bytes.toString("base64url") !== encoded) return null;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function ratingTokenFor(ticketId: string, secret: string = getAuthSecret()): string {
  const lower = ticketId.toLowerCase();
  if (!uuidPattern.test(lower)) throw new Error(`Not a ticket id: ${ticketId}`);
  const payload = encodeTicketId(lower);
  return `${payload}.${sign(payload, secret)}`;
}

/** The ticket a token was issued for, or null when it is malformed or its signature does not match (compared in constant time). */
export function ticketIdFromRatingToken(token: string, secret: string = getAuthSecret()): string | null {
  const match = tokenPattern.exec(token.trim());
  if (!match?.[1] || !match[2]) return null;
  const ticketId = decodeTicketId(match[1]);
  if (!ticketId) return null;
  const expected = Buffer.from(sign(match[1], secret));
  const given = Buffer.from(match[2]);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given) ? ticketId : null;
}

/** The emailed link that rates a ticket with one click (the page records it once it loads in a browser). */
export function ratingUrl(ticketId: string, score: SatisfactionScore, secret?: string): string {
  return `${env.APP_URL}/rate/${ratingTokenFor(ticketId, secret)}?score=${score}`;
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
 * be rated now, or why not (invalid, surveys off, not solved, expired).
 * Reads only: opening a link never records anything.
 */
export async function verifyRatingLink(db: DbOrTx, token: string, now: Date = new Date()): Promise<RatingLinkState> {
  const ticketId = ticketIdFromRatingToken(token);
  const [ticket] = ticketId
    ? await db
        .select({ id: tickets.id, number: tickets.number, subject: tickets.subject, status: tickets.status, closedAt: tickets.closedAt })
        .from(tickets)
        .where(eq(tickets.id, ticketId))
    : [];
  if (!ticket) return { ok: false, refusal: { reason: "invalid", message: INVALID_LINK_MESSAGE }, ticket: null };

  const [rating] = await db
    .select({ score: satisfactionRatings.score, comment: satisfactionRatings.comment })
    .from(satisfactionRatings)
    .where(eq(satisfactionRatings.ticketId, ticket.id));
  const refusal = ratingRefusal(await getSettings(db), ticket, now);
  const summary = { number: ticket.number, subject: ticket.subject };
  if (refusal) return { ok: false, refusal, ticket: summary };
  return { ok: true, ticket: summary, rating: rating ?? null };
}
