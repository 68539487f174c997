"use client";

import { useMutation } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { Button } from "../ui/button";
import { describedBy, Field, FormError, Textarea } from "../ui/field";
import { useTRPCClient } from "../trpc/client";

/**
 * "Was this helpful?" under a help-center article: Yes or No, then an optional
 * comment. Anyone who can read the article may answer, signed in or not.
 */
export function ArticleFeedbackForm({ articleId }: { articleId: number }) {
  const id = useId();
  const client = useTRPCClient();
  const [answer, setAnswer] = useState<boolean | null>(null);
  const [commentSent, setCommentSent] = useState(false);
  const send = useMutation({
    mutationFn: (input: { helpful: boolean; comment?: string }) => client.knowledge.feedback.mutate({ articleId, ...input }),
    onSuccess: (_result, input) => {
      setAnswer(input.helpful);
      if (input.comment) setCommentSent(true);
    },
  });

  function sendComment(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (answer === null) return;
    const comment = String(new FormData(event.currentTarget).get("comment") ?? "").trim();
    if (comment) send.mutate({ helpful: answer, comment });
  }

  return (
    <section aria-labelledby={`${id}-title`} className="space-y-3 rounded-lg border border-border bg-surface p-5">
      <h2 id={`${id}-title`} className="text-base font-semibold">
        Was this helpful?
      </h2>
      {answer === null ? (
        <div role="group" aria-label="Was this helpful?" className="flex gap-3">
          <Button variant="secondary" disabled={send.isPending} onClick={() => send.mutate({ helpful: true })}>
            Yes
          </Button>
          <Button variant="secondary" disabled={send.isPending} onClick={() => send.mutate({ helpful: false })}>
            No
          </Button>
        </div>
      ) : null}
      <p role="status" className="text-sm text-muted">
        {answer === null ? null : commentSent ? "Thanks, we have your comment." : answer ? "Thanks! Glad it helped." : "Thanks for telling us. What was missing?"}
      </p>
      <FormError message={send.error?.message} />
      {answer !== null && !commentSent ? (
        <form onSubmit={sendComment} className="space-y-3" aria-label="Tell us more">
          <Field id={`${id}-comment`} label="Tell us more (optional)">
            <Textarea id={`${id}-comment`} name="comment" rows={3} maxLength={2000} {...describedBy(`${id}-comment`)} />
          </Field>
          <Button type="submit" variant="secondary" disabled={send.isPending}>
            {send.isPending ? "Sending…" : "Send comment"}
          </Button>
        </form>
      ) : null}
    </section>
  );
}
