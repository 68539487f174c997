/**
 * Whether a rule's conditions hold for a ticket. Pure: the engine passes in
 * the ticket's current state and the text of the message the rule looks at.
 */
import "server-only";
import type { CustomFieldValues } from "@/lib/custom-field-vocabulary";
import type { AutomationAction, AutomationCondition, TicketChannel, TicketPriority } from "@/lib/vocabularies";
import { commaList, operatorsByField } from "@/lib/rule-vocabulary";
import type { FieldDefinition } from "@/server/custom-fields/field-definitions";
import { customFieldHolds } from "./custom-field-rules";

export interface TicketFacts {
  channel: TicketChannel;
  priority: TicketPriority;
  categoryId: string | null;
  organizationId: string | null;
  requesterEmail: string;
  subject: string;
  /** On creation the first message; on an update the newest public one ("" when there is none). */
  body: string;
  customValues: CustomFieldValues;
  /** The ticket field definitions, loaded only when a rule names a custom field ([] otherwise). */
  ticketFields: readonly FieldDefinition[];
}

const wordChar = "[\\p{L}\\p{N}\\p{M}_]";

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * A phrase found as whole words, ignoring case: "refund" matches "Refund!" but
 * not "refunded". Letters of any script count as word characters, so "café"
 * is not found inside "cafés"; spaces inside a phrase match any whitespace.
 */
export function containsPhrase(text: string, phrase: string): boolean {
  const pattern = phrase.normalize("NFC").split(/\s+/).filter(Boolean).map(escapeRegExp).join("\\s+");
  if (!pattern) return false;
  return new RegExp(`(?<!${wordChar})${pattern}(?!${wordChar})`, "iu").test(text.normalize("NFC"));
}

function requesterMatches(email: string, value: string): boolean {
  const wanted = value.trim().toLowerCase();
  const actual = email.toLowerCase();
  return wanted.startsWith("@") ? actual.endsWith(wanted) : actual === wanted;
}

function holds(condition: AutomationCondition, ticket: TicketFacts): boolean {
  // Stored rules are validated on save; a row that is not (an operator the
  // field does not take) never holds, rather than guessing what it meant.
  if (!operatorsByField[condition.field]?.includes(condition.operator)) return false;
  const value = condition.value.trim();
  let equal: boolean;
  switch (condition.field) {
    case "channel":
      equal = ticket.channel === value;
      break;
    case "priority":
      equal = ticket.priority === value;
      break;
    case "category":
      equal = ticket.categoryId !== null && ticket.categoryId === value;
      break;
    case "organization":
      equal = ticket.organizationId !== null && ticket.organizationId === value;
      break;
    case "requester":
      equal = requesterMatches(ticket.requesterEmail, value);
      break;
    case "custom_field":
      return customFieldHolds(condition, ticket.ticketFields, ticket.customValues);
    case "subject":
    case "body": {
      const text = condition.field === "subject" ? ticket.subject : ticket.body;
      const found = commaList(value).some((phrase) => containsPhrase(text, phrase));
      return condition.operator === "contains_any" ? found : !found;
    }
    default:
      return false;
  }
  return condition.operator === "is" ? equal : !equal;
}

/** All conditions (matchAll) or any one. A rule with no conditions never matches: it would fire on every ticket. */
export function conditionsHold(conditions: AutomationCondition[], matchAll: boolean, ticket: TicketFacts): boolean {
  if (conditions.length === 0) return false;
  return matchAll ? conditions.every((c) => holds(c, ticket)) : conditions.some((c) => holds(c, ticket));
}

/** Whether evaluating these conditions needs the message text (loaded only then). */
export function needsBody(conditions: AutomationCondition[]): boolean {
  return conditions.some((c) => c.field === "body");
}

/** Whether a rule names a ticket custom field (the field definitions are loaded only then). */
export function needsTicketFields(rule: { conditions: AutomationCondition[]; actions: AutomationAction[] }): boolean {
  return rule.conditions.some((c) => c.field === "custom_field") || rule.actions.some((a) => a.type === "set_custom_field");
}
