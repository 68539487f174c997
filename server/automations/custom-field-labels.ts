/**
 * How the rules list names a custom-field row: the field's label (or that it
 * is gone) and, for option fields, the options' labels instead of their
 * stored values, which admins never see elsewhere.
 */
import "server-only";
import { commaList } from "@/lib/rule-vocabulary";
import type { FieldDefinition } from "@/server/custom-fields/field-definitions";

export function customFieldRowLabels(fields: readonly FieldDefinition[], row: { fieldKey?: string; value: string }): { fieldLabel: string; label: string | null } {
  const field = fields.find((candidate) => candidate.key === row.fieldKey);
  if (!field) return { fieldLabel: `a deleted field (${row.fieldKey ?? ""})`, label: null };
  const fieldLabel = field.active ? field.label : `${field.label} (no longer in use)`;
  if (field.type !== "dropdown" && field.type !== "multiselect") return { fieldLabel, label: null };
  const optionLabel = (value: string) => field.options.find((option) => option.value === value)?.label ?? value;
  return { fieldLabel, label: row.value ? commaList(row.value).map(optionLabel).join(", ") : null };
}
