"use client";

import { useMutation, useMutationState } from "@tanstack/react-query";
import type { Route } from "next";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import { useReplyDraft } from "./live/reply-drafts";
import type { TicketStatus } from "@/lib/vocabularies";
import { canTransition } from "@/lib/status-machine";
import { ReplyComposer } from "./reply-composer";
import { useTRPC } from "./trpc/client";
import { Button } from "./ui/button";

/** Whether a reply mutation's input was for this ticket (the mutation cache holds every ticket's). */
function isReplyTo(variables: unknown, number: number): boolean {
  return typeof variables === "object" && variables !== null && "number" in variables && variables.number === number;
}

/**
 * The requester's side of a ticket: reply, or say the problem is solved.
 * A sent reply is confirmed in a status message until the next one is
 * started, and the "your ticket is in" welcome (?created=1) leaves the URL.
 */
export function PortalReply({
  userId,
  number,
  status,
  lastSeenMessageId,
  isRequester,
}: {
  /** Whose draft this is: a reply being written survives reload and navigation, per person and ticket. */
  userId: string;
  number: number;
  status: TicketStatus;
  lastSeenMessageId: string | null;
  /** Only the person who opened the ticket may mark it solved. */
  isRequester: boolean;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [draft, setDraft] = useReplyDraft(userId, number);
  const body = draft.body;
  const pathname = usePathname();
  const search = useSearchParams();
  const solve = useMutation(trpc.tickets.solve.mutationOptions({ onSuccess: () => router.refresh() }));
  // The composer owns the reply mutation; its successes for this ticket are read from the mutation cache,
  // by when they were sent (old ones leave the cache after a while, so counting them would drift).
  const lastSentAt = Math.max(
    0,
    ...useMutationState({
      filters: { mutationKey: trpc.tickets.reply.mutationKey(), status: "success" },
      select: (mutation) => (isReplyTo(mutation.state.variables, number) ? mutation.state.submittedAt : 0),
    }),
  );
  const [sentBeforeMount] = useState(lastSentAt);
  const sentHere = lastSentAt > sentBeforeMount;
  const justSent = sentHere && body === "";
  const welcomed = search.get("created") !== null;
  useEffect(() => {
    if (sentHere && welcomed) router.replace(pathname as Route, { scroll: false });
  }, [sentHere, welcomed, router, pathname]);

  return (
    <div className="space-y-3">
      <p role="status" className={justSent ? "rounded-lg border border-success/30 bg-success-soft px-4 py-2 text-sm text-success" : "sr-only"}>
        {justSent ? "Reply sent. We will answer here and by email." : ""}
      </p>
      <ReplyComposer number={number} closed={status === "closed"} lastSeenMessageId={lastSeenMessageId} body={body} onBodyChange={(next) => setDraft({ body: next })} />
      {isRequester && canTransition(status, "solved", "requester") ? (
        <div className="flex flex-wrap items-center justify-end gap-3 text-sm text-muted">
          <span>Problem sorted?</span>
          <Button variant="secondary" onClick={() => solve.mutate({ number })} disabled={solve.isPending}>
            {solve.isPending ? "Marking solved…" : "Mark as solved"}
          </Button>
          {solve.error ? <span role="alert" className="text-danger">{solve.error.message}</span> : null}
        </div>
      ) : null}
    </div>
  );
}
