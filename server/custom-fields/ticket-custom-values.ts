import "server-only";
import type { CustomFieldOption, CustomFieldType, CustomFieldValue, CustomFieldValues } from "@/lib/custom-field-vocabulary";
import type { TicketChange } from "@/server/tickets/ticket-events";
import type { SessionUser } from "@/server/users/session-user";
import type { FieldDefinition } from "./field-definitions";
import { fieldsVisibleTo } from "./field-visibility";
import type { CustomValueChange } from "./validate-values";

/** The event-log field of a custom field's change ("cf:order_number"). */
export const customFieldEventName = (key: string) => `cf:${key}`;

/** A value as the event log (text) keeps it. */
function eventText(value: CustomFieldValue | null): string | null {
  if (value === null) return null;
  if (Array.isArray(value)) return value.join(", ") || null;
  if (typeof value === "boolean") return value ? "yes" : "no";
  return String(value);
}

/** One ticket_events row per changed field. */
export function customValueEvents(changes: readonly CustomValueChange[]): TicketChange[] {
  return changes.map((change) => ({ field: customFieldEventName(change.field.key), from: eventText(change.from), to: eventText(change.to) }));
}

/** A ticket field as a ticket page shows it: its definition and the ticket's value. */
export interface TicketFieldView {
  id: number;
  key: string;
  label: string;
  helpText: string;
  type: CustomFieldType;
  /** Every option, retired ones too, so a value that holds one still reads as its label. */
  options: CustomFieldOption[];
  active: boolean;
  agentOnly: boolean;
  requiredOnSolve: boolean;
  value: CustomFieldValue | null;
}

/**
 * The fields a ticket page shows to `viewer`: staff get every active field
 * (to fill in) and every retired one that holds a value (read-only);
 * customers get the fields they may see that hold a value.
 */
export function ticketFieldViews(fields: readonly FieldDefinition[], values: CustomFieldValues, viewer: Pick<SessionUser, "role">, options: { editable: boolean }): TicketFieldView[] {
  return fieldsVisibleTo(viewer, fields).flatMap((field) => {
    const value = values[String(field.id)] ?? null;
    if (value === null && !(options.editable && field.active)) return [];
    return [
      {
        id: field.id,
        key: field.key,
        label: field.label,
        helpText: field.helpText,
        type: field.type,
        options: field.options,
        active: field.active,
        agentOnly: field.agentOnly,
        requiredOnSolve: field.requiredOnSolve,
        value,
      },
    ];
  });
}

/** A record's values by field key, as the REST API and webhooks carry them (only what the viewer may see). */
export function customValuesByKey(fields: readonly FieldDefinition[], values: CustomFieldValues, viewer: Pick<SessionUser, "role">): Record<string, CustomFieldValue> {
  const byKey: Record<string, CustomFieldValue> = {};
  for (const field of fieldsVisibleTo(viewer, fields)) {
    const value = values[String(field.id)];
    if (value !== undefined) byKey[field.key] = value;
  }
  return byKey;
}
