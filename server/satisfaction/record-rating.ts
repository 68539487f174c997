import "server-only";
import { eq } from "drizzle-orm";
import { satisfactionRatings, tickets, type SatisfactionScore } from "@/db/schema";
import type { Db } from "@/db/types";
import { notifyBadRating } from "@/server/email/notifications";
import { AppError } from "@/server/errors";
import { publishTicketActivity } from "@/server/events/ticket-activity";
import { getSettings } from "@/server/settings/settings";
import { touch } from "@/server/tickets/lock-ticket";
import { canTransition, resolutionTimestamps } from "@/lib/status-machine";
import { recordEvents } from "@/server/tickets/ticket-events";
import { afterTicketUpdate } from "@/server/tickets/update-ticket";
import { ratingRefusal } from "./rating-window";

/**
 * Records the requester's rating of a ticket, whichever way it arrived (the
 * emailed link or the portal). One row per ticket: a new score replaces the
 * old one, with a `satisfaction` event, the ticket's current assignee and a
 * new ratedAt. Sending the same score again only updates the comment, so the
 * "Tell us more" box and a reload of the emailed link never count twice.
 * A new bad score emails the assignee and, when the setting says so,
 * reopens a solved ticket.
 */
export interface RatingInput {
  score: SatisfactionScore;
  /** Undefined keeps the comment of an unchanged score; an empty string clears it. */
  comment?: string;
}

export interface RecordedRating {
  score: SatisfactionScore;
  comment: string | null;
  ratedAt: Date;
  /** The ticket went back to open because of this rating. */
  reopened: boolean;
}

export async function recordRating(db: Db, ticketId: string, input: RatingInput, now: Date = new Date()): Promise<RecordedRating> {
  return db.transaction(async (tx) => {
    const [ticket] = await tx
      .select({
        id: tickets.id,
        number: tickets.number,
        status: tickets.status,
        closedAt: tickets.closedAt,
        requesterId: tickets.requesterId,
        assigneeId: tickets.assigneeId,
        version: tickets.version,
      })
      .from(tickets)
      .where(eq(tickets.id, ticketId))
      .for("update");
    if (!ticket) throw new AppError("NOT_FOUND", "This ticket no longer exists.");
    const settings = await getSettings(tx);
    const [existing] = await tx.select().from(satisfactionRatings).where(eq(satisfactionRatings.ticketId, ticket.id));
    const sameScore = existing?.score === input.score;

    const refusal = ratingRefusal(settings, ticket, now);
    // A comment may follow a bad rating that has just reopened the ticket.
    const commentAfterReopen = refusal?.reason === "unsolved" && sameScore;
    if (refusal && !commentAfterReopen) throw new AppError("INVALID", refusal.message);

    const comment = input.comment === undefined ? (sameScore ? (existing?.comment ?? null) : null) : input.comment.trim() || null;
    const rating = {
      score: input.score,
      comment,
      // Who had the ticket when it was rated; a comment added later keeps the rating's.
      assigneeId: sameScore && existing ? existing.assigneeId : ticket.assigneeId,
      ratedAt: sameScore && existing ? existing.ratedAt : now,
    };
    await tx
      .insert(satisfactionRatings)
      .values({ ticketId: ticket.id, ...rating })
      .onConflictDoUpdate({ target: satisfactionRatings.ticketId, set: rating });
    // A new score, or a comment added or changed (a reload of the emailed link is neither).
    if (!sameScore || comment !== existing?.comment) await publishTicketActivity(tx, { type: "ticket_rated", ticketId: ticket.id, rating, at: now });
    if (sameScore) return { score: rating.score, comment, ratedAt: rating.ratedAt, reopened: false };

    await recordEvents(tx, ticket.id, ticket.requesterId, [{ field: "satisfaction", from: existing?.score ?? null, to: input.score }], now);
    const reopen = input.score === "bad" && settings.reopenOnBadRating && ticket.status === "solved" && canTransition("solved", "open", "system");
    if (input.score === "bad") await notifyBadRating(tx, ticket.id, { comment, ratedAt: now, reopened: reopen });
    if (reopen) {
      await tx
        .update(tickets)
        .set({ status: "open", ...resolutionTimestamps("solved", "open", now), ...touch(now) })
        .where(eq(tickets.id, ticket.id));
      await recordEvents(tx, ticket.id, null, [{ field: "status", from: "solved", to: "open", detail: "bad satisfaction rating" }], now);
      await afterTicketUpdate(tx, ticket.id, ticket.version + 1, now);
    }
    return { score: rating.score, comment, ratedAt: now, reopened: reopen };
  });
}
