"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useRef, useState, type ReactNode } from "react";
import type { TicketStatus } from "@/lib/vocabularies";
import type { DeskOptions } from "@/server/tickets/desk-options";
import { canTransition, nextStatuses } from "@/lib/status-machine";
import type { TicketPropertyChanges } from "@/server/tickets/update-ticket";
import { ReplyComposer, type ReplyKind } from "../reply-composer";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { CannedResponsePicker, type CannedResponse } from "./canned-response-picker";
import { PresenceBar } from "./presence-bar";
import { ShortcutHelp, ticketShortcuts } from "./shortcut-help";
import { TicketProperties, type EditableTicket } from "./ticket-properties";
import { useShortcuts } from "./use-shortcuts";

export interface WorkspaceTicket extends EditableTicket {
  version: number;
  requesterName: string;
}

/**
 * The interactive half of an agent's ticket page: properties that save at
 * once (refusing stale versions), the composer, presence, and the keyboard
 * shortcuts that tie them together. The thread and timeline are rendered on
 * the server and passed in.
 */
export function TicketWorkspace({
  ticket,
  options,
  me,
  latestMessageId,
  cannedResponses,
  thread,
  sidebar,
}: {
  ticket: WorkspaceTicket;
  options: DeskOptions;
  me: { id: string; name: string };
  latestMessageId: string | null;
  cannedResponses: CannedResponse[];
  thread: ReactNode;
  sidebar: ReactNode;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [kind, setKind] = useState<ReplyKind>("public");
  const [body, setBody] = useState("");
  const [help, setHelp] = useState(false);
  // The newest version known here: the page's, or a save's that the page has not caught up with yet.
  const [savedVersion, setSavedVersion] = useState(0);
  const version = Math.max(ticket.version, savedVersion);
  const textarea = useRef<HTMLTextAreaElement>(null);

  const update = useMutation(
    trpc.desk.update.mutationOptions({
      onSuccess: (result) => {
        setSavedVersion(result.version);
        router.refresh();
      },
    }),
  );
  const change = (changes: TicketPropertyChanges) => update.mutate({ number: ticket.number, version, changes });
  const compose = (next: ReplyKind) => {
    setKind(next);
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
      escape: (event) => {
        if (event.target === textarea.current) textarea.current?.blur();
        else router.push("/desk");
      },
      "?": () => setHelp(true),
    },
    !help,
  );

  const sendAs = nextStatuses(ticket.status === "new" ? "open" : ticket.status, "agent").filter((s) => s !== "open");
  return (
    <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_19rem]">
      <div className="min-w-0 space-y-6">
        {thread}
        <PresenceBar
          number={ticket.number}
          composing={body.length > 0}
          renderedVersion={version}
          renderedLatestMessageId={latestMessageId}
          onReload={() => router.refresh()}
        />
        <ReplyComposer
          number={ticket.number}
          agent={{ kind, onKindChange: setKind, sendAs }}
          closed={ticket.status === "closed"}
          lastSeenMessageId={latestMessageId}
          textareaRef={textarea}
          body={body}
          onBodyChange={setBody}
          toolbar={
            cannedResponses.length ? (
              <CannedResponsePicker
                responses={cannedResponses}
                values={{ requesterName: ticket.requesterName, ticketNumber: ticket.number, agentName: me.name }}
                onInsert={(text) => {
                  setBody((current) => (current ? `${current}\n\n${text}` : text));
                  textarea.current?.focus();
                }}
              />
            ) : null
          }
        />
      </div>
      <aside className="space-y-4" aria-label="Ticket details">
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
        <p className="text-xs text-muted">
          Press <kbd className="font-mono">?</kbd> for keyboard shortcuts.
        </p>
      </aside>
      <ShortcutHelp open={help} onClose={() => setHelp(false)} shortcuts={ticketShortcuts} />
    </div>
  );
}
