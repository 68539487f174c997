/**
 * What an automation rule may say, in one place for the zod inputs, the engine
 * and the admin form: which operators each condition field takes, what kind
 * of value each field and action expects, and the check of a single row.
 * No imports beyond the plain value lists, so client components can use it.
 */
import { customFieldKeyPattern, type CustomFieldType } from "@/lib/custom-field-vocabulary";
import {
  ticketChannels,
  ticketPriorities,
  type AutomationAction,
  type AutomationActionType,
  type AutomationCondition,
  type AutomationConditionField,
  type AutomationOperator,
} from "@/lib/vocabularies";

export const ruleLimits = { name: 120, conditions: 20, actions: 10, conditionValue: 1000, tags: 1000, note: 5000 } as const;

/** Equality for values with one right answer; word lists for free text. */
export const operatorsByField: Record<AutomationConditionField, readonly AutomationOperator[]> = {
  channel: ["is", "is_not"],
  priority: ["is", "is_not"],
  category: ["is", "is_not"],
  organization: ["is", "is_not"],
  requester: ["is", "is_not"],
  subject: ["contains_any", "contains_none"],
  body: ["contains_any", "contains_none"],
  custom_field: ["is", "is_not", "contains", "is_empty", "is_not_empty"],
};

/** A custom field's operators depend on its type: only free text has a part worth matching. */
export function customFieldOperators(type: CustomFieldType): readonly AutomationOperator[] {
  return type === "text" || type === "textarea" ? operatorsByField.custom_field : ["is", "is_not", "is_empty", "is_not_empty"];
}

/** "is empty" and "is not empty" look at the field alone: their value is stored as "". */
export function operatorTakesValue(operator: AutomationOperator): boolean {
  return operator !== "is_empty" && operator !== "is_not_empty";
}

export type ConditionValueKind = "channel" | "priority" | "category" | "organization" | "requester" | "words" | "custom_field";
export type ActionValueKind = "category" | "priority" | "team" | "tags" | "user" | "note" | "custom_field";

export function conditionValueKind(field: AutomationConditionField): ConditionValueKind {
  return field === "subject" || field === "body" ? "words" : field;
}

export const actionValueKinds: Record<AutomationActionType, ActionValueKind> = {
  set_category: "category",
  set_priority: "priority",
  set_team: "team",
  add_tags: "tags",
  set_assignee: "user",
  add_internal_note: "note",
  set_custom_field: "custom_field",
};

export const conditionFieldLabels: Record<AutomationConditionField, string> = {
  channel: "Channel",
  subject: "Subject",
  body: "Message",
  requester: "Requester",
  organization: "Organization",
  category: "Category",
  priority: "Priority",
  custom_field: "Ticket field",
};

export const operatorLabels: Record<AutomationOperator, string> = {
  is: "is",
  is_not: "is not",
  contains_any: "contains any of",
  contains_none: "contains none of",
  contains: "contains",
  is_empty: "is empty",
  is_not_empty: "is not empty",
};

export const actionLabels: Record<AutomationActionType, string> = {
  set_category: "Set category",
  set_priority: "Set priority",
  set_team: "Set team",
  add_tags: "Add tags",
  set_assignee: "Assign to",
  add_internal_note: "Add internal note",
  set_custom_field: "Set field",
};

/** The words or phrases of a subject/body condition (or the tags of an action): comma-separated, blanks dropped. */
export function commaList(value: string): string[] {
  return value
    .split(",")
    .map((part) => part.trim().replace(/\s+/g, " "))
    .filter(Boolean);
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a value can be looked up as a record id (anything else would be an SQL error, not a miss). */
export function isRecordId(value: string): boolean {
  return uuidPattern.test(value);
}
// Deliberately loose: the requester's stored address is compared, not delivered to.
const emailPattern = /^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/;
const domainPattern = /^@[^\s@,]+\.[^\s@,]+$/;

function oneOf(values: readonly string[], value: string) {
  return values.includes(value);
}

/** What is wrong with one condition row, in words for the form; null when it is fine. */
export function conditionProblem(condition: AutomationCondition): string | null {
  if (!operatorsByField[condition.field].includes(condition.operator)) {
    const allowed = operatorsByField[condition.field].map((op) => `“${operatorLabels[op]}”`).join(" or ");
    return `${conditionFieldLabels[condition.field]} can only be compared with ${allowed}.`;
  }
  const value = condition.value.trim();
  if (value.length > ruleLimits.conditionValue) return `Keep the value under ${ruleLimits.conditionValue} characters.`;
  switch (conditionValueKind(condition.field)) {
    case "channel":
      return oneOf(ticketChannels, value) ? null : "Choose a channel.";
    case "priority":
      return oneOf(ticketPriorities, value) ? null : "Choose a priority.";
    case "category":
      return isRecordId(value) ? null : "Choose a category.";
    case "organization":
      return isRecordId(value) ? null : "Choose an organization.";
    case "requester":
      return emailPattern.test(value) || domainPattern.test(value) ? null : "Enter an email address, or @ and a domain (@example.com).";
    case "words":
      return commaList(value).length > 0 ? null : "Enter at least one word or phrase; separate several with commas.";
    case "custom_field":
      // Whether the field exists and the value suits its type is checked on the server, against the definitions.
      if (!condition.fieldKey || !customFieldKeyPattern.test(condition.fieldKey)) return "Choose a ticket field.";
      return !operatorTakesValue(condition.operator) || value.length > 0 ? null : "Enter or choose a value.";
  }
}

/** What is wrong with one action row; null when it is fine. Whether referenced records exist is checked on the server. */
export function actionProblem(action: AutomationAction): string | null {
  const value = action.value.trim();
  switch (actionValueKinds[action.type]) {
    case "category":
      return isRecordId(value) ? null : "Choose a category.";
    case "priority":
      return oneOf(ticketPriorities, value) ? null : "Choose a priority.";
    case "team":
      return isRecordId(value) ? null : "Choose a team.";
    case "user":
      return isRecordId(value) ? null : "Choose an agent.";
    case "tags":
      if (value.length > ruleLimits.tags) return `Keep the tags under ${ruleLimits.tags} characters.`;
      return commaList(value).length > 0 ? null : "Enter at least one tag; separate several with commas.";
    case "note":
      if (action.value.length > ruleLimits.note) return `Keep the note under ${ruleLimits.note.toLocaleString("en")} characters.`;
      return value.length > 0 ? null : "Write the note's text.";
    case "custom_field":
      if (!action.fieldKey || !customFieldKeyPattern.test(action.fieldKey)) return "Choose a ticket field.";
      if (value.length > ruleLimits.conditionValue) return `Keep the value under ${ruleLimits.conditionValue} characters.`;
      return value.length > 0 ? null : "Enter or choose the value to set.";
  }
}
