import "server-only";
import type { CustomFieldValue } from "@/lib/custom-field-vocabulary";
import { csvText } from "@/server/csv";
import type { DeskOptions } from "./desk-options";
import type { TicketListItem } from "./ticket-lists";

/** At most this many tickets in one export: a queue past it is narrowed with filters first. */
export const EXPORT_LIMIT = 10_000;

type Field = DeskOptions["ticketFields"][number];

/** A stored value as a cell: option labels (retired ones too), yes/no, lists joined by "; ". */
function fieldCell(field: Field, value: CustomFieldValue | undefined): string | number | null {
  if (value === undefined) return null;
  const label = (v: string) => field.options.find((option) => option.value === v)?.label ?? v;
  if (Array.isArray(value)) return value.map(label).join("; ");
  if (typeof value === "boolean") return value ? "yes" : "no";
  return typeof value === "string" && field.type === "dropdown" ? label(value) : value;
}

/**
 * A queue's tickets as CSV: the list's columns, then one column per ticket
 * field (times in UTC, ISO 8601). Staff only: the caller's queue procedure
 * checks the role, and staff may read every field.
 */
export function ticketsCsv(tickets: readonly TicketListItem[], fields: readonly Field[]): string {
  const header = ["Number", "Subject", "Status", "Priority", "Category", "Requester", "Assignee", "Tags", "Created (UTC)", "Updated (UTC)", ...fields.map((f) => f.label)];
  const rows = tickets.map((t) => [
    t.number,
    t.subject,
    t.status,
    t.priority,
    t.categoryName,
    t.requesterName,
    t.assigneeName,
    t.tags.join("; "),
    t.createdAt.toISOString(),
    t.updatedAt.toISOString(),
    ...fields.map((field) => fieldCell(field, t.customValues[String(field.id)])),
  ]);
  return csvText([header, ...rows]);
}
