"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ticketPriorities, type TicketPriority, type TicketStatus } from "@/lib/vocabularies";
import type { DeskOptions } from "@/server/tickets/desk-options";
import { priorityLabels, statusLabels } from "../ticket-badges";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";

const bulkStatuses: TicketStatus[] = ["open", "pending", "on_hold", "solved"];
const control = "rounded-md border border-border-strong bg-surface px-2 py-1.5 text-sm";

/** Changes applied to every selected ticket; the result says what was skipped and why. */
export function BulkActions({ numbers, options, meId, onDone }: { numbers: number[]; options: DeskOptions; meId: string; onDone: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [assigneeId, setAssigneeId] = useState("");
  const [status, setStatus] = useState("");
  const [priority, setPriority] = useState("");
  const [tag, setTag] = useState("");
  const [summary, setSummary] = useState<string | null>(null);
  const bulk = useMutation(
    trpc.desk.bulkUpdate.mutationOptions({
      onSuccess: (result) => {
        const skipped = result.skipped.map((s) => `#${s.number}: ${s.reason}`).join("; ");
        setSummary(`Updated ${result.updated.length} ticket${result.updated.length === 1 ? "" : "s"}.${skipped ? ` Skipped ${skipped}` : ""}`);
        setAssigneeId("");
        setStatus("");
        setPriority("");
        setTag("");
        onDone();
        router.refresh();
      },
    }),
  );

  function apply() {
    setSummary(null);
    bulk.mutate({
      numbers,
      changes: {
        ...(assigneeId ? { assigneeId: assigneeId === "none" ? null : assigneeId } : {}),
        ...(status ? { status: status as TicketStatus } : {}),
        ...(priority ? { priority: priority as TicketPriority } : {}),
        ...(tag.trim() ? { addTags: [tag] } : {}),
      },
    });
  }

  const nothingChosen = !assigneeId && !status && !priority && !tag;
  return (
    <div role="region" aria-label="Bulk actions" className="flex flex-wrap items-center gap-2 rounded-lg border border-accent/40 bg-accent-soft px-3 py-2 text-sm">
      <span className="font-medium">{numbers.length} selected</span>
      <label className="sr-only" htmlFor="bulk-assignee">Assign to</label>
      <select id="bulk-assignee" className={control} value={assigneeId} onChange={(e) => setAssigneeId(e.target.value)}>
        <option value="">Assignee…</option>
        <option value={meId}>Me</option>
        <option value="none">Nobody (unassign)</option>
        {options.agents.filter((a) => a.id !== meId).map((a) => (
          <option key={a.id} value={a.id}>{a.name}</option>
        ))}
      </select>
      <label className="sr-only" htmlFor="bulk-status">Status</label>
      <select id="bulk-status" className={control} value={status} onChange={(e) => setStatus(e.target.value)}>
        <option value="">Status…</option>
        {bulkStatuses.map((s) => <option key={s} value={s}>{statusLabels[s]}</option>)}
      </select>
      <label className="sr-only" htmlFor="bulk-priority">Priority</label>
      <select id="bulk-priority" className={control} value={priority} onChange={(e) => setPriority(e.target.value)}>
        <option value="">Priority…</option>
        {ticketPriorities.map((p) => <option key={p} value={p}>{priorityLabels[p]}</option>)}
      </select>
      <label className="sr-only" htmlFor="bulk-tag">Add tag</label>
      <input id="bulk-tag" className={`${control} w-28`} placeholder="Add tag…" value={tag} maxLength={40} onChange={(e) => setTag(e.target.value)} />
      <Button onClick={apply} disabled={nothingChosen || bulk.isPending}>
        {bulk.isPending ? "Applying…" : "Apply"}
      </Button>
      {bulk.error ? <span role="alert" className="text-danger">{bulk.error.message}</span> : null}
      {summary ? <span role="status">{summary}</span> : null}
    </div>
  );
}
