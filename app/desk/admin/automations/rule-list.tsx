import { Disclosure } from "@/components/admin/admin-panel";
import type { AutomationRuleView } from "@/server/automations/rules";
import { RuleForm } from "./rule-form";
import type { RuleOptions } from "./rule-rows";
import { RuleRowActions } from "./rule-row-actions";
import { describeRule } from "./rule-summary";

/** The rules in the order they run, each summarized in a sentence, with its controls and an edit form. */
export function RuleList({ rules, options }: { rules: AutomationRuleView[]; options: RuleOptions }) {
  return (
    <ol className="divide-y divide-border rounded-md border border-border">
      {rules.map((rule, index) => {
        const summary = describeRule(rule);
        return (
          <li key={rule.id} className="space-y-3 p-3">
            <div className="flex flex-wrap items-start justify-between gap-3">
              <div className="min-w-0 flex-1 basis-72">
                <h3 className="font-medium">
                  <span className="mr-2 text-xs text-muted tabular-nums" title="Runs in this order">
                    {index + 1}.
                  </span>
                  {rule.name}
                  {rule.active ? null : <span className="ml-2 rounded-full bg-surface-muted px-2 py-0.5 text-xs font-medium text-muted">Off</span>}
                </h3>
                <p className={`mt-1 text-sm ${rule.active ? "" : "text-muted"}`}>
                  <span className="font-medium">{summary.when}</span> · {summary.conditions}{" "}
                  <span aria-label="then">→</span> {summary.actions}
                </p>
              </div>
              <RuleRowActions id={rule.id} name={rule.name} active={rule.active} first={index === 0} last={index === rules.length - 1} />
            </div>
            <Disclosure summary={`Edit ${rule.name}`}>
              <RuleForm
                options={options}
                rule={{
                  id: rule.id,
                  name: rule.name,
                  runOnCreate: rule.runOnCreate,
                  runOnUpdate: rule.runOnUpdate,
                  matchAll: rule.matchAll,
                  conditions: rule.conditions,
                  actions: rule.actions,
                }}
              />
            </Disclosure>
          </li>
        );
      })}
    </ol>
  );
}
