import "server-only";
import type { CustomFieldValue, CustomFieldValues } from "@/lib/custom-field-vocabulary";
import type { TicketStatus } from "@/lib/vocabularies";
import { AppError, type FieldErrors } from "@/server/errors";
import type { FieldDefinition } from "./field-definitions";
import { customFieldErrorName } from "./validate-values";

/**
 * What "filled in" means for a required field: any stored value, except an
 * unticked checkbox (a required checkbox is one that must be ticked, such as
 * "I have restarted the device").
 */
export function isFilledIn(value: CustomFieldValue | null | undefined): boolean {
  if (value === undefined || value === null || value === false || value === "") return false;
  return !Array.isArray(value) || value.length > 0;
}

/**
 * A customer submitting a ticket must fill in the required fields of the
 * category's form (`formFields`, as ticketFormFor returns them). Refused
 * with an error at each missing field.
 */
export function assertRequiredOnSubmit(formFields: readonly FieldDefinition[], values: CustomFieldValues): void {
  const missing = formFields.filter((field) => field.active && field.requiredForCustomers && !isFilledIn(values[String(field.id)]));
  if (missing.length === 0) return;
  const fieldErrors: FieldErrors = Object.fromEntries(missing.map((field) => [customFieldErrorName(field.key), [`Fill in ${field.label}.`]]));
  throw new AppError("INVALID", missing.length === 1 ? `Fill in ${missing[0]?.label}.` : "Some fields need attention.", { fieldErrors });
}

/** The active fields an agent must fill in before the ticket is solved, and that are still empty. */
export function missingBeforeSolve(fields: readonly FieldDefinition[], values: CustomFieldValues): FieldDefinition[] {
  return fields.filter((field) => field.active && field.requiredOnSolve && !isFilledIn(values[String(field.id)]));
}

/** "Root cause" or "Root cause and Device": the labels a refusal names. */
export function fieldLabels(fields: readonly FieldDefinition[]): string {
  const labels = fields.map((field) => field.label);
  return labels.length <= 1 ? (labels[0] ?? "") : `${labels.slice(0, -1).join(", ")} and ${labels.at(-1)}`;
}

/** Why a ticket cannot be solved yet: the few words a bulk result lists, and the sentence an editor shows. */
export function solveRefusal(number: number, missing: readonly FieldDefinition[]): { reason: string; message: string } {
  const labels = fieldLabels(missing);
  return { reason: `needs ${labels}`, message: `Fill in ${labels} before solving ticket #${number}.` };
}

/** A ticket's status and custom values, before or after a change. */
export interface SolveState {
  status: TicketStatus;
  values: CustomFieldValues;
}

/**
 * The one required-on-solve rule, for every door that changes a ticket as
 * staff or as the system (desk, bulk, undo, REST, send-and-solve,
 * automations): the required fields a change leaves empty on a ticket it
 * leaves solved. A change that solves the ticket needs every required field;
 * on a ticket already solved, only a field the change itself empties counts,
 * so a field made required since waits for the next solve instead of
 * blocking unrelated edits. Closing is not solving (the auto-close job
 * closes tickets that passed this rule; a merge closes a duplicate), and a
 * requester marking their own ticket solved is not held to fields agents fill in.
 */
export function missingAfterChange(fields: readonly FieldDefinition[], before: SolveState, after: SolveState): FieldDefinition[] {
  if (after.status !== "solved") return [];
  const missing = missingBeforeSolve(fields, after.values);
  return before.status === "solved" ? missing.filter((field) => isFilledIn(before.values[String(field.id)])) : missing;
}

/** The refusal of a change missingAfterChange found fields for: a solve, or emptying a field a solved ticket needs. */
export function requiredFieldRefusal(number: number, missing: readonly FieldDefinition[], before: SolveState): { reason: string; message: string } {
  if (before.status !== "solved") return solveRefusal(number, missing);
  const labels = fieldLabels(missing);
  return { reason: `solved, needs ${labels}`, message: `Ticket #${number} is solved: ${labels} must stay filled in. Reopen it first.` };
}
