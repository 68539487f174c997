"use client";

import { useId, useState, type FormEvent } from "react";
import { SavedNotice } from "@/components/admin/admin-panel";
import { mutationErrors } from "@/components/admin/mutation-errors";
import { useCreateOrUpdate } from "@/components/admin/use-create-or-update";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { describedBy, Field, FormError, Input } from "@/components/ui/field";
import type { AutomationAction, AutomationCondition } from "@/lib/vocabularies";
import { actionProblem, conditionProblem, ruleLimits } from "@/lib/rule-vocabulary";
import { ActionRow, ConditionRow, type ActionDraft, type ConditionDraft, type RuleOptions } from "./rule-rows";

const serverFields = ["name", "runOnCreate", "runOnUpdate", "matchAll", "conditions", "actions"] as const;

/** A saved rule as the form edits it (labels name what its rows refer to). */
export interface EditableRule {
  id: string;
  name: string;
  runOnCreate: boolean;
  runOnUpdate: boolean;
  matchAll: boolean;
  conditions: (AutomationCondition & { label: string | null })[];
  actions: (AutomationAction & { label: string | null })[];
}

interface Draft {
  name: string;
  runOnCreate: boolean;
  runOnUpdate: boolean;
  matchAll: boolean;
  conditions: ConditionDraft[];
  actions: ActionDraft[];
}

/** Problems found before sending, shown beside their rows (the server checks the same and more). */
interface LocalErrors {
  name?: string;
  triggers?: string;
  conditions: (string | undefined)[];
  actions: (string | undefined)[];
}

const noErrors: LocalErrors = { conditions: [], actions: [] };

// React keys for rows (never rendered, so the server and browser need not agree on them).
let lastRowKey = 0;
const keyed = <T,>(row: T) => ({ ...row, key: ++lastRowKey });
const blankCondition = (): ConditionDraft => keyed({ field: "subject" as const, operator: "contains_any" as const, value: "" });
const blankAction = (): ActionDraft => keyed({ type: "add_tags" as const, value: "" });

function localErrors(draft: Draft): LocalErrors | null {
  const errors: LocalErrors = {
    name: draft.name.trim() ? undefined : "Name the rule.",
    triggers: draft.runOnCreate || draft.runOnUpdate ? undefined : "Run the rule when tickets are created, updated, or both.",
    conditions: draft.conditions.map((c) => conditionProblem(c) ?? undefined),
    actions: draft.actions.map((a) => actionProblem(a) ?? undefined),
  };
  const any = errors.name || errors.triggers || errors.conditions.some(Boolean) || errors.actions.some(Boolean);
  return any ? errors : null;
}

/** Creates a rule, or edits one when given `rule`. Rows are added and removed in place. */
export function RuleForm({ options, rule }: { options: RuleOptions; rule?: EditableRule }) {
  const trpc = useTRPC();
  const prefix = useId();
  const initial = (): Draft => ({
    name: rule?.name ?? "",
    runOnCreate: rule?.runOnCreate ?? true,
    runOnUpdate: rule?.runOnUpdate ?? false,
    matchAll: rule?.matchAll ?? true,
    conditions: rule ? rule.conditions.map(keyed) : [blankCondition()],
    actions: rule ? rule.actions.map(keyed) : [blankAction()],
  });

  const [draft, setDraft] = useState<Draft>(initial);
  const [local, setLocal] = useState<LocalErrors>(noErrors);
  const { mutation, saved, clearSaved, save } = useCreateOrUpdate(
    { create: trpc.admin.automations.create.mutationOptions(), update: trpc.admin.automations.update.mutationOptions() },
    rule?.id,
  );
  const { field, formError } = mutationErrors(mutation.error, serverFields);
  const id = (name: string) => `${prefix}-${name}`;
  const nameError = local.name ?? field("name");
  const triggerError = local.triggers ?? field("runOnCreate") ?? field("runOnUpdate");

  const patch = (changes: Partial<Draft>) => setDraft((d) => ({ ...d, ...changes }));
  const patchRow = <K extends "conditions" | "actions">(list: K, index: number, changes: Partial<Draft[K][number]>) =>
    setDraft((d) => ({ ...d, [list]: d[list].map((row, i) => (i === index ? { ...row, ...changes } : row)) }));
  const removeRow = (list: "conditions" | "actions", index: number) => {
    setDraft((d) => ({ ...d, [list]: d[list].filter((_, i) => i !== index) }));
    setLocal((e) => ({ ...e, [list]: e[list].filter((_, i) => i !== index) }));
  };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    clearSaved();
    const found = localErrors(draft);
    setLocal(found ?? noErrors);
    if (found) return;
    mutation.reset();
    const values = {
      name: draft.name,
      runOnCreate: draft.runOnCreate,
      runOnUpdate: draft.runOnUpdate,
      matchAll: draft.matchAll,
      conditions: draft.conditions.map(({ field, operator, value, fieldKey }) => ({ field, operator, value, fieldKey })),
      actions: draft.actions.map(({ type, value, fieldKey }) => ({ type, value, fieldKey })),
    };
    save(values, {
      created: (result) => {
        setDraft(initial());
        return `“${result.name}” is saved and switched on.`;
      },
      updated: () => "Saved.",
    });
  }

  return (
    <form onSubmit={submit} className="space-y-5" noValidate aria-label={rule ? `Edit ${rule.name}` : "New rule"}>
      <FormError message={formError} />
      <Field id={id("name")} label="Name" error={nameError}>
        <Input id={id("name")} value={draft.name} onChange={(e) => patch({ name: e.target.value })} maxLength={ruleLimits.name} required {...describedBy(id("name"), nameError)} />
      </Field>

      <fieldset className="space-y-2" aria-describedby={triggerError ? id("triggers-error") : undefined}>
        <legend className="text-sm font-medium">Runs</legend>
        <div className="flex flex-wrap gap-x-6 gap-y-2 text-sm">
          <label className="inline-flex items-center gap-2">
            <input type="checkbox" checked={draft.runOnCreate} onChange={(e) => patch({ runOnCreate: e.target.checked })} className="h-4 w-4 accent-accent" />
            When a ticket is created
          </label>
          <label className="inline-flex items-center gap-2">
            <input type="checkbox" checked={draft.runOnUpdate} onChange={(e) => patch({ runOnUpdate: e.target.checked })} className="h-4 w-4 accent-accent" />
            When a ticket is updated
          </label>
        </div>
        {triggerError ? (
          <p id={id("triggers-error")} className="text-xs font-medium text-danger">
            {triggerError}
          </p>
        ) : (
          <p className="text-xs text-muted">A rule acts at most once on each ticket, whichever comes first.</p>
        )}
      </fieldset>

      <fieldset className="space-y-2" aria-describedby={field("conditions") ? id("conditions-error") : undefined}>
        <legend className="text-sm font-medium">Conditions</legend>
        <div role="radiogroup" aria-label="How conditions combine" className="flex flex-wrap gap-x-6 gap-y-2 text-sm">
          <label className="inline-flex items-center gap-2">
            <input type="radio" name={id("match")} checked={draft.matchAll} onChange={() => patch({ matchAll: true })} className="h-4 w-4 accent-accent" />
            All must hold
          </label>
          <label className="inline-flex items-center gap-2">
            <input type="radio" name={id("match")} checked={!draft.matchAll} onChange={() => patch({ matchAll: false })} className="h-4 w-4 accent-accent" />
            Any one is enough
          </label>
        </div>
        <ol className="space-y-2">
          {draft.conditions.map((condition, index) => (
            <ConditionRow
              key={condition.key}
              condition={condition}
              index={index}
              idPrefix={prefix}
              error={local.conditions[index]}
              options={options}
              onChange={(changes) => patchRow("conditions", index, changes)}
              onRemove={draft.conditions.length > 1 ? () => removeRow("conditions", index) : undefined}
            />
          ))}
        </ol>
        {field("conditions") ? (
          <p id={id("conditions-error")} className="text-xs font-medium text-danger">
            {field("conditions")}
          </p>
        ) : null}
        <Button variant="secondary" disabled={draft.conditions.length >= ruleLimits.conditions} onClick={() => patch({ conditions: [...draft.conditions, blankCondition()] })}>
          Add condition
        </Button>
      </fieldset>

      <fieldset className="space-y-2" aria-describedby={field("actions") ? id("actions-error") : undefined}>
        <legend className="text-sm font-medium">Actions, in this order</legend>
        <ol className="space-y-2">
          {draft.actions.map((action, index) => (
            <ActionRow
              key={action.key}
              action={action}
              index={index}
              idPrefix={prefix}
              error={local.actions[index]}
              options={options}
              onChange={(changes) => patchRow("actions", index, changes)}
              onRemove={draft.actions.length > 1 ? () => removeRow("actions", index) : undefined}
            />
          ))}
        </ol>
        {field("actions") ? (
          <p id={id("actions-error")} className="text-xs font-medium text-danger">
            {field("actions")}
          </p>
        ) : null}
        <Button variant="secondary" disabled={draft.actions.length >= ruleLimits.actions} onClick={() => patch({ actions: [...draft.actions, blankAction()] })}>
          Add action
        </Button>
      </fieldset>

      <div className="flex flex-wrap items-center justify-end gap-3">
        <SavedNotice message={saved} />
        <Button type="submit" variant={rule ? "secondary" : "primary"} disabled={mutation.isPending}>
          {mutation.isPending ? "Saving…" : rule ? "Save rule" : "Add rule"}
        </Button>
      </div>
    </form>
  );
}
