import type { PortalFormField } from "@/server/custom-fields/ticket-forms";
import { describedBy, Field, FieldMessages, Input, Select, Textarea } from "../ui/field";

/** The form-data name of a custom field's control. */
const nameOf = (field: Pick<PortalFormField, "key">) => `cf:${field.key}`;
const idOf = (field: Pick<PortalFormField, "key">) => `cf-${field.key}`;

/**
 * A category form's custom fields in the portal, in the form's order, each
 * with its label, help text and the control its type calls for. Controls are
 * uncontrolled, so what the customer typed stays when the server refuses the
 * ticket; `errors` are the server's, by field key.
 */
export function PortalCustomFields({ fields, errors }: { fields: PortalFormField[]; errors: (key: string) => string | undefined }) {
  if (fields.length === 0) return null;
  return (
    <div className="space-y-5" data-testid="custom-fields">
      {fields.map((field) => (
        <PortalCustomField key={field.id} field={field} error={errors(field.key)} />
      ))}
    </div>
  );
}

function PortalCustomField({ field, error }: { field: PortalFormField; error?: string }) {
  const id = idOf(field);
  const label = field.required ? `${field.label} (required)` : field.label;
  const hint = field.helpText || undefined;
  const aria = describedBy(id, error, hint);
  if (field.type === "checkbox" || field.type === "multiselect") {
    // A group of boxes: a fieldset names them, the error and hint follow it.
    return (
      <fieldset className="space-y-1.5" aria-describedby={aria["aria-describedby"]} aria-invalid={aria["aria-invalid"]}>
        <legend className="block text-sm font-medium">{label}</legend>
        {field.type === "checkbox" ? (
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" id={id} name={nameOf(field)} className="h-4 w-4" />
            Yes
          </label>
        ) : (
          field.options.map((option) => (
            <label key={option.value} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name={nameOf(field)} value={option.value} className="h-4 w-4" />
              {option.label}
            </label>
          ))
        )}
        <FieldMessages id={id} hint={hint} error={error} />
      </fieldset>
    );
  }
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      {field.type === "textarea" ? (
        <Textarea id={id} name={nameOf(field)} rows={3} maxLength={10_000} required={field.required} {...aria} />
      ) : field.type === "dropdown" ? (
        <Select id={id} name={nameOf(field)} defaultValue="" required={field.required} {...aria}>
          <option value="">Choose…</option>
          {field.options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </Select>
      ) : (
        <Input
          id={id}
          name={nameOf(field)}
          type={field.type === "number" ? "text" : field.type === "date" ? "date" : "text"}
          inputMode={field.type === "number" ? "decimal" : undefined}
          maxLength={field.type === "text" ? 1_000 : undefined}
          required={field.required}
          {...aria}
        />
      )}
    </Field>
  );
}

/** The values of these fields in a submitted form, by key, as tickets.create takes them (empty ones left out). */
export function customValuesFromForm(fields: PortalFormField[], form: FormData): Record<string, string | boolean | string[]> {
  const values: Record<string, string | boolean | string[]> = {};
  for (const field of fields) {
    const name = nameOf(field);
    if (field.type === "checkbox") values[field.key] = form.get(name) === "on";
    else if (field.type === "multiselect") values[field.key] = form.getAll(name).map(String);
    else {
      const value = String(form.get(name) ?? "");
      if (value.trim()) values[field.key] = value;
    }
  }
  return values;
}
