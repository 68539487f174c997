"use client";

import type { CustomFieldValue } from "@/lib/custom-field-vocabulary";
import type { TicketFieldView } from "@/server/custom-fields/ticket-custom-values";
import { fieldValueText } from "./field-value-text";

const control = "w-full min-w-0 rounded-md border border-border-strong bg-surface px-2 py-1.5 text-sm disabled:opacity-60";

type Commit = (key: string, value: CustomFieldValue | null) => void;

/**
 * The ticket's custom fields in the desk's properties panel: every active
 * field to fill in, and retired ones that hold a value, read-only and marked.
 * Each change saves at once, like the panel's other properties; text saves
 * when the agent leaves the box (or presses Enter in a one-line field).
 */
export function DeskCustomFields({ fields, onChange }: { fields: TicketFieldView[]; onChange: Commit }) {
  if (fields.length === 0) return null;
  return (
    <div className="space-y-2.5 border-t border-border pt-2.5" data-testid="desk-custom-fields">
      {fields.map((field) => (
        <div key={field.id} className="grid grid-cols-[5.5rem_minmax(0,1fr)] items-start gap-2">
          <label htmlFor={`cf-${field.key}`} className="pt-1.5 text-sm break-words text-muted" title={field.helpText || undefined}>
            {field.label}
            {field.requiredOnSolve && field.active ? <span title="Required to solve"> *</span> : null}
            {field.agentOnly ? <span className="block text-xs">agents only</span> : null}
          </label>
          {field.active ? (
            <FieldControl field={field} onChange={onChange} />
          ) : (
            <p id={`cf-${field.key}`} className="pt-1.5 text-sm break-words">
              {fieldValueText(field, field.value)} <span className="text-xs text-muted">(field retired)</span>
            </p>
          )}
        </div>
      ))}
    </div>
  );
}

function FieldControl({ field, onChange }: { field: TicketFieldView; onChange: Commit }) {
  const id = `cf-${field.key}`;
  const value = field.value;
  // Options still offered, plus a retired one the ticket holds (so it reads, and stays unless changed).
  const offered = field.options.filter((option) => option.active || option.value === value || (Array.isArray(value) && value.includes(option.value)));
  const retired = (option: { active: boolean }) => (option.active ? "" : " (retired)");
  switch (field.type) {
    case "checkbox":
      return (
        <input id={id} type="checkbox" className="mt-2 h-4 w-4" checked={value === true} onChange={(e) => onChange(field.key, e.target.checked)} />
      );
    case "dropdown":
      return (
        <select id={id} className={control} value={typeof value === "string" ? value : ""} onChange={(e) => onChange(field.key, e.target.value || null)}>
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
        <fieldset id={id} aria-label={field.label} className="space-y-1 pt-1">
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
        return <textarea id={id} key={shown} className={control} rows={3} defaultValue={shown} onBlur={(e) => save(e.target.value)} />;
      }
      return (
        <input
          id={id}
          key={shown}
          className={control}
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
