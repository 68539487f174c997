/**
 * Automation rows on ticket custom fields: the check of a rule's custom-field
 * conditions and actions against the field definitions (on save), and how a
 * condition compares a ticket's stored value (when rules run). Values are
 * checked by the one validation of custom values (validateCustomValues), so a
 * rule can never hold or write a value the desk itself would refuse.
 */
import "server-only";
import type { CustomFieldValue, CustomFieldValues } from "@/lib/custom-field-vocabulary";
import { commaList, customFieldOperators, operatorLabels, operatorTakesValue } from "@/lib/rule-vocabulary";
import type { AutomationAction, AutomationCondition } from "@/lib/vocabularies";
import type { FieldDefinition } from "@/server/custom-fields/field-definitions";
import { validateCustomValues, type ValidatedValues } from "@/server/custom-fields/validate-values";
import { AppError } from "@/server/errors";

/** Rules run as the system, which may use every field, agent-only ones included. */
const ruleViewer = { role: "admin" } as const;

/**
 * A rule's value (always text) as the validator takes it for this field's
 * type: a checkbox reads yes/no, a multi-select a comma-separated list; the
 * validator parses numbers and dates itself.
 */
function inputFor(field: FieldDefinition, value: string): unknown {
  const text = value.trim();
  if (field.type === "checkbox") return text === "yes" || text === "true" ? true : text === "no" || text === "false" ? false : text;
  if (field.type === "multiselect") return commaList(text);
  return text;
}

/**
 * A condition only compares, so a retired field or option is still worth
 * matching (tickets keep those values): it is checked as if all were in use.
 */
function comparable(field: FieldDefinition): FieldDefinition {
  return { ...field, active: true, options: field.options.map((option) => ({ ...option, active: true })) };
}

/** The field a row names, or an INVALID error saying which row names an unknown one. */
function fieldFor(fields: readonly FieldDefinition[], key: string | undefined, row: string): FieldDefinition {
  const field = fields.find((candidate) => candidate.key === key);
  if (!field) throw new AppError("INVALID", `${row}: there is no ticket field “${key ?? ""}”. Choose another.`);
  return field;
}

/** Re-throws the validator's refusal with the row it belongs to. */
function validateRow(fields: readonly FieldDefinition[], field: FieldDefinition, value: string, row: string, current: CustomFieldValues = {}): ValidatedValues {
  try {
    return validateCustomValues(fields, { [field.key]: inputFor(field, value) }, { viewer: ruleViewer, current });
  } catch (error) {
    if (error instanceof AppError) throw new AppError("INVALID", `${row}: ${error.message}`);
    throw error;
  }
}

/** The stored form of a checked value, as text (what the rule keeps and compares). */
function storedText(value: CustomFieldValue | null): string {
  if (value === null) return "";
  if (Array.isArray(value)) return value.join(", ");
  if (typeof value === "boolean") return value ? "yes" : "no";
  return String(value);
}

/**
 * Checks a rule's custom-field rows against the ticket fields (every one,
 * active or not) and returns the rows with values in their stored spelling.
 * Refuses an unknown field, an operator its type does not take, a value its
 * type refuses, and an action on an inactive field.
 */
export function checkCustomFieldRows(
  fields: readonly FieldDefinition[],
  rule: { conditions: AutomationCondition[]; actions: AutomationAction[] },
): { conditions: AutomationCondition[]; actions: AutomationAction[] } {
  const conditions = rule.conditions.map((condition, index) => {
    if (condition.field !== "custom_field") return condition;
    const row = `Condition ${index + 1}`;
    const field = fieldFor(fields, condition.fieldKey, row);
    if (!customFieldOperators(field.type).includes(condition.operator)) {
      throw new AppError("INVALID", `${row}: ${field.label} cannot be compared with “${operatorLabels[condition.operator]}”.`);
    }
    if (!operatorTakesValue(condition.operator)) return { ...condition, value: "" };
    const checked = comparable(field);
    const { values } = validateRow([checked], checked, condition.value, row);
    return { ...condition, value: storedText(values[String(field.id)] ?? null) };
  });
  const actions = rule.actions.map((action, index) => {
    if (action.type !== "set_custom_field") return action;
    const row = `Action ${index + 1}`;
    const field = fieldFor(fields, action.fieldKey, row);
    if (!field.active) throw new AppError("INVALID", `${row}: ${field.label} is no longer in use. Choose a field in use.`);
    const { values } = validateRow(fields, field, action.value, row);
    return { ...action, value: storedText(values[String(field.id)] ?? null) };
  });
  return { conditions, actions };
}

const isEmptyValue = (value: CustomFieldValue | undefined) => value === undefined || value === "" || (Array.isArray(value) && value.length === 0);

/**
 * Whether a custom-field condition holds for a ticket's values. Text compares
 * ignoring case (people type "laptop" for "Laptop"); a multi-select "is" the
 * options it holds; an unchecked checkbox is "no". A field deleted since the
 * rule was saved makes the condition fail rather than guess.
 */
export function customFieldHolds(condition: AutomationCondition, fields: readonly FieldDefinition[], values: CustomFieldValues): boolean {
  const field = fields.find((candidate) => candidate.key === condition.fieldKey);
  if (!field || !customFieldOperators(field.type).includes(condition.operator)) return false;
  const stored = values[String(field.id)];
  if (condition.operator === "is_empty") return isEmptyValue(stored);
  if (condition.operator === "is_not_empty") return !isEmptyValue(stored);
  const wanted = condition.value.trim();
  if (condition.operator === "contains") return typeof stored === "string" && stored.toLowerCase().includes(wanted.toLowerCase());
  let equal: boolean;
  switch (field.type) {
    case "text":
    case "textarea":
      equal = typeof stored === "string" && stored.toLowerCase() === wanted.toLowerCase();
      break;
    case "number":
      equal = typeof stored === "number" && stored === Number(wanted);
      break;
    case "checkbox":
      equal = (stored === true) === (wanted === "yes");
      break;
    case "multiselect":
      equal = Array.isArray(stored) && commaList(wanted).every((option) => stored.includes(option));
      break;
    default:
      equal = stored === wanted;
  }
  return condition.operator === "is" ? equal : !equal;
}

/**
 * What a set_custom_field action writes on a ticket now, checked again by the
 * validator (a field or option may have been retired since the rule was
 * saved): the values and changes, or why it is skipped.
 */
export function planCustomFieldAction(
  fields: readonly FieldDefinition[],
  action: AutomationAction,
  current: CustomFieldValues,
): { ok: true; result: ValidatedValues } | { ok: false; reason: string } {
  const field = fields.find((candidate) => candidate.key === action.fieldKey);
  if (!field) return { ok: false, reason: `field “${action.fieldKey ?? ""}” not set, it no longer exists` };
  if (!field.active) return { ok: false, reason: `${field.label} not set, the field is no longer in use` };
  try {
    return { ok: true, result: validateCustomValues(fields, { [field.key]: inputFor(field, action.value) }, { viewer: ruleViewer, current }) };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, reason: `${field.label} not set, ${error.message}` };
    throw error;
  }
}
