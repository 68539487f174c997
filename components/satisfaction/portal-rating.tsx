"use client";

import { useRouter } from "next/navigation";
import type { RequesterRating } from "@/server/satisfaction/rate-ticket";
import { useTRPCClient } from "../trpc/client";
import { RatingForm } from "./rating-form";
import { scoreLabels } from "./score-labels";

/**
 * The requester's rating on their solved or closed ticket in the portal: the
 * current answer, changeable while the ticket may still be rated, or read
 * only (with the reason) once it may not.
 */
export function PortalRating({ number, subject, current }: { number: number; subject: string; current: RequesterRating }) {
  const client = useTRPCClient();
  const router = useRouter();
  const { rating, refusal } = current;
  if (refusal) {
    if (!rating) return null;
    return (
      <section aria-labelledby="rating-title" className="rounded-lg border border-border bg-surface p-4 text-sm">
        <h2 id="rating-title" className="font-semibold">
          Your rating
        </h2>
        <p>You rated the support on this ticket {scoreLabels[rating.score].toLowerCase()}.</p>
        {rating.comment ? <p className="mt-1 whitespace-pre-wrap text-muted">“{rating.comment}”</p> : null}
        <p className="mt-2 text-xs text-muted">{refusal.message}</p>
      </section>
    );
  }
  return (
    <div className="rounded-lg border border-border bg-surface p-4">
      <RatingForm
        title={`How did we do on #${number} ‘${subject}’?`}
        initialRating={rating}
        submit={(input) => client.satisfaction.rate.mutate({ number, ...input })}
        onRecorded={() => router.refresh()}
      />
    </div>
  );
}
