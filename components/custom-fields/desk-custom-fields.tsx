"use client";

import type { CustomFieldValue } from "@/lib/custom-field-vocabulary";
import type { TicketFieldView } from "@/server/custom-fields/ticket-custom-values";
import { fieldValueText } from "./field-value-text";

const control = "w-full min-w-0 rounded-md border border-border-strong bg-surface px-2 py-1.5 text-sm disabled:opacity-60";

type Commit = (key: string, value: CustomFieldValue | null) => void;

/**
 * The desk's custom fields of a record (a ticket's in the properties panel,
 * a person's or an organization's beside it): every active field to fill
 * in, and retired ones that hold a value, read-only and marked. Each change
 * saves at once, like the panel's other properties; text saves when the
 * agent leaves the box (or presses Enter in a one-line field). `idPrefix`
 * keeps control ids apart when two records' fields share a page; `errors`
 * puts a refused value's message at its field.
 */
export function DeskCustomFields({
  fields,
  onChange,
  idPrefix = "cf",
  errors,
}: {
  fields: TicketFieldView[];
  onChange: Commit;
  idPrefix?: string;
  errors?: (key: string) => string | undefined;
}) {
  if (fields.length === 0) return null;
  return (
    <div className="space-y-2.5 border-t border-border pt-2.5" data-testid="desk-custom-fields">
      {fields.map((field) => {
        const id = `${idPrefix}-${field.key}`;
        const error = errors?.(field.key);
        return (
          <div key={field.id} className="grid grid-cols-[5.5rem_minmax(0,1fr)] items-start gap-2">
            <label htmlFor={id} className="pt-1.5 text-sm break-words text-muted" title={field.helpText || undefined}>
              {field.label}
              {field.requiredOnSolve && field.active ? <span title="Required to solve"> *</span> : null}
              {field.agentOnly ? <span className="block text-xs">agents only</span> : null}
            </label>
            <div className="min-w-0">
              {field.active ? (
                <CustomFieldControl field={field} id={id} error={error} onChange={onChange} />
              ) : (
                <p id={id} className="pt-1.5 text-sm break-words">
                  {fieldValueText(field, field.value)} <span className="text-xs text-muted">(field retired)</span>
                </p>
              )}
              {error ? (
                <p id={`${id}-error`} className="mt-1 text-xs font-medium text-danger">
                  {error}
                </p>
              ) : null}
            </div>
          </div>
        );
      })}
    </div>
  );
}

/** The control one field's type calls for; also the desk's bulk-edit bar's value picker. */
export function CustomFieldControl({
  field,
  id,
  error,
  onChange,
}: {
  field: Pick<TicketFieldView, "key" | "label" | "type" | "options" | "value">;
  id: string;
  error?: string;
  onChange: Commit;
}) {
  const value = field.value;
  const aria = error ? { "aria-invalid": true, "aria-describedby": `${id}-error` } : {};
  // Options still offered, plus a retired one the ticket holds (so it reads, and stays unless changed).
  const offered = field.options.filter((option) => option.active || option.value === value || (Array.isArray(value) && value.includes(option.value)));
  const retired = (option: { active: boolean }) => (option.active ? "" : " (retired)");
  switch (field.type) {
    case "checkbox":
      return (
        <input id={id} type="checkbox" className="mt-2 h-4 w-4" {...aria} checked={value === true} onChange={(e) => onChange(field.key, e.target.checked)} />
      );
    case "dropdown":
      return (
        <select id={id} className={control} {...aria} value={typeof value === "string" ? value : ""} onChange={(e) => onChange(field.key, e.target.value || null)}>
          <option value="">None</option>
          {offered.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
              {retired(option)}
            </option>
          ))}
        </select>
      );
    case "multiselect": {
      const chosen = Array.isArray(value) ? value : [];
      return (
        <fieldset id={id} aria-label={field.label} className="space-y-1 pt-1" {...aria}>
          {offered.map((option) => (
            <label key={option.value} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                className="h-4 w-4"
                checked={chosen.includes(option.value)}
                onChange={(e) => onChange(field.key, e.target.checked ? [...chosen, option.value] : chosen.filter((v) => v !== option.value))}
              />
              {option.label}
              {retired(option)}
            </label>
          ))}
        </fieldset>
      );
    }
    default: {
      const shown = value === null ? "" : String(value);
      // Keyed by the saved value: a save (or someone else's) puts the new value in the box.
      const save = (text: string) => {
        if (text !== shown) onChange(field.key, text.trim() === "" ? null : text);
      };
      if (field.type === "textarea") {
        return <textarea id={id} key={shown} className={control} {...aria} rows={3} defaultValue={shown} onBlur={(e) => save(e.target.value)} />;
      }
      return (
        <input
          id={id}
          key={shown}
          className={control}
          {...aria}
          type={field.type === "date" ? "date" : "text"}
          inputMode={field.type === "number" ? "decimal" : undefined}
          defaultValue={shown}
          onBlur={(e) => save(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              save(e.currentTarget.value);
            }
          }}
        />
      );
    }
  }
}
