"use client";

import { useMutation } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import type { SatisfactionScore } from "@/lib/vocabularies";
import { Button } from "../ui/button";
import { describedBy, Field, FormError, Textarea } from "../ui/field";
import { scoreLabels } from "./score-labels";

export interface RatingView {
  score: SatisfactionScore;
  comment: string | null;
}

export type SubmitRating = (input: { score: SatisfactionScore; comment?: string }) => Promise<RatingView & { reopened: boolean }>;

const commentHint: Record<SatisfactionScore, string> = {
  good: "What went well? Anything we could do better?",
  bad: "What went wrong? We read every comment.",
};

const pressedStyle: Record<SatisfactionScore, string> = {
  good: "border-success bg-success-soft text-success",
  bad: "border-danger bg-danger-soft text-danger",
};

/**
 * "How did we do?": Good or Bad, then an optional comment that updates the
 * same rating. Used by the emailed link's page and the portal's ticket page;
 * each passes the procedure that records the answer. With `autoRate` (the
 * choice in the emailed link), it records that choice once it has mounted,
 * so only a real browser rates, never a mail scanner fetching the link.
 */
export function RatingForm({
  title,
  titleAs: Title = "h2",
  initialRating,
  autoRate = null,
  submit,
  onRecorded,
}: {
  title: string;
  titleAs?: "h1" | "h2";
  initialRating: RatingView | null;
  autoRate?: SatisfactionScore | null;
  submit: SubmitRating;
  onRecorded?: () => void;
}) {
  const id = useId();
  const [rating, setRating] = useState(initialRating);
  const [reopened, setReopened] = useState(false);
  const [commentSaved, setCommentSaved] = useState(false);
  const rate = useMutation({
    mutationFn: submit,
    onSuccess: (result) => {
      setRating(result);
      setReopened(result.reopened);
      setCommentSaved(false);
      onRecorded?.();
    },
  });
  const saveComment = useMutation({
    mutationFn: submit,
    onSuccess: (result) => {
      setRating(result);
      setCommentSaved(true);
      onRecorded?.();
    },
  });

  // Once per page load (an effect can run twice in development).
  const autoRated = useRef(false);
  const { mutate } = rate;
  useEffect(() => {
    if (autoRated.current || !autoRate || initialRating?.score === autoRate) return;
    autoRated.current = true;
    mutate({ score: autoRate });
  }, [autoRate, initialRating, mutate]);

  const shown = rate.isPending ? rate.variables.score : (rating?.score ?? autoRate);

  function sendComment(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!rating) return;
    const comment = String(new FormData(event.currentTarget).get("comment") ?? "");
    saveComment.mutate({ score: rating.score, comment });
  }

  return (
    <section aria-labelledby={`${id}-title`} className="space-y-4">
      <Title id={`${id}-title`} className={Title === "h1" ? "text-xl font-semibold break-words" : "text-base font-semibold break-words"}>
        {title}
      </Title>
      <div role="group" aria-label="Your rating" className="flex flex-wrap gap-3">
        {(["good", "bad"] as const).map((score) => (
          <button
            key={score}
            type="button"
            aria-pressed={shown === score}
            disabled={rate.isPending}
            onClick={() => rate.mutate({ score })}
            className={`inline-flex min-w-28 items-center justify-center rounded-md border px-4 py-2 text-sm font-medium transition-colors disabled:cursor-wait ${
              shown === score ? pressedStyle[score] : "border-border-strong bg-surface hover:bg-surface-muted"
            }`}
          >
            {scoreLabels[score]}
          </button>
        ))}
      </div>
      <p role="status" className="text-sm text-muted">
        {rate.isPending
          ? "Saving your rating…"
          : rating
            ? `Thanks, you rated this ${scoreLabels[rating.score].toLowerCase()}.${reopened ? " We have reopened your ticket and will follow up." : ""}`
            : null}
      </p>
      <FormError message={rate.error?.message} />
      {rating ? (
        <form onSubmit={sendComment} className="space-y-3" aria-label="Tell us more">
          <Field id={`${id}-comment`} label="Tell us more (optional)" hint={commentHint[rating.score]}>
            {/* Keyed by score: a new score starts a new comment (the server clears the old one too). */}
            <Textarea
              key={rating.score}
              id={`${id}-comment`}
              name="comment"
              rows={3}
              maxLength={2000}
              defaultValue={rating.comment ?? ""}
              {...describedBy(`${id}-comment`, undefined, commentHint[rating.score])}
            />
          </Field>
          <div className="flex flex-wrap items-center gap-3">
            <Button type="submit" variant="secondary" disabled={saveComment.isPending}>
              {saveComment.isPending ? "Sending…" : "Send comment"}
            </Button>
            <p role="status" className="text-sm text-success">
              {commentSaved ? "Thanks, we have your comment." : null}
            </p>
          </div>
          <FormError message={saveComment.error?.message} />
        </form>
      ) : null}
    </section>
  );
}
