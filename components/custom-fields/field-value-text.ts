import type { CustomFieldOption, CustomFieldType, CustomFieldValue } from "@/lib/custom-field-vocabulary";

/** A stored value as people read it: option labels (retired ones too), Yes/No, dates as written. */
export function fieldValueText(field: { type: CustomFieldType; options: CustomFieldOption[] }, value: CustomFieldValue | null): string {
  if (value === null) return "—";
  const optionLabel = (v: string) => field.options.find((option) => option.value === v)?.label ?? v;
  if (Array.isArray(value)) return value.map(optionLabel).join(", ") || "—";
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (field.type === "dropdown" && typeof value === "string") return optionLabel(value);
  return String(value);
}
