import "server-only";
import type { TicketStatus } from "@/lib/vocabularies";
import type { Settings } from "@/server/settings/settings";

/**
 * When a ticket may be rated, for the emailed link and the portal alike:
 * surveys are on, the ticket is solved or closed, and if closed, not more
 * than `satisfactionLinkDays` days ago. (An emailed link also has a lifetime
 * of its own, "link_expired": see rating-links.ts.)
 */
export type RatingRefusalReason = "invalid" | "disabled" | "unsolved" | "expired" | "link_expired";
export interface RatingRefusal {
  reason: RatingRefusalReason;
  message: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function ratingRefusal(
  settings: Pick<Settings, "satisfactionSurveys" | "satisfactionLinkDays">,
  ticket: { number: number; status: TicketStatus; closedAt: Date | null },
  now: Date,
): RatingRefusal | null {
  if (!settings.satisfactionSurveys) {
    return { reason: "disabled", message: "Satisfaction ratings are turned off, so this ticket cannot be rated." };
  }
  if (ticket.status !== "solved" && ticket.status !== "closed") {
    return { reason: "unsolved", message: `Ticket #${ticket.number} is not solved, so there is nothing to rate yet.` };
  }
  const days = settings.satisfactionLinkDays;
  if (ticket.status === "closed" && ticket.closedAt && now.getTime() - ticket.closedAt.getTime() > days * DAY_MS) {
    return {
      reason: "expired",
      message: `Ticket #${ticket.number} closed more than ${days} day${days === 1 ? "" : "s"} ago, so it can no longer be rated.`,
    };
  }
  return null;
}
