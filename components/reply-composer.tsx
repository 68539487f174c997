"use client";

import { useMutation } from "@tanstack/react-query";
import type { Route } from "next";
import { useRouter } from "next/navigation";
import { useState, type FormEvent, type RefObject } from "react";
import type { TicketStatus } from "@/lib/vocabularies";
import { AttachmentPicker } from "./attachment-picker";
import { statusLabels } from "./ticket-badges";
import { useTRPC } from "./trpc/client";
import { Button } from "./ui/button";
import { FormError, Textarea } from "./ui/field";

export type ReplyKind = "public" | "internal";

interface ComposerProps {
  number: number;
  /** Agents get internal notes and "send as" statuses; requesters a plain reply box. */
  agent?: {
    kind: ReplyKind;
    onKindChange: (kind: ReplyKind) => void;
    sendAs: readonly TicketStatus[];
  };
  closed: boolean;
  /** The newest message on the page; replies after it by others trigger a warning before sending. */
  lastSeenMessageId: string | null;
  textareaRef?: RefObject<HTMLTextAreaElement | null>;
  onComposingChange?: (composing: boolean) => void;
  toolbar?: React.ReactNode;
  body: string;
  onBodyChange: (body: string) => void;
  /** After a reply is added here: the page now knows its own message (so it never counts as someone else's). */
  onSent?: (sent: { messageId: string; version: number }) => void;
  /** Told when a send starts and ends (its outcome is unknown in between). */
  onSendingChange?: (sending: boolean) => void;
  /** Offers "Send and next": after sending, this opens the next ticket instead of staying. */
  onSendAndNext?: () => void;
}

/**
 * Writes a reply. Agents can switch to an internal note (never shown to the
 * requester) and set the status as they send. If someone else wrote in the
 * meantime, sending stops and says so; "Send anyway" goes ahead.
 */
export function ReplyComposer({ number, agent, closed, lastSeenMessageId, textareaRef, onComposingChange, toolbar, body, onBodyChange, onSendingChange, onSent, onSendAndNext }: ComposerProps) {
  const trpc = useTRPC();
  const router = useRouter();
  const [sendAs, setSendAs] = useState<TicketStatus | "">("");
  const [attachmentIds, setAttachmentIds] = useState<string[]>([]);
  // Bumped after each send so the attachment picker starts empty again.
  const [sent, setSent] = useState(0);
  const reply = useMutation(
    trpc.tickets.reply.mutationOptions({
      onMutate: () => onSendingChange?.(true),
      onSettled: () => onSendingChange?.(false),
      onSuccess: (result) => {
        onBodyChange("");
        setSendAs("");
        setAttachmentIds([]);
        setSent((n) => n + 1);
        onComposingChange?.(false);
        if (result.kind === "follow_up") router.push(`/tickets/${result.number}?followUp=1` as Route);
        else onSent?.({ messageId: result.messageId, version: result.version });
      },
    }),
  );
  // Whether the last send (or the conflict it met, then "Send anyway") was "Send and next".
  const [thenNext, setThenNext] = useState(false);
  const kind = agent?.kind ?? "public";
  const note = kind === "internal";

  function send(force: boolean, next: boolean) {
    if (!body.trim()) return;
    setThenNext(next);
    reply.mutate(
      { number, body, kind, status: sendAs || undefined, lastSeenMessageId: lastSeenMessageId ?? undefined, force, attachmentIds },
      {
        onSuccess: (result) => {
          if (result.kind !== "reply") return;
          if (next && onSendAndNext) onSendAndNext();
          else router.refresh();
        },
      },
    );
  }
  function submit(event: FormEvent) {
    event.preventDefault();
    send(false, false);
  }

  const conflict = reply.error?.data?.code === "CONFLICT";
  const error = reply.error?.data?.fieldErrors?.body?.[0] ?? reply.error?.message;
  return (
    <form onSubmit={submit} aria-label={note ? "Internal note" : "Reply"} className={`space-y-3 rounded-lg border p-4 ${note ? "border-note-border bg-note" : "border-border bg-surface"}`}>
      {agent ? (
        <div role="radiogroup" aria-label="Reply type" className="flex gap-1 text-sm">
          {(["public", "internal"] as const).map((k) => (
            <label key={k} className={`cursor-pointer rounded-md px-2.5 py-1 has-focus-visible:outline-2 has-focus-visible:outline-accent ${kind === k ? "bg-surface-muted font-medium" : "text-muted"}`}>
              <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => agent.onKindChange(k)} className="sr-only" />
              {k === "public" ? "Public reply" : "Internal note"}
              <span className="ml-1 text-xs text-muted">({k === "public" ? "r" : "n"})</span>
            </label>
          ))}
        </div>
      ) : null}
      {closed && !agent ? (
        <p className="text-sm text-muted">This ticket is closed. Your message will open a new follow-up ticket linked to this one.</p>
      ) : null}
      {toolbar}
      <label htmlFor="reply-body" className="sr-only">
        {note ? "Internal note" : "Your reply"}
      </label>
      <Textarea
        id="reply-body"
        ref={textareaRef}
        rows={5}
        value={body}
        onChange={(e) => {
          onBodyChange(e.target.value);
          onComposingChange?.(e.target.value.length > 0);
        }}
        onKeyDown={(e) => {
          if ((e.metaKey || e.ctrlKey) && e.key === "Enter") {
            e.preventDefault();
            send(false, false);
          }
        }}
        placeholder={note ? "Visible to agents only…" : agent ? "Reply to the requester…" : "Write your reply…"}
        maxLength={20000}
        className="bg-surface"
      />
      <AttachmentPicker key={sent} onChange={setAttachmentIds} disabled={reply.isPending} />
      {conflict ? (
        <div role="alert" className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-warning/40 bg-warning-soft px-3 py-2 text-sm text-warning">
          <span>{reply.error?.message}</span>
          <span className="flex gap-2">
            <Button variant="secondary" onClick={() => router.refresh()}>Show new messages</Button>
            <Button variant="secondary" onClick={() => send(true, thenNext)}>Send anyway</Button>
          </span>
        </div>
      ) : (
        <FormError message={reply.isError ? error : null} />
      )}
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="text-xs text-muted">Markdown supported · Ctrl/⌘+Enter to send</span>
        <div className="flex flex-wrap items-center justify-end gap-2">
          {agent && agent.sendAs.length ? (
            <>
              <label htmlFor="send-as" className="text-xs text-muted">Then set</label>
              <select id="send-as" value={sendAs} onChange={(e) => setSendAs(e.target.value as TicketStatus | "")} className="rounded-md border border-border-strong bg-surface px-2 py-1.5 text-sm">
                <option value="">Status unchanged</option>
                {agent.sendAs.map((s) => <option key={s} value={s}>{statusLabels[s]}</option>)}
              </select>
            </>
          ) : null}
          {onSendAndNext ? (
            <Button variant="secondary" disabled={reply.isPending || body.trim().length === 0} onClick={() => send(false, true)}>
              {note ? "Add and next" : "Send and next"}
            </Button>
          ) : null}
          <Button type="submit" disabled={reply.isPending || body.trim().length === 0}>
            {reply.isPending ? "Sending…" : note ? "Add note" : "Send reply"}
          </Button>
        </div>
      </div>
    </form>
  );
}
