"use client";

import { ticketChannels, ticketPriorities, type TicketChannel, type TicketPriority, type TicketStatus } from "@/lib/vocabularies";
import type { DeskOptions } from "@/server/tickets/desk-options";
import { nextStatuses } from "@/lib/status-machine";
import type { TicketPropertyChanges } from "@/server/tickets/update-ticket";
import { priorityLabels, statusLabels } from "../ticket-badges";
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
}

const channelLabels: Record<TicketChannel, string> = { web: "Web portal", email: "Email", api: "API" };

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
    </fieldset>
  );
}
