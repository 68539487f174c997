"use client";

import type { Route } from "next";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type MouseEvent } from "react";
import { ticketHrefFrom } from "@/lib/desk-return";
import type { TicketSort } from "@/lib/vocabularies";
import type { DeskOptions } from "@/server/tickets/desk-options";
import type { TicketListItem } from "@/server/tickets/ticket-lists";
import { fieldValueText } from "../custom-fields/field-value-text";
import { formatRelative } from "../relative-time";
import { PriorityLabel, StatusBadge } from "../ticket-badges";
import { BulkActions } from "./bulk-actions";
import { SlaBadge } from "./sla-badge";
import { ShortcutHelp, queueShortcuts } from "./shortcut-help";
import { useShortcuts } from "./use-shortcuts";

type SortableColumn = { label: string; sorts: [TicketSort, TicketSort] | [TicketSort] };

/**
 * A desk queue: rows to scan, select and open, by mouse or keyboard
 * (j/k to move, x to select, o or Enter to open, / to search, ? for help).
 * Ticket links carry `returnTo`, the exact queue, so the ticket page can
 * come back to it.
 */
export function QueueTable({
  tickets,
  options,
  meId,
  sort,
  sortHref,
  returnTo,
  column,
}: {
  tickets: TicketListItem[];
  options: DeskOptions;
  meId: string;
  sort: TicketSort;
  sortHref: Partial<Record<TicketSort, Route>>;
  returnTo: string;
  /** A custom field (by key) shown as an extra column. */
  column?: string;
}) {
  const extraField = column ? options.ticketFields.find((field) => field.key === column) : undefined;
  const router = useRouter();
  const [active, setActive] = useState(0);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [help, setHelp] = useState(false);
  const rows = useRef<(HTMLTableRowElement | null)[]>([]);
  const pointer = useRef<{ x: number; y: number } | null>(null);

  useEffect(() => {
    rows.current[active]?.scrollIntoView({ block: "nearest" });
  }, [active]);

  const toggle = (number: number) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(number)) next.delete(number);
      else next.add(number);
      return next;
    });
  const hrefOf = (number: number) => ticketHrefFrom(number, returnTo) as Route;
  const open = (index: number) => {
    const ticket = tickets[index];
    if (ticket) router.push(hrefOf(ticket.number));
  };
  // Only a pointer that really moved takes the cursor. When j/k scrolls the list under a
  // resting pointer, the browser reports the row now under it (mouseover, and a mousemove
  // at the same spot); following that would snap the cursor back to the pointer. So a row
  // compares each mousemove with where the pointer was before it, which a window listener
  // records after React's handlers have run.
  useEffect(() => {
    const remember = (event: globalThis.MouseEvent) => {
      pointer.current = { x: event.clientX, y: event.clientY };
    };
    window.addEventListener("mousemove", remember);
    return () => window.removeEventListener("mousemove", remember);
  }, []);
  const pointerMoved = (index: number) => (event: MouseEvent) => {
    const last = pointer.current;
    if (last && (last.x !== event.clientX || last.y !== event.clientY)) setActive(index);
  };

  useShortcuts(
    {
      j: () => setActive((i) => Math.min(i + 1, tickets.length - 1)),
      k: () => setActive((i) => Math.max(i - 1, 0)),
      arrowdown: () => setActive((i) => Math.min(i + 1, tickets.length - 1)),
      arrowup: () => setActive((i) => Math.max(i - 1, 0)),
      o: () => open(active),
      enter: () => open(active),
      x: () => {
        const ticket = tickets[active];
        if (ticket) toggle(ticket.number);
      },
      "/": () => document.getElementById("desk-search")?.focus(),
      "?": () => setHelp(true),
    },
    !help,
  );

  const columns: SortableColumn[] = [
    { label: "Ticket", sorts: ["created_desc", "created_asc"] },
    { label: "Priority", sorts: ["priority_desc"] },
    { label: "SLA", sorts: ["due_asc"] },
    { label: "Updated", sorts: ["updated_desc", "updated_asc"] },
  ];
  const header = (column: SortableColumn) => {
    const current = column.sorts.includes(sort);
    const target = current && column.sorts.length === 2 ? column.sorts[column.sorts[0] === sort ? 1 : 0] : column.sorts[0];
    const href = target ? sortHref[target] : undefined;
    const direction = !current ? undefined : sort.endsWith("_asc") ? "ascending" : "descending";
    return (
      <th scope="col" aria-sort={direction} className="px-3 py-2 font-medium">
        {href ? (
          <Link href={href} className="inline-flex items-center gap-1 hover:text-fg">
            {column.label}
            {current ? <span aria-hidden="true">{direction === "ascending" ? "▲" : "▼"}</span> : null}
          </Link>
        ) : (
          column.label
        )}
      </th>
    );
  };
  const [ticketColumn, priorityColumn, slaColumn, updatedColumn] = columns as [SortableColumn, SortableColumn, SortableColumn, SortableColumn];

  return (
    <div className="space-y-3">
      {selected.size > 0 ? <BulkActions numbers={[...selected]} options={options} meId={meId} onDone={() => setSelected(new Set())} /> : null}
      <div className="overflow-x-auto rounded-lg border border-border bg-surface">
        <table className="w-full text-sm">
          <thead className="border-b border-border bg-surface-muted text-left text-xs text-muted uppercase">
            <tr>
              <th scope="col" className="w-8 px-3 py-2">
                <input
                  type="checkbox"
                  aria-label="Select all tickets on this page"
                  checked={tickets.length > 0 && selected.size === tickets.length}
                  onChange={(e) => setSelected(e.target.checked ? new Set(tickets.map((t) => t.number)) : new Set())}
                />
              </th>
              {header(ticketColumn)}
              <th scope="col" className="px-3 py-2 font-medium">Status</th>
              {header(priorityColumn)}
              {header(slaColumn)}
              <th scope="col" className="px-3 py-2 font-medium">Requester</th>
              <th scope="col" className="px-3 py-2 font-medium">Assignee</th>
              {extraField ? <th scope="col" className="px-3 py-2 font-medium">{extraField.label}</th> : null}
              {header(updatedColumn)}
            </tr>
          </thead>
          <tbody className="divide-y divide-border">
            {tickets.map((ticket, index) => (
              <tr
                key={ticket.id}
                ref={(row) => {
                  rows.current[index] = row;
                }}
                aria-current={index === active ? "true" : undefined}
                data-active={index === active || undefined}
                onMouseMove={pointerMoved(index)}
                className="hover:bg-surface-muted data-active:bg-surface-muted data-active:shadow-[inset_3px_0_0_var(--accent)]"
              >
                <td className="px-3 py-2.5">
                  <input
                    type="checkbox"
                    aria-label={`Select ticket #${ticket.number}`}
                    checked={selected.has(ticket.number)}
                    onChange={() => toggle(ticket.number)}
                  />
                </td>
                <td className="max-w-md px-3 py-2.5">
                  <Link href={hrefOf(ticket.number)} className="group block">
                    <span className="mr-2 text-muted tabular-nums">#{ticket.number}</span>
                    <span className="font-medium group-hover:text-accent group-hover:underline">{ticket.subject}</span>
                  </Link>
                  {ticket.tags.length ? <span className="mt-0.5 block text-xs text-muted">{ticket.tags.join(" · ")}</span> : null}
                </td>
                <td className="px-3 py-2.5"><StatusBadge status={ticket.status} /></td>
                <td className="px-3 py-2.5"><PriorityLabel priority={ticket.priority} /></td>
                <td className="px-3 py-2.5">
                  <SlaBadge dueAt={ticket.slaDueAt} atRiskAt={ticket.slaAtRiskAt} pausedAt={ticket.slaPausedAt} pausedOverdue={ticket.slaPausedOverdue} />
                </td>
                <td className="px-3 py-2.5 whitespace-nowrap">{ticket.requesterName}</td>
                <td className="px-3 py-2.5 whitespace-nowrap text-muted">{ticket.assigneeName ?? "—"}</td>
                {extraField ? (
                  <td className="max-w-48 truncate px-3 py-2.5" data-column={extraField.key}>
                    {fieldValueText(extraField, ticket.customValues[String(extraField.id)] ?? null) || "—"}
                  </td>
                ) : null}
                <td className="px-3 py-2.5 whitespace-nowrap text-muted">
                  <time dateTime={ticket.updatedAt.toISOString()} suppressHydrationWarning>{formatRelative(ticket.updatedAt)}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="text-xs text-muted">
        Press <kbd className="font-mono">?</kbd> for keyboard shortcuts.
      </p>
      <ShortcutHelp open={help} onClose={() => setHelp(false)} shortcuts={queueShortcuts} />
    </div>
  );
}
