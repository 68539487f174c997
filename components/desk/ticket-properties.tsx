"use client";

import { useRouter } from "next/navigation";
import { ticketChannels, ticketPriorities, type TicketChannel, type TicketPriority, type TicketStatus } from "@/lib/vocabularies";
import type { TicketFieldView } from "@/server/custom-fields/ticket-custom-values";
import type { DeskOptions } from "@/server/tickets/desk-options";
import { nextStatuses } from "@/lib/status-machine";
import type { TicketPropertyChanges } from "@/server/tickets/update-ticket";
import { priorityLabels, statusLabels } from "../ticket-badges";
import { useTRPCClient } from "../trpc/client";
import { useToast } from "../ui/toast";
import { DeskCustomFields } from "../custom-fields/desk-custom-fields";
import { TagEditor } from "./tag-editor";

export interface EditableTicket {
  number: number;
  status: TicketStatus;
  priority: TicketPriority;
  categoryId: string | null;
  teamId: string | null;
  assigneeId: string | null;
  organizationId: string | null;
  channel: TicketChannel;
  tags: string[];
  /** The ticket's custom fields as the desk shows them (tickets.get customFields). */
  customFields?: TicketFieldView[];
}

const channelLabels: Record<TicketChannel, string> = { web: "Web portal", email: "Email", api: "API" };

type SaveInput = { number: number; version: number; changes: TicketPropertyChanges };

/** The values the changed fields have now: what an undo puts back. */
function previousValues(ticket: EditableTicket, changes: TicketPropertyChanges): TicketPropertyChanges {
  const previous: TicketPropertyChanges = {};
  if (changes.status !== undefined && changes.status !== ticket.status) previous.status = ticket.status;
  if (changes.priority !== undefined && changes.priority !== ticket.priority) previous.priority = ticket.priority;
  if (changes.channel !== undefined && changes.channel !== ticket.channel) previous.channel = ticket.channel;
  for (const field of ["categoryId", "teamId", "assigneeId", "organizationId"] as const) {
    if (changes[field] !== undefined && changes[field] !== ticket[field]) previous[field] = ticket[field];
  }
  if (changes.tags !== undefined || changes.addTags !== undefined) previous.tags = ticket.tags;
  if (changes.customFields) {
    const current = (key: string) => ticket.customFields?.find((field) => field.key === key)?.value ?? null;
    previous.customFields = Object.fromEntries(Object.keys(changes.customFields).map((key) => [key, current(key)]));
  }
  return previous;
}

function describeChange(ticket: EditableTicket, changes: TicketPropertyChanges): string {
  if (changes.status) return `Status: ${statusLabels[changes.status]}`;
  if (changes.priority) return `Priority: ${priorityLabels[changes.priority]}`;
  const customKey = Object.keys(changes.customFields ?? {})[0];
  if (customKey) return `${ticket.customFields?.find((field) => field.key === customKey)?.label ?? customKey} changed`;
  const field = Object.keys(changes)[0]?.replace(/Id$/, "") ?? "Ticket";
  return `${field.charAt(0).toUpperCase()}${field.slice(1)} changed`;
}

/**
 * Property saves that say so: after each save (the panel, "Assign to me",
 * `s` and `p`), a "Saved" toast with Undo, which puts the previous values
 * back on the version the save left (desk.undo, the normal update path).
 * `save` is the editor's own save (its desk.update mutateAsync), whose
 * errors the editor shows; `onUndone` hears the version an undo leaves.
 *
 *   const change = useSaveWithUndo(ticket, version, update.mutateAsync, setSavedVersion);
 */
export function useSaveWithUndo(
  ticket: EditableTicket,
  version: number,
  save: (input: SaveInput) => Promise<{ changed: boolean; version: number }>,
  onUndone?: (version: number) => void,
): (changes: TicketPropertyChanges) => void {
  const client = useTRPCClient();
  const router = useRouter();
  const toast = useToast();
  return (changes) => {
    const previous = previousValues(ticket, changes);
    const number = ticket.number;
    save({ number, version, changes }).then(
      (saved) => {
        if (!saved.changed || Object.keys(previous).length === 0) return;
        const undo = async () => {
          const undone = await client.desk.undo.mutate({ items: [{ number, version: saved.version, changes: previous }] });
          const restored = undone.restored[0];
          if (!restored) throw new Error(`Not undone: #${number} ${undone.notRestored[0]?.reason ?? "could not change"}. Reload to see it.`);
          onUndone?.(restored.version);
          router.refresh();
          toast.show({ message: "Undone", detail: undone.notes.join(" ") || undefined, tone: "info" });
        };
        toast.show({ message: "Saved", detail: describeChange(ticket, changes), onUndo: undo });
      },
      // The editor shows a failed save (its mutation's error); nothing to undo.
      () => undefined,
    );
  };
}

const control = "w-full min-w-0 rounded-md border border-border-strong bg-surface px-2 py-1.5 text-sm disabled:opacity-60";

/** The side panel's editable properties; every change saves at once. */
export function TicketProperties({
  ticket,
  options,
  saving,
  onChange,
}: {
  ticket: EditableTicket;
  options: DeskOptions;
  saving: boolean;
  onChange: (changes: TicketPropertyChanges) => void;
}) {
  const closed = ticket.status === "closed";
  const statuses = [ticket.status, ...nextStatuses(ticket.status, "agent")];
  const field = (id: string, label: string, control: React.ReactNode) => (
    <div className="grid grid-cols-[5.5rem_minmax(0,1fr)] items-center gap-2">
      <label htmlFor={id} className="text-sm text-muted">{label}</label>
      {control}
    </div>
  );
  return (
    <fieldset disabled={closed || saving} className="space-y-2.5" aria-busy={saving}>
      <legend className="sr-only">Ticket properties</legend>
      {field(
        "prop-status",
        "Status",
        <select id="prop-status" className={control} value={ticket.status} onChange={(e) => onChange({ status: e.target.value as TicketStatus })}>
          {statuses.map((s) => <option key={s} value={s}>{statusLabels[s]}</option>)}
        </select>,
      )}
      {field(
        "prop-priority",
        "Priority",
        <select id="prop-priority" className={control} value={ticket.priority} onChange={(e) => onChange({ priority: e.target.value as TicketPriority })}>
          {ticketPriorities.map((p) => <option key={p} value={p}>{priorityLabels[p]}</option>)}
        </select>,
      )}
      {field(
        "prop-category",
        "Category",
        <select id="prop-category" className={control} value={ticket.categoryId ?? ""} onChange={(e) => onChange({ categoryId: e.target.value || null })}>
          <option value="">None</option>
          {options.categories.filter((c) => !c.archived || c.id === ticket.categoryId).map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
        </select>,
      )}
      {field(
        "prop-team",
        "Team",
        <select id="prop-team" className={control} value={ticket.teamId ?? ""} onChange={(e) => onChange({ teamId: e.target.value || null })}>
          <option value="">None</option>
          {options.teams.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
        </select>,
      )}
      {field(
        "prop-assignee",
        "Assignee",
        <select id="prop-assignee" className={control} value={ticket.assigneeId ?? ""} onChange={(e) => onChange({ assigneeId: e.target.value || null })}>
          <option value="">Unassigned</option>
          {options.agents.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
              {ticket.teamId && !a.teamIds.includes(ticket.teamId) ? " (other team)" : ""}
            </option>
          ))}
        </select>,
      )}
      {field(
        "prop-organization",
        "Organization",
        <select id="prop-organization" className={control} value={ticket.organizationId ?? ""} onChange={(e) => onChange({ organizationId: e.target.value || null })}>
          <option value="">None</option>
          {options.organizations.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
        </select>,
      )}
      {field(
        "prop-channel",
        "Channel",
        <select id="prop-channel" className={control} value={ticket.channel} onChange={(e) => onChange({ channel: e.target.value as TicketChannel })}>
          {ticketChannels.map((c) => <option key={c} value={c}>{channelLabels[c]}</option>)}
        </select>,
      )}
      <TagEditor tags={ticket.tags} onChange={(tags) => onChange({ tags })} />
      <DeskCustomFields fields={ticket.customFields ?? []} onChange={(key, value) => onChange({ customFields: { [key]: value } })} />
    </fieldset>
  );
}
