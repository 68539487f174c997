import { priorityLabels } from "@/components/ticket-badges";
import type { AutomationActionType, AutomationConditionField, AutomationOperator, TicketChannel, TicketPriority } from "@/lib/vocabularies";
import { conditionFieldLabels } from "@/lib/rule-vocabulary";

export const channelLabels: Record<TicketChannel, string> = { web: "Web portal", email: "Email", api: "API" };

/** What the list shows of a rule; labels name what the rule refers to (from admin.automations.list). */
export interface RuleForSummary {
  runOnCreate: boolean;
  runOnUpdate: boolean;
  matchAll: boolean;
  conditions: { field: AutomationConditionField; operator: AutomationOperator; value: string; label: string | null }[];
  actions: { type: AutomationActionType; value: string; label: string | null }[];
}

const operatorPhrases: Record<AutomationOperator, string> = { is: "is", is_not: "is not", contains_any: "contains", contains_none: "contains none of" };

function enumLabel<T extends string>(labels: Record<T, string>, value: string): string {
  return (labels as Record<string, string>)[value] ?? value;
}

function conditionText({ field, operator, value, label }: RuleForSummary["conditions"][number]): string {
  const shown =
    field === "channel" ? enumLabel(channelLabels, value) : field === "priority" ? enumLabel<TicketPriority>(priorityLabels, value) : (label ?? value);
  return `${conditionFieldLabels[field].toLowerCase()} ${operatorPhrases[operator]} ${shown}`;
}

function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function actionText({ type, value, label }: RuleForSummary["actions"][number]): string {
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
