import type { TicketFieldView } from "@/server/custom-fields/ticket-custom-values";
import { fieldValueText } from "./field-value-text";

/** A record's custom field values, read-only (the portal's ticket page; a person's or an organization's in the desk, under `label`). */
export function TicketFieldList({ fields, label = "Ticket details" }: { fields: TicketFieldView[]; label?: string }) {
  if (fields.length === 0) return null;
  return (
    <dl className="grid grid-cols-[minmax(0,auto)_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm" aria-label={label}>
      {fields.map((field) => (
        <div key={field.id} className="contents">
          <dt className="text-muted">{field.label}</dt>
          <dd className="break-words whitespace-pre-line">{fieldValueText(field, field.value)}</dd>
        </div>
      ))}
    </dl>
  );
}
