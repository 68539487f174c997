"use client";

import { Input, Select } from "@/components/ui/field";
import type { CustomFieldOption, CustomFieldType } from "@/lib/custom-field-vocabulary";
import { ruleLimits } from "@/lib/rule-vocabulary";

/** A ticket field as the rule form offers it (from admin.customFields.list). */
export interface RuleField {
  key: string;
  label: string;
  type: CustomFieldType;
  active: boolean;
  options: CustomFieldOption[];
}

interface AriaProps {
  "aria-label": string;
  "aria-invalid"?: boolean;
  "aria-describedby"?: string;
}

/**
 * Picks the field a row names. Actions offer fields in use only (a retired
 * field takes no new value); conditions offer retired ones too, as tickets
 * keep their values. A key the list lacks (a deleted field) stays visible.
 */
export function RuleFieldSelect({ fields, value, inUseOnly, onChange, ...aria }: { fields: RuleField[]; value: string | undefined; inUseOnly: boolean; onChange: (key: string) => void } & AriaProps) {
  const offered = fields.filter((field) => field.active || !inUseOnly || field.key === value);
  const known = !value || offered.some((field) => field.key === value);
  return (
    <Select value={value ?? ""} onChange={(e) => onChange(e.target.value)} className="sm:w-auto sm:min-w-40" {...aria}>
      <option value="">Choose a field…</option>
      {known ? null : <option value={value}>A deleted field ({value})</option>}
      {offered.map((field) => (
        <option key={field.key} value={field.key}>
          {field.active ? field.label : `${field.label} (no longer in use)`}
        </option>
      ))}
    </Select>
  );
}

/** The value of a field row, in the control its type calls for; the server checks it against the field. */
export function RuleFieldValue({ field, value, onChange, ...aria }: { field: RuleField | undefined; value: string; onChange: (value: string) => void } & AriaProps) {
  const wide = "sm:w-auto sm:min-w-48 flex-1";
  if (field?.type === "dropdown" || field?.type === "multiselect" || field?.type === "checkbox") {
    const choices =
      field.type === "checkbox"
        ? [
            { value: "yes", label: "Yes" },
            { value: "no", label: "No" },
          ]
        : field.options.filter((option) => option.active || option.value === value);
    return (
      <Select value={value} onChange={(e) => onChange(e.target.value)} className={wide} {...aria}>
        <option value="">Choose a value…</option>
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </Select>
    );
  }
  return (
    <Input
      type={field?.type === "date" ? "date" : field?.type === "number" ? "number" : "text"}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      maxLength={ruleLimits.conditionValue}
      className={wide}
      {...aria}
    />
  );
}
