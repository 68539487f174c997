"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { CustomFieldValue } from "@/lib/custom-field-vocabulary";
import { ticketPriorities, type TicketPriority, type TicketStatus } from "@/lib/vocabularies";
import type { DeskOptions } from "@/server/tickets/desk-options";
import type { BulkResult, UndoResult } from "@/server/tickets/update-ticket";
import { CustomFieldControl } from "../custom-fields/desk-custom-fields";
import { priorityLabels, statusLabels } from "../ticket-badges";
import { useTRPC, useTRPCClient } from "../trpc/client";
import { Button } from "../ui/button";
import { useToast } from "../ui/toast";

const bulkStatuses: TicketStatus[] = ["open", "pending", "on_hold", "solved"];
const control = "rounded-md border border-border-strong bg-surface px-2 py-1.5 text-sm";

const tickets = (n: number) => `${n} ticket${n === 1 ? "" : "s"}`;
const listed = (items: { number: number; reason: string }[]) => items.map((s) => `#${s.number} (${s.reason})`).join(", ");

/** "Updated 5 tickets; skipped #1042 (closed)". */
export function bulkResultText(result: Pick<BulkResult, "updated" | "unchanged" | "skipped">): { message: string; detail?: string } {
  const skipped = result.skipped.length ? `; skipped ${listed(result.skipped)}` : "";
  const unchanged = result.unchanged.length ? `${tickets(result.unchanged.length)} already had these values.` : undefined;
  return { message: `Updated ${tickets(result.updated.length)}${skipped}`, detail: unchanged };
}

/** "Undid the change on 4 of 5 tickets", then what stayed: tickets changed since, emails already sent. */
export function undoResultText(result: UndoResult): { message: string; detail?: string } {
  const total = result.restored.length + result.notRestored.length;
  const message = `Undid the change on ${result.restored.length === total ? tickets(total) : `${result.restored.length} of ${tickets(total)}`}`;
  const notes = [result.notRestored.length ? `Not undone: ${listed(result.notRestored)}.` : "", ...result.notes].filter(Boolean);
  return { message, detail: notes.length ? notes.join(" ") : undefined };
}

type TicketField = DeskOptions["ticketFields"][number];

/** A custom field change for the whole selection: a value to set, or clearing it. */
interface FieldChange {
  key: string;
  clear: boolean;
  value: CustomFieldValue | null;
}

const hasValue = (value: CustomFieldValue | null) => value !== null && value !== "" && !(Array.isArray(value) && value.length === 0);

/**
 * The custom-field part of the bar: pick a field in use, then set it (with
 * the control the properties panel uses for its type) or clear it. The server
 * checks each ticket as it would a single edit.
 */
function BulkFieldPicker({ fields, change, onChange }: { fields: TicketField[]; change: FieldChange | null; onChange: (change: FieldChange | null) => void }) {
  const field = change ? fields.find((candidate) => candidate.key === change.key) : undefined;
  const pick = (key: string) => {
    const picked = fields.find((candidate) => candidate.key === key);
    // A checkbox always has a value: "set to unticked" is a choice, as ticked is.
    onChange(picked ? { key, clear: false, value: picked.type === "checkbox" ? false : null } : null);
  };
  return (
    <>
      <label className="sr-only" htmlFor="bulk-field">Custom field</label>
      <select id="bulk-field" className={control} value={change?.key ?? ""} onChange={(e) => pick(e.target.value)}>
        <option value="">Field…</option>
        {fields.map((f) => <option key={f.key} value={f.key}>{f.label}</option>)}
      </select>
      {change && field ? (
        <>
          <label className="sr-only" htmlFor="bulk-field-action">Set or clear {field.label}</label>
          <select id="bulk-field-action" className={control} value={change.clear ? "clear" : "set"} onChange={(e) => onChange({ ...change, clear: e.target.value === "clear" })}>
            <option value="set">Set to</option>
            <option value="clear">Clear</option>
          </select>
          {change.clear ? null : (
            <div className="w-44 max-w-full">
              <label className="sr-only" htmlFor="bulk-field-value">{field.label}</label>
              <CustomFieldControl field={{ ...field, value: change.value }} id="bulk-field-value" onChange={(_key, value) => onChange({ ...change, value })} />
            </div>
          )}
        </>
      ) : null}
    </>
  );
}

/** Changes applied to every selected ticket; a toast says what was updated and skipped, with Undo. */
export function BulkActions({ numbers, options, meId, onDone }: { numbers: number[]; options: DeskOptions; meId: string; onDone: () => void }) {
  const trpc = useTRPC();
  // The undo outlives this bar (it closes with the selection), so it calls the client directly.
  const client = useTRPCClient();
  const router = useRouter();
  const toast = useToast();
  const [assigneeId, setAssigneeId] = useState("");
  const [status, setStatus] = useState("");
  const [priority, setPriority] = useState("");
  const [tag, setTag] = useState("");
  const [fieldChange, setFieldChange] = useState<FieldChange | null>(null);
  const [problem, setProblem] = useState("");
  // Retired fields take no new values; agent-only ones are the desk's to fill in.
  const fields = options.ticketFields.filter((field) => field.active);
  const bulk = useMutation(
    trpc.desk.bulkUpdate.mutationOptions({
      onSuccess: (result) => {
        const undo = async () => {
          const undone = await client.desk.undo.mutate({ items: result.undo });
          router.refresh();
          toast.show({ ...undoResultText(undone), tone: undone.restored.length ? "info" : "error" });
        };
        toast.show({ ...bulkResultText(result), tone: result.updated.length ? "success" : "info", onUndo: result.undo.length ? undo : undefined });
        setAssigneeId("");
        setStatus("");
        setPriority("");
        setTag("");
        setFieldChange(null);
        onDone();
        router.refresh();
      },
    }),
  );

  function apply() {
    const field = fieldChange ? fields.find((f) => f.key === fieldChange.key) : undefined;
    if (fieldChange && field && !fieldChange.clear && !hasValue(fieldChange.value)) {
      setProblem(`Choose a value for ${field.label}, or choose Clear.`);
      return;
    }
    setProblem("");
    bulk.mutate({
      numbers,
      changes: {
        ...(assigneeId ? { assigneeId: assigneeId === "none" ? null : assigneeId } : {}),
        ...(status ? { status: status as TicketStatus } : {}),
        ...(priority ? { priority: priority as TicketPriority } : {}),
        ...(tag.trim() ? { addTags: [tag] } : {}),
        ...(fieldChange ? { customFields: { [fieldChange.key]: fieldChange.clear ? null : fieldChange.value } } : {}),
      },
    });
  }

  const nothingChosen = !assigneeId && !status && !priority && !tag && !fieldChange;
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
      {fields.length > 0 ? <BulkFieldPicker fields={fields} change={fieldChange} onChange={(change) => { setFieldChange(change); setProblem(""); }} /> : null}
      <Button onClick={apply} disabled={nothingChosen || bulk.isPending}>
        {bulk.isPending ? "Applying…" : "Apply"}
      </Button>
      {problem || bulk.error ? <span role="alert" className="text-danger">{problem || bulk.error?.message}</span> : null}
    </div>
  );
}
