"use client";

import type { ReactNode } from "react";
import { priorityLabels } from "@/components/ticket-badges";
import { Button } from "@/components/ui/button";
import { Input, Select, Textarea } from "@/components/ui/field";
import {
  automationActionTypes,
  automationConditionFields,
  ticketChannels,
  ticketPriorities,
  type AutomationAction,
  type AutomationActionType,
  type AutomationCondition,
  type AutomationConditionField,
  type AutomationOperator,
} from "@/lib/vocabularies";
import {
  actionLabels,
  actionValueKinds,
  conditionFieldLabels,
  conditionValueKind,
  customFieldOperators,
  operatorLabels,
  operatorTakesValue,
  operatorsByField,
  ruleLimits,
} from "@/lib/rule-vocabulary";
import { RuleFieldSelect, RuleFieldValue, type RuleField } from "./custom-field-controls";
import { channelLabels } from "./rule-summary";

interface Choice {
  id: string;
  name: string;
}

/** What the value selects offer (from desk.options). */
export interface RuleOptions {
  categories: (Choice & { archived: boolean })[];
  organizations: Choice[];
  teams: Choice[];
  agents: Choice[];
  ticketFields: RuleField[];
}

/** A row being edited: the stored fields, a React key, and the name of what it refers to (for values the options lack). */
export type ConditionDraft = AutomationCondition & { key: number; label?: string | null };
export type ActionDraft = AutomationAction & { key: number; label?: string | null };

const control = "sm:w-auto";

function RowShell({ label, error, errorId, onRemove, removeLabel, children }: { label: string; error?: string; errorId: string; onRemove?: () => void; removeLabel: string; children: ReactNode }) {
  return (
    <li className="rounded-md border border-border bg-surface-muted/50 p-3">
      <div role="group" aria-label={label} className="space-y-1.5">
      <div className="flex flex-wrap items-start gap-2">
        {children}
        {onRemove ? (
          <Button variant="ghost" onClick={onRemove} aria-label={removeLabel} className="ml-auto px-2.5">
            Remove
          </Button>
        ) : null}
      </div>
        {error ? (
          <p id={errorId} className="text-xs font-medium text-danger">
            {error}
          </p>
        ) : null}
      </div>
    </li>
  );
}

interface AriaProps {
  "aria-label": string;
  "aria-invalid"?: boolean;
  "aria-describedby"?: string;
}

/** A select of records, keeping a current value the list lacks (a deleted record, or one past the picker's limit) visible. */
function RecordSelect({
  choices,
  value,
  label,
  placeholder,
  onChange,
  ...aria
}: { choices: Choice[]; value: string; label: string | null | undefined; placeholder: string; onChange: (value: string) => void } & AriaProps) {
  const known = value === "" || choices.some((c) => c.id === value);
  return (
    <Select value={value} onChange={(e) => onChange(e.target.value)} className={`${control} sm:min-w-48 flex-1`} {...aria}>
      <option value="">{placeholder}</option>
      {known ? null : <option value={value}>{label ?? "A deleted record"}</option>}
      {choices.map((c) => (
        <option key={c.id} value={c.id}>
          {c.name}
        </option>
      ))}
    </Select>
  );
}


function EnumSelect({ values, labels, value, placeholder, onChange, ...aria }: { values: readonly string[]; labels: Record<string, string>; value: string; placeholder: string; onChange: (value: string) => void } & AriaProps) {
  return (
    <Select value={value} onChange={(e) => onChange(e.target.value)} className={`${control} sm:min-w-40 flex-1`} {...aria}>
      <option value="">{placeholder}</option>
      {values.map((v) => (
        <option key={v} value={v}>
          {labels[v] ?? v}
        </option>
      ))}
    </Select>
  );
}

/** What a condition or action row takes besides its own draft. */
interface RowProps<TDraft> {
  index: number;
  idPrefix: string;
  error?: string;
  options: RuleOptions;
  onChange: (patch: Partial<TDraft>) => void;
  onRemove?: () => void;
}

/** The numbered names, error wiring and value setter that both kinds of row share. */
function rowParts(noun: "Condition" | "Action", { index, idPrefix, error, onChange, onRemove }: RowProps<{ value: string; label?: string | null }>) {
  const n = index + 1;
  const errorId = `${idPrefix}-${noun.toLowerCase()}-${index}-error`;
  return {
    n,
    shell: { label: `${noun} ${n}`, error, errorId, onRemove, removeLabel: `Remove ${noun.toLowerCase()} ${n}` },
    invalid: { "aria-invalid": error ? true : undefined, "aria-describedby": error ? errorId : undefined },
    valueLabel: `${noun} ${n} value`,
    setValue: (value: string) => onChange({ value, label: null }),
  };
}

export function ConditionRow({ condition, ...row }: RowProps<ConditionDraft> & { condition: ConditionDraft }) {
  const { options, onChange } = row;
  const { n, shell, invalid, valueLabel, setValue } = rowParts("Condition", row);
  const kind = conditionValueKind(condition.field);
  const ticketField = options.ticketFields.find((f) => f.key === condition.fieldKey);
  const operators = kind !== "custom_field" ? operatorsByField[condition.field] : ticketField ? customFieldOperators(ticketField.type) : operatorsByField.custom_field;

  return (
    <RowShell {...shell}>
      <Select
        aria-label={`Condition ${n} looks at`}
        value={condition.field}
        className={`${control} sm:min-w-36`}
        onChange={(e) => {
          const field = e.target.value as AutomationConditionField;
          onChange({ field, operator: operatorsByField[field][0], value: "", label: null, fieldKey: undefined });
        }}
      >
        {automationConditionFields.map((field) => (
          <option key={field} value={field}>
            {conditionFieldLabels[field]}
          </option>
        ))}
      </Select>
      {kind === "custom_field" ? (
        <RuleFieldSelect
          fields={options.ticketFields}
          value={condition.fieldKey}
          inUseOnly={false}
          onChange={(fieldKey) => onChange({ fieldKey, operator: "is", value: "", label: null })}
          aria-label={`Condition ${n} field`}
        />
      ) : null}
      <Select
        aria-label={`Condition ${n} compares with`}
        value={condition.operator}
        className={`${control} sm:min-w-36`}
        onChange={(e) => onChange({ operator: e.target.value as AutomationOperator })}
      >
        {operators.map((operator) => (
          <option key={operator} value={operator}>
            {operatorLabels[operator]}
          </option>
        ))}
      </Select>
      {kind === "custom_field" ? (
        operatorTakesValue(condition.operator) ? (
          <RuleFieldValue field={ticketField} value={condition.value} onChange={setValue} aria-label={valueLabel} {...invalid} />
        ) : null
      ) : kind === "channel" ? (
        <EnumSelect values={ticketChannels} labels={channelLabels} value={condition.value} placeholder="Choose a channel…" onChange={setValue} aria-label={valueLabel} {...invalid} />
      ) : kind === "priority" ? (
        <EnumSelect values={ticketPriorities} labels={priorityLabels} value={condition.value} placeholder="Choose a priority…" onChange={setValue} aria-label={valueLabel} {...invalid} />
      ) : kind === "category" ? (
        <RecordSelect
          choices={options.categories.map((c) => ({ id: c.id, name: c.archived ? `${c.name} (archived)` : c.name }))}
          value={condition.value}
          label={condition.label}
          placeholder="Choose a category…"
          onChange={setValue}
          aria-label={valueLabel}
          {...invalid}
        />
      ) : kind === "organization" ? (
        <RecordSelect choices={options.organizations} value={condition.value} label={condition.label} placeholder="Choose an organization…" onChange={setValue} aria-label={valueLabel} {...invalid} />
      ) : (
        <Input
          value={condition.value}
          onChange={(e) => setValue(e.target.value)}
          maxLength={ruleLimits.conditionValue}
          placeholder={kind === "requester" ? "name@example.com or @example.com" : "refund, money back"}
          className={`${control} sm:min-w-48 flex-1`}
          aria-label={kind === "requester" ? `${valueLabel}: an email address, or @ and a domain` : `${valueLabel}: words or phrases, separated by commas`}
          {...invalid}
        />
      )}
    </RowShell>
  );
}

export function ActionRow({ action, ...row }: RowProps<ActionDraft> & { action: ActionDraft }) {
  const { options, onChange } = row;
  const { n, shell, invalid, valueLabel, setValue } = rowParts("Action", row);
  const kind = actionValueKinds[action.type];

  return (
    <RowShell {...shell}>
      <Select
        aria-label={`Action ${n} does`}
        value={action.type}
        className={`${control} sm:min-w-44`}
        onChange={(e) => onChange({ type: e.target.value as AutomationActionType, value: "", label: null, fieldKey: undefined })}
      >
        {automationActionTypes.map((type) => (
          <option key={type} value={type}>
            {actionLabels[type]}
          </option>
        ))}
      </Select>
      {kind === "custom_field" ? (
        <>
          <RuleFieldSelect
            fields={options.ticketFields}
            value={action.fieldKey}
            inUseOnly
            onChange={(fieldKey) => onChange({ fieldKey, value: "", label: null })}
            aria-label={`Action ${n} field`}
          />
          <RuleFieldValue field={options.ticketFields.find((f) => f.key === action.fieldKey)} value={action.value} onChange={setValue} aria-label={valueLabel} {...invalid} />
        </>
      ) : kind === "category" ? (
        <RecordSelect
          choices={options.categories.filter((c) => !c.archived)}
          value={action.value}
          label={action.label}
          placeholder="Choose a category…"
          onChange={setValue}
          aria-label={valueLabel}
          {...invalid}
        />
      ) : kind === "priority" ? (
        <EnumSelect values={ticketPriorities} labels={priorityLabels} value={action.value} placeholder="Choose a priority…" onChange={setValue} aria-label={valueLabel} {...invalid} />
      ) : kind === "team" ? (
        <RecordSelect choices={options.teams} value={action.value} label={action.label} placeholder="Choose a team…" onChange={setValue} aria-label={valueLabel} {...invalid} />
      ) : kind === "user" ? (
        <RecordSelect choices={options.agents} value={action.value} label={action.label} placeholder="Choose an agent…" onChange={setValue} aria-label={valueLabel} {...invalid} />
      ) : kind === "tags" ? (
        <Input
          value={action.value}
          onChange={(e) => setValue(e.target.value)}
          maxLength={ruleLimits.tags}
          placeholder="vip, refund"
          className={`${control} sm:min-w-48 flex-1`}
          aria-label={`${valueLabel}: tags, separated by commas`}
          {...invalid}
        />
      ) : (
        <Textarea
          value={action.value}
          onChange={(e) => setValue(e.target.value)}
          rows={3}
          maxLength={ruleLimits.note}
          placeholder="Visible to agents only. Markdown works."
          className={`${control} sm:min-w-64 flex-1`}
          aria-label={`${valueLabel}: the note's text`}
          {...invalid}
        />
      )}
    </RowShell>
  );
}
