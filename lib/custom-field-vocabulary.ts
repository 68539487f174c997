/**
 * Closed vocabularies of custom fields, shared by the schema, the zod inputs
 * and the UI (plain constants, safe in the browser bundle).
 */
export const customFieldTargets = ["ticket", "user", "organization"] as const;
export type CustomFieldTarget = (typeof customFieldTargets)[number];

export const customFieldTypes = ["text", "textarea", "number", "date", "checkbox", "dropdown", "multiselect"] as const;
export type CustomFieldType = (typeof customFieldTypes)[number];

export const customFieldTypeLabels: Record<CustomFieldType, string> = {
  text: "Text",
  textarea: "Multi-line text",
  number: "Number",
  date: "Date",
  checkbox: "Checkbox",
  dropdown: "Drop-down",
  multiselect: "Multi-select",
};

/** Types whose values come from the field's option list. */
export const optionFieldTypes: readonly CustomFieldType[] = ["dropdown", "multiselect"];

/**
 * One choice of a drop-down or multi-select. `value` is what is stored and never
 * changes once used; `label` may be renamed; an inactive option is no longer
 * offered but values that hold it keep showing it.
 */
export type CustomFieldOption = { value: string; label: string; active: boolean };

/**
 * A record's custom values, keyed by field id (ids never change, keys may):
 * text, textarea and date (YYYY-MM-DD) hold strings, number a number,
 * checkbox a boolean, dropdown an option value, multiselect option values.
 */
export type CustomFieldValue = string | number | boolean | string[];
export type CustomFieldValues = Record<string, CustomFieldValue>;

/** A field key as automations, the API and exports name it. */
export const customFieldKeyPattern = /^[a-z][a-z0-9_]{0,39}$/;
