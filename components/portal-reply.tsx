"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { TicketStatus } from "@/lib/vocabularies";
import { canTransition } from "@/lib/status-machine";
import { ReplyComposer } from "./reply-composer";
import { useTRPC } from "./trpc/client";
import { Button } from "./ui/button";

/** The requester's side of a ticket: reply, or say the problem is solved. */
export function PortalReply({
  number,
  status,
  lastSeenMessageId,
  isRequester,
}: {
  number: number;
  status: TicketStatus;
  lastSeenMessageId: string | null;
  /** Only the person who opened the ticket may mark it solved. */
  isRequester: boolean;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [body, setBody] = useState("");
  const solve = useMutation(trpc.tickets.solve.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <div className="space-y-3">
      <ReplyComposer number={number} closed={status === "closed"} lastSeenMessageId={lastSeenMessageId} body={body} onBodyChange={setBody} />
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
