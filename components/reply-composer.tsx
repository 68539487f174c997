"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useTRPC } from "./trpc/client";
import { Button } from "./ui/button";
import { FormError, Textarea } from "./ui/field";

/**
 * Writes a reply. Agents can switch to an internal note, which the requester
 * never sees. After sending, the server-rendered thread is refreshed.
 */
export function ReplyComposer({ number, allowInternal, closed }: { number: number; allowInternal: boolean; closed: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [body, setBody] = useState("");
  const [kind, setKind] = useState<"public" | "internal">("public");
  const reply = useMutation(
    trpc.tickets.reply.mutationOptions({
      onSuccess: () => {
        setBody("");
        router.refresh();
      },
    }),
  );

  if (closed) {
    return <p className="rounded-lg border border-border bg-surface-muted px-4 py-3 text-sm text-muted">This ticket is closed. Open a new ticket if you need more help.</p>;
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    reply.mutate({ number, body, kind });
  }

  const note = kind === "internal";
  const error = reply.error?.data?.fieldErrors?.body?.[0] ?? reply.error?.message;
  return (
    <form onSubmit={submit} className={`space-y-3 rounded-lg border p-4 ${note ? "border-note-border bg-note" : "border-border bg-surface"}`}>
      {allowInternal ? (
        <div role="radiogroup" aria-label="Reply type" className="flex gap-1 text-sm">
          {(["public", "internal"] as const).map((k) => (
            <label key={k} className={`cursor-pointer rounded-md px-2.5 py-1 ${kind === k ? "bg-surface-muted font-medium" : "text-muted"}`}>
              <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} className="sr-only" />
              {k === "public" ? "Public reply" : "Internal note"}
            </label>
          ))}
        </div>
      ) : null}
      <label htmlFor="reply-body" className="sr-only">
        {note ? "Internal note" : "Your reply"}
      </label>
      <Textarea
        id="reply-body"
        rows={5}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        placeholder={note ? "Visible to agents only…" : allowInternal ? "Reply to the requester…" : "Write your reply…"}
        maxLength={20000}
        className="bg-surface"
      />
      <FormError message={reply.isError ? error : null} />
      <div className="flex items-center justify-between gap-2">
        <span className="text-xs text-muted">Markdown supported.</span>
        <Button type="submit" disabled={reply.isPending || body.trim().length === 0}>
          {reply.isPending ? "Sending…" : note ? "Add note" : "Send reply"}
        </Button>
      </div>
    </form>
  );
}
