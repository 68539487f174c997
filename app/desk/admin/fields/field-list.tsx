import { Disclosure } from "@/components/admin/admin-panel";
import { customFieldTypeLabels } from "@/lib/custom-field-vocabulary";
import type { FieldDefinition } from "@/server/custom-fields/field-definitions";
import { FieldActiveButton } from "./field-active-button";
import { FieldForm } from "./field-form";

/** What a field's flags mean, in a few words each. */
function ruleWords(field: FieldDefinition): string[] {
  return [
    field.requiredForCustomers ? "required for customers" : null,
    field.requiredOnSolve ? "required to solve" : null,
    field.agentOnly ? "agents only" : null,
    field.active ? null : "inactive: values kept, nothing new",
  ].filter((word): word is string => word !== null);
}

/** One target's fields, each editable in place and (de)activated with one click. */
export function FieldList({ fields }: { fields: FieldDefinition[] }) {
  return (
    <ul className="divide-y divide-border rounded-md border border-border">
      {fields.map((field) => (
        <li key={field.id} className="space-y-3 p-3" data-field={field.key}>
          <div className="flex flex-wrap items-start justify-between gap-3">
            <div className="min-w-0">
              <h3 className={`font-medium break-words ${field.active ? "" : "text-muted"}`}>
                {field.label} <code className="text-xs text-muted">{field.key}</code>
              </h3>
              <p className="text-xs text-muted">
                {customFieldTypeLabels[field.type]} · position {field.position}
                {field.options.length ? ` · ${field.options.filter((o) => o.active).map((o) => o.label).join(", ")}` : ""}
              </p>
              {ruleWords(field).length ? <p className="mt-1 text-xs text-muted">{ruleWords(field).join(" · ")}</p> : null}
            </div>
            <FieldActiveButton id={field.id} label={field.label} active={field.active} />
          </div>
          <Disclosure summary={`Edit ${field.label}`}>
            <FieldForm field={field} />
          </Disclosure>
        </li>
      ))}
    </ul>
  );
}
