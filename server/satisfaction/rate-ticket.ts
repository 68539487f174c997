import "server-only";
import { eq } from "drizzle-orm";
import { satisfactionRatings, tickets, type SatisfactionScore } from "@/db/schema";
import type { Db, DbOrTx } from "@/db/types";
import { AppError } from "@/server/errors";
import { consumeRateLimit } from "@/server/rate-limit";
import { getSettings } from "@/server/settings/settings";
import { findVisibleTicket } from "@/server/tickets/ticket-detail";
import type { SessionUser } from "@/server/users/session-user";
import { INVALID_LINK_MESSAGE, ratingLinkRefusal, readRatingToken } from "./rating-links";
import { ratingRefusal, type RatingRefusalReason } from "./rating-window";
import { recordRating, type RatingInput, type RecordedRating } from "./record-rating";

/**
 * The two ways a requester rates a ticket: the signed link from the solved
 * email (no sign-in) and the widget on their ticket page in the portal. Both
 * are rate-limited per ticket; the link also per client address, before the
 * token is even checked, and only within its lifetime (rating-links.ts).
 */
export async function rateByLink(db: Db, input: RatingInput & { token: string }, clientAddress?: string | null): Promise<RecordedRating> {
  if (clientAddress) await consumeRateLimit(db, "ratingPerAddress", clientAddress);
  const link = readRatingToken(input.token);
  if (!link) throw new AppError("INVALID", INVALID_LINK_MESSAGE);
  const [ticket] = await db.select({ id: tickets.id, number: tickets.number, solvedAt: tickets.solvedAt }).from(tickets).where(eq(tickets.id, link.ticketId));
  if (!ticket) throw new AppError("INVALID", INVALID_LINK_MESSAGE);
  const expired = ratingLinkRefusal(link, ticket, new Date());
  if (expired) throw new AppError("INVALID", expired.message);
  await consumeRateLimit(db, "ratingPerTicket", ticket.id);
  return recordRating(db, ticket.id, { score: input.score, comment: input.comment });
}

/** The ticket, if the viewer may see it and is the one who opened it (colleagues who can follow it may not rate it). */
async function requesterTicket(db: DbOrTx, viewer: SessionUser, number: number) {
  const ticket = await findVisibleTicket(db, viewer, eq(tickets.number, number));
  if (!ticket) throw new AppError("NOT_FOUND", `Ticket #${number} does not exist or is not yours to see.`);
  if (ticket.requesterId !== viewer.id) {
    throw new AppError("FORBIDDEN", `Only ${ticket.requesterName}, who opened ticket #${number}, can rate it.`);
  }
  return ticket;
}

export async function rateAsRequester(db: Db, viewer: SessionUser, input: RatingInput & { number: number }): Promise<RecordedRating> {
  const ticket = await requesterTicket(db, viewer, input.number);
  await consumeRateLimit(db, "ratingPerTicket", ticket.id);
  return recordRating(db, ticket.id, { score: input.score, comment: input.comment });
}

export interface RequesterRating {
  rating: { score: SatisfactionScore; comment: string | null; ratedAt: Date } | null;
  /** Null when the ticket may be rated now; otherwise why not. */
  refusal: { reason: RatingRefusalReason; message: string } | null;
}

/** The requester's own rating of their ticket, and whether they may rate it now. */
export async function getRequesterRating(db: DbOrTx, viewer: SessionUser, number: number, now: Date = new Date()): Promise<RequesterRating> {
  const ticket = await requesterTicket(db, viewer, number);
  const [rating] = await db
    .select({ score: satisfactionRatings.score, comment: satisfactionRatings.comment, ratedAt: satisfactionRatings.ratedAt })
    .from(satisfactionRatings)
    .where(eq(satisfactionRatings.ticketId, ticket.id));
  return { rating: rating ?? null, refusal: ratingRefusal(await getSettings(db), ticket, now) };
}
