import { priorityLabels } from "@/components/ticket-badges";
import type { AutomationActionType, AutomationConditionField, AutomationOperator, TicketChannel, TicketPriority } from "@/lib/vocabularies";
import { conditionFieldLabels, operatorTakesValue } from "@/lib/rule-vocabulary";

export const channelLabels: Record<TicketChannel, string> = { web: "Web portal", email: "Email", api: "API" };

/** What the list shows of a rule; labels name what the rule refers to (from admin.automations.list). */
export interface RuleForSummary {
  runOnCreate: boolean;
  runOnUpdate: boolean;
  matchAll: boolean;
  conditions: { field: AutomationConditionField; operator: AutomationOperator; value: string; label: string | null; fieldLabel: string | null }[];
  actions: { type: AutomationActionType; value: string; label: string | null; fieldLabel: string | null }[];
}

const operatorPhrases: Record<AutomationOperator, string> = {
  is: "is",
  is_not: "is not",
  contains_any: "contains",
  contains_none: "contains none of",
  contains: "contains",
  is_empty: "is empty",
  is_not_empty: "is not empty",
};

function enumLabel<T extends string>(labels: Record<T, string>, value: string): string {
  return (labels as Record<string, string>)[value] ?? value;
}

function conditionText({ field, operator, value, label, fieldLabel }: RuleForSummary["conditions"][number]): string {
  if (field === "custom_field") return [fieldLabel ?? "a field", operatorPhrases[operator], operatorTakesValue(operator) ? (label ?? value) : ""].join(" ").trim();
  const shown =
    field === "channel" ? enumLabel(channelLabels, value) : field === "priority" ? enumLabel<TicketPriority>(priorityLabels, value) : (label ?? value);
  return `${conditionFieldLabels[field].toLowerCase()} ${operatorPhrases[operator]} ${shown}`;
}

function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function actionText({ type, value, label, fieldLabel }: RuleForSummary["actions"][number]): string {
  switch (type) {
    case "set_category":
      return `set category ${label ?? value}`;
    case "set_priority":
      return `set priority ${enumLabel<TicketPriority>(priorityLabels, value)}`;
    case "set_team":
      return `set team ${label ?? value}`;
    case "add_tags":
      return `add tags ${value}`;
    case "set_assignee":
      return `assign to ${label ?? value}`;
    case "add_internal_note":
      return `add internal note “${shorten(value, 60)}”`;
    case "set_custom_field":
      return `set ${fieldLabel ?? "a field"} to ${label ?? value}`;
  }
}

/** "When created · subject contains refund, invoice → set category Billing, add tags refund". */
export function describeRule(rule: RuleForSummary): { when: string; conditions: string; actions: string } {
  const when = rule.runOnCreate && rule.runOnUpdate ? "When created or updated" : rule.runOnCreate ? "When created" : "When updated";
  return {
    when,
    conditions: rule.conditions.map(conditionText).join(rule.matchAll ? " and " : " or "),
    actions: rule.actions.map(actionText).join(", "),
  };
}
