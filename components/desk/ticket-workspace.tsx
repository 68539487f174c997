"use client";

import { useMutation } from "@tanstack/react-query";
import type { Route } from "next";
import { useRouter } from "next/navigation";
import { useMemo, useRef, useState, type ReactNode } from "react";
import { deskReturnPath, ticketHrefFrom } from "@/lib/desk-return";
import type { TicketStatus } from "@/lib/vocabularies";
import type { DeskOptions } from "@/server/tickets/desk-options";
import { canTransition, nextStatuses } from "@/lib/status-machine";
import { useReplyDraft } from "../live/reply-drafts";
import { ReplyComposer } from "../reply-composer";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { ArticleLinkPicker } from "./article-link-picker";
import { CannedResponsePicker, type CannedResponse } from "./canned-response-picker";
import { PresenceBar } from "./presence-bar";
import { useQueueNeighbours } from "./queue-neighbours";
import { ShortcutHelp, ticketShortcuts } from "./shortcut-help";
import { TurnIntoArticle } from "./turn-into-article";
import { TicketProperties, useSaveWithUndo, type EditableTicket } from "./ticket-properties";
import { useShortcuts } from "./use-shortcuts";

const shortcuts: [string, string][] = [["j / k", "Next / previous ticket in the queue"], ...ticketShortcuts];

export interface WorkspaceTicket extends EditableTicket {
  version: number;
  requesterName: string;
}

/**
 * The interactive half of an agent's ticket page: properties that save at
 * once (refusing stale versions), the composer, presence, and the keyboard
 * shortcuts that tie them together. The thread and timeline are rendered on
 * the server and passed in; live updates re-render them in place (this
 * component, and the draft in it, stay). The draft is also kept in the
 * browser per agent and ticket, so a reload or a detour does not lose it.
 * `from` is the queue the agent came from: Esc and "Back to the queue" go
 * there, j / k and "Send and next" walk it.
 */
export function TicketWorkspace({
  ticket,
  options,
  me,
  messageIds,
  from,
  cannedResponses,
  thread,
  sidebar,
}: {
  ticket: WorkspaceTicket;
  options: DeskOptions;
  me: { id: string; name: string };
  /** The thread's messages as rendered, oldest first. */
  messageIds: string[];
  from: string;
  cannedResponses: CannedResponse[];
  thread: ReactNode;
  sidebar: ReactNode;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [draft, setDraft] = useReplyDraft(me.id, ticket.number);
  const [help, setHelp] = useState(false);
  // The newest version known here: the page's, or a save's that the page has not caught up with yet.
  const [savedVersion, setSavedVersion] = useState(0);
  const version = Math.max(ticket.version, savedVersion);
  // This agent's own messages, known before the re-render that shows them.
  const [sentIds, setSentIds] = useState<string[]>([]);
  const [sending, setSending] = useState(false);
  const knownMessageIds = useMemo(() => new Set([...messageIds, ...sentIds]), [messageIds, sentIds]);
  const lastSent = sentIds.at(-1);
  const lastSeenMessageId = lastSent && !messageIds.includes(lastSent) ? lastSent : (messageIds.at(-1) ?? null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const returnPath = deskReturnPath(from);
  const neighbours = useQueueNeighbours(ticket.number, returnPath);
  const [walkError, setWalkError] = useState<string | null>(null);

  async function walk(direction: "previous" | "next", { orBack = false } = {}) {
    try {
      const target = (await neighbours())[direction];
      if (target !== null) router.push(ticketHrefFrom(target, returnPath) as Route);
      else if (orBack) router.push(returnPath as Route);
      else setWalkError(direction === "next" ? "This is the last ticket of the queue." : "This is the first ticket of the queue.");
    } catch {
      if (orBack) router.push(returnPath as Route);
      else setWalkError("Could not read the queue. Try again, or go back to it.");
    }
  }

  const update = useMutation(
    trpc.desk.update.mutationOptions({
      onSuccess: (result) => {
        setSavedVersion(result.version);
        router.refresh();
      },
    }),
  );
  const change = useSaveWithUndo(ticket, version, update.mutateAsync, setSavedVersion);
  const compose = (kind: "public" | "internal") => {
    setDraft({ kind });
    textarea.current?.focus();
  };
  const setStatus = (status: TicketStatus) => {
    if (canTransition(ticket.status, status, "agent")) change({ status });
  };

  useShortcuts(
    {
      r: () => compose("public"),
      n: () => compose("internal"),
      a: () => change({ assigneeId: me.id }),
      s: () => setStatus("solved"),
      p: () => setStatus("pending"),
      j: () => void walk("next"),
      k: () => void walk("previous"),
      escape: (event) => {
        if (event.target === textarea.current) textarea.current?.blur();
        else router.push(returnPath as Route);
      },
      "?": () => setHelp(true),
    },
    !help,
  );

  /** Puts text where the cursor was in the reply (or at its end), and the cursor after it. */
  function insertAtCursor(text: string) {
    const field = textarea.current;
    const start = field?.selectionStart ?? draft.body.length;
    const end = field?.selectionEnd ?? start;
    setDraft({ body: `${draft.body.slice(0, start)}${text}${draft.body.slice(end)}` });
    requestAnimationFrame(() => {
      field?.focus();
      field?.setSelectionRange(start + text.length, start + text.length);
    });
  }

  const sendAs = nextStatuses(ticket.status === "new" ? "open" : ticket.status, "agent").filter((s) => s !== "open");
  return (
    // One column below xl (properties under the thread); minmax(0, …) keeps long unbreakable content
    // in the sidebar (truncated ticket links) from widening the page past a phone's screen.
    <div className="grid grid-cols-[minmax(0,1fr)] gap-6 xl:grid-cols-[minmax(0,1fr)_19rem]">
      <div className="min-w-0 space-y-6">
        {thread}
        <PresenceBar
          number={ticket.number}
          composing={draft.body.length > 0}
          knownVersion={version}
          knownMessageIds={knownMessageIds}
          busy={sending || update.isPending}
          onReload={() => router.refresh()}
        />
        <ReplyComposer
          number={ticket.number}
          agent={{ kind: draft.kind, onKindChange: (kind) => setDraft({ kind }), sendAs }}
          closed={ticket.status === "closed"}
          lastSeenMessageId={lastSeenMessageId}
          textareaRef={textarea}
          body={draft.body}
          onBodyChange={(body) => setDraft({ body })}
          onSendingChange={setSending}
          onSent={(sent) => {
            setSentIds((ids) => [...ids, sent.messageId]);
            setSavedVersion((known) => Math.max(known, sent.version));
          }}
          onSendAndNext={() => void walk("next", { orBack: true })}
          toolbar={
            <div className="flex flex-wrap items-center gap-2">
              {cannedResponses.length ? (
                <CannedResponsePicker
                  responses={cannedResponses}
                  values={{ requesterName: ticket.requesterName, ticketNumber: ticket.number, agentName: me.name }}
                  onInsert={(text) => {
                    setDraft((current) => ({ body: current.body ? `${current.body}\n\n${text}` : text }));
                    textarea.current?.focus();
                  }}
                />
              ) : null}
              <ArticleLinkPicker ticketNumber={ticket.number} kind={draft.kind} onInsert={insertAtCursor} />
            </div>
          }
        />
        {walkError ? (
          <p role="status" className="text-sm text-muted">
            {walkError}
          </p>
        ) : null}
      </div>
      <aside className="min-w-0 space-y-4" aria-label="Ticket details">
        <section className="rounded-lg border border-border bg-surface p-4">
          <div className="mb-3 flex items-center justify-between">
            <h2 className="text-sm font-semibold">Properties</h2>
            {ticket.assigneeId !== me.id && ticket.status !== "closed" ? (
              <Button variant="ghost" className="px-2 py-1 text-xs" onClick={() => change({ assigneeId: me.id })}>
                Assign to me (a)
              </Button>
            ) : null}
          </div>
          <TicketProperties ticket={ticket} options={options} saving={update.isPending} onChange={change} />
          {update.error ? (
            <div role="alert" className="mt-3 space-y-2 rounded-md border border-danger/40 bg-danger-soft p-2 text-sm text-danger">
              <p>{update.error.message}</p>
              {update.error.data?.code === "CONFLICT" ? (
                <Button variant="secondary" onClick={() => { update.reset(); router.refresh(); }}>
                  Reload the ticket
                </Button>
              ) : null}
            </div>
          ) : null}
        </section>
        {sidebar}
        {ticket.status === "solved" || ticket.status === "closed" ? <TurnIntoArticle ticketNumber={ticket.number} /> : null}
        <p className="text-xs text-muted">
          Press <kbd className="font-mono">?</kbd> for keyboard shortcuts.
        </p>
      </aside>
      <ShortcutHelp open={help} onClose={() => setHelp(false)} shortcuts={shortcuts} />
    </div>
  );
}
