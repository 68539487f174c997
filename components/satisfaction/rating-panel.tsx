import type { TicketDetail } from "@/server/tickets/ticket-detail";
import { RelativeTime } from "../relative-time";
import { scoreLabels } from "./score-labels";

const scoreStyle = { good: "bg-success-soft text-success", bad: "bg-danger-soft text-danger" } as const;

/** The requester's satisfaction rating in the desk's ticket sidebar. */
export function RatingPanel({ rating, status }: { rating: TicketDetail["satisfaction"]; status: TicketDetail["ticket"]["status"] }) {
  if (!rating && status !== "solved" && status !== "closed") return null;
  return (
    <section className="rounded-lg border border-border bg-surface p-4" aria-labelledby="satisfaction-heading">
      <h2 id="satisfaction-heading" className="mb-2 text-sm font-semibold">
        Satisfaction
      </h2>
      {rating ? (
        <div className="space-y-2 text-sm" data-satisfaction={rating.score}>
          <p className="flex flex-wrap items-center gap-2">
            <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${scoreStyle[rating.score]}`}>{scoreLabels[rating.score]}</span>
            <span className="text-xs text-muted">
              rated <RelativeTime date={rating.ratedAt} />
              {rating.assigneeName ? ` · assigned to ${rating.assigneeName}` : null}
            </span>
          </p>
          {rating.comment ? (
            <blockquote className="border-l-2 border-border-strong pl-3 break-words whitespace-pre-wrap">{rating.comment}</blockquote>
          ) : (
            <p className="text-xs text-muted">No comment.</p>
          )}
        </div>
      ) : (
        <p className="text-sm text-muted">Not rated yet.</p>
      )}
    </section>
  );
}
