import "server-only";
import { z } from "zod";
import { automationActionTypes, automationConditionFields, automationOperators } from "@/lib/vocabularies";
import { actionProblem, conditionProblem, ruleLimits } from "@/lib/rule-vocabulary";
import { normalizeTags } from "@/server/tickets/tags";

/**
 * Inputs of admin.automations. Row problems are reported on `conditions` or
 * `actions` (the error formatter keeps the first path segment), each message
 * naming its row, so the form can show it beside the list it belongs to.
 */

const recordId = z.uuid("Reload the page and try again.");
// Bounds the payload only; the row checks say "Choose a ticket field" for a malformed key.
const fieldKey = z.string().max(100);

// The caps on raw values only bound the payload; the row checks give the exact
// limits (on trimmed text), with the row's number in the message.
const conditionInput = z.object({
  field: z.enum(automationConditionFields, "Choose what the condition looks at."),
  operator: z.enum(automationOperators, "Choose how the condition compares."),
  value: z.string().max(ruleLimits.conditionValue * 2, `Keep the value under ${ruleLimits.conditionValue} characters.`),
  fieldKey: fieldKey.optional(),
});

const actionInput = z.object({
  type: z.enum(automationActionTypes, "Choose what the action does."),
  value: z.string().max(ruleLimits.note * 2, `Keep the value under ${ruleLimits.note.toLocaleString("en")} characters.`),
  fieldKey: fieldKey.optional(),
});

const conditions = z
  .array(conditionInput)
  .min(1, "Add at least one condition.")
  .max(ruleLimits.conditions, `Use at most ${ruleLimits.conditions} conditions.`)
  .superRefine((list, ctx) => {
    list.forEach((condition, index) => {
      const problem = conditionProblem(condition);
      if (problem) ctx.addIssue({ code: "custom", path: [index, "value"], message: `Condition ${index + 1}: ${problem}` });
    });
  });

const actions = z
  .array(actionInput)
  .min(1, "Add at least one action.")
  .max(ruleLimits.actions, `Use at most ${ruleLimits.actions} actions.`)
  .superRefine((list, ctx) => {
    list.forEach((action, index) => {
      const problem =
        actionProblem(action) ??
        // Tags keep only letters, digits, dashes and underscores: "!!!" would add nothing.
        (action.type === "add_tags" && normalizeTags(action.value.split(",")).length === 0 ? "Use letters or digits in the tags." : null);
      if (problem) ctx.addIssue({ code: "custom", path: [index, "value"], message: `Action ${index + 1}: ${problem}` });
    });
  });

const ruleFields = {
  name: z.string().trim().min(1, "Name the rule.").max(ruleLimits.name, `Keep the name under ${ruleLimits.name} characters.`),
  runOnCreate: z.boolean(),
  runOnUpdate: z.boolean(),
  matchAll: z.boolean(),
  conditions,
  actions,
};

/** A rule that never runs is a mistake worth pointing out. */
function withTrigger<T extends z.ZodType<{ runOnCreate: boolean; runOnUpdate: boolean }>>(schema: T) {
  return schema.refine((rule) => rule.runOnCreate || rule.runOnUpdate, {
    path: ["runOnCreate"],
    message: "Run the rule when tickets are created, updated, or both.",
    // Reported together with the other problems, not only once they are fixed.
    when: (payload) => typeof payload.value === "object" && payload.value !== null,
  });
}

export const createAutomationRuleInput = withTrigger(z.object(ruleFields));
export const updateAutomationRuleInput = withTrigger(z.object({ id: recordId, ...ruleFields }));
export const automationRuleIdInput = z.object({ id: recordId });
export const moveAutomationRuleInput = z.object({ id: recordId, direction: z.enum(["up", "down"]) });
export const setAutomationRuleActiveInput = z.object({ id: recordId, active: z.boolean() });
