"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { SavedNotice } from "@/components/admin/admin-panel";
import { mutationErrors, optionOf } from "@/components/admin/mutation-errors";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { describedBy, Field, FormError, Input, Select, Textarea } from "@/components/ui/field";
import {
  customFieldTargets,
  customFieldTypeLabels,
  customFieldTypes,
  optionFieldTypes,
  type CustomFieldTarget,
  type CustomFieldType,
} from "@/lib/custom-field-vocabulary";
import type { FieldDefinition } from "@/server/custom-fields/field-definitions";
import { targetLabels } from "./target-labels";

const formFields = ["target", "key", "type", "label", "helpText", "position", "options", "requiredForCustomers", "requiredOnSolve", "agentOnly"] as const;
const keyHint = "What the API, automations and exports call it: lowercase letters, digits and _. It cannot change later.";

/** An option row being edited: `value` is absent until the server names a new one. */
type OptionDraft = { value?: string; label: string; active: boolean };

/** Creates a field, or edits one when given `field` (key, target and type are fixed once created). */
export function FieldForm({ field }: { field?: FieldDefinition }) {
  const trpc = useTRPC();
  const router = useRouter();
  const prefix = useId();
  const id = (name: string) => `${prefix}-${name}`;
  const [type, setType] = useState<CustomFieldType>(field?.type ?? "text");
  const [target, setTarget] = useState<CustomFieldTarget>(field?.target ?? "ticket");
  const [options, setOptions] = useState<OptionDraft[]>(field?.options ?? []);
  const [saved, setSaved] = useState<string | null>(null);
  const create = useMutation(trpc.admin.customFields.create.mutationOptions());
  const update = useMutation(trpc.admin.customFields.update.mutationOptions());
  const mutation = field ? update : create;
  const { field: error, formError } = mutationErrors(mutation.error, formFields);
  const hasOptions = optionFieldTypes.includes(type);
  const forTickets = target === "ticket";

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(null);
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const position = String(form.get("position") ?? "").trim();
    const settings = {
      label: String(form.get("label") ?? ""),
      helpText: String(form.get("helpText") ?? ""),
      options: hasOptions ? options : [],
      position: position === "" ? undefined : Number(position),
      requiredForCustomers: form.get("requiredForCustomers") === "on",
      requiredOnSolve: form.get("requiredOnSolve") === "on",
      agentOnly: form.get("agentOnly") === "on",
    };
    const done = (notice: string, result: FieldDefinition) => {
      setSaved(notice);
      setOptions(field ? result.options : []);
      router.refresh();
    };
    if (field) {
      update.mutate({ id: field.id, ...settings }, { onSuccess: (result) => done("Saved.", result) });
    } else {
      const values = { ...settings, target, type, key: String(form.get("key") ?? "") };
      create.mutate(values, {
        onSuccess: (result) => {
          formElement.reset();
          done(`“${result.label}” is added.${result.target === "ticket" ? " Put it on a category's form below to ask customers for it." : ""}`, result);
        },
      });
    }
  }

  const setOption = (index: number, change: Partial<OptionDraft>) => setOptions((list) => list.map((option, i) => (i === index ? { ...option, ...change } : option)));

  return (
    <form onSubmit={submit} className="space-y-4" noValidate aria-label={field ? `Edit ${field.label}` : "New field"}>
      <FormError message={formError} />
      <div className="grid gap-4 sm:grid-cols-2">
        {field ? null : (
          <>
            <Field id={id("target")} label="Describes" error={error("target")}>
              <Select id={id("target")} name="target" value={target} onChange={(e) => setTarget(optionOf(customFieldTargets, e.target.value) ?? "ticket")}>
                {customFieldTargets.map((t) => (
                  <option key={t} value={t}>
                    {targetLabels[t]}
                  </option>
                ))}
              </Select>
            </Field>
            <Field id={id("type")} label="Type" error={error("type")}>
              <Select id={id("type")} name="type" value={type} onChange={(e) => setType(optionOf(customFieldTypes, e.target.value) ?? "text")}>
                {customFieldTypes.map((t) => (
                  <option key={t} value={t}>
                    {customFieldTypeLabels[t]}
                  </option>
                ))}
              </Select>
            </Field>
          </>
        )}
        <Field id={id("label")} label="Label" error={error("label")}>
          <Input id={id("label")} name="label" required maxLength={80} defaultValue={field?.label} {...describedBy(id("label"), error("label"))} />
        </Field>
        {field ? null : (
          <Field id={id("key")} label="Key" error={error("key")} hint={keyHint}>
            <Input id={id("key")} name="key" required maxLength={40} pattern="[a-z][a-z0-9_]*" {...describedBy(id("key"), error("key"), keyHint)} />
          </Field>
        )}
        <Field id={id("position")} label="Position" error={error("position")} hint="Lower comes first.">
          <Input id={id("position")} name="position" inputMode="numeric" defaultValue={field?.position} {...describedBy(id("position"), error("position"), "Lower comes first.")} />
        </Field>
      </div>
      <Field id={id("helpText")} label="Help text" error={error("helpText")} hint="Shown under the field.">
        <Textarea id={id("helpText")} name="helpText" rows={2} maxLength={300} defaultValue={field?.helpText} {...describedBy(id("helpText"), error("helpText"), "Shown under the field.")} />
      </Field>
      {hasOptions ? (
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">Options</legend>
          <p className="text-xs text-muted">Renaming keeps what tickets hold. An option is never removed: untick Offered to stop offering it.</p>
          <ul className="space-y-2">
            {options.map((option, index) => (
              <li key={option.value ?? `new-${index}`} className="flex flex-wrap items-center gap-2">
                <Input aria-label={`Option ${index + 1}`} className="max-w-xs flex-1" value={option.label} maxLength={80} onChange={(e) => setOption(index, { label: e.target.value })} />
                <label className="flex items-center gap-1.5 text-sm">
                  <input type="checkbox" checked={option.active} onChange={(e) => setOption(index, { active: e.target.checked })} />
                  Offered
                </label>
                {option.value === undefined ? (
                  <Button variant="ghost" className="px-2 py-1 text-xs" onClick={() => setOptions((list) => list.filter((_, i) => i !== index))}>
                    Remove
                  </Button>
                ) : null}
              </li>
            ))}
          </ul>
          <Button variant="secondary" className="px-2.5 py-1 text-xs" onClick={() => setOptions((list) => [...list, { label: "", active: true }])}>
            Add option
          </Button>
          {error("options") ? <p className="text-xs font-medium text-danger">{error("options")}</p> : null}
        </fieldset>
      ) : null}
      <fieldset className="space-y-1.5">
        <legend className="text-sm font-medium">Rules</legend>
        {forTickets ? (
          <>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="requiredForCustomers" defaultChecked={field?.requiredForCustomers} /> Customers must fill it in (on the forms that show it)
            </label>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="requiredOnSolve" defaultChecked={field?.requiredOnSolve} /> Agents must fill it in before solving
            </label>
          </>
        ) : null}
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="agentOnly" defaultChecked={field?.agentOnly} /> Agents only (customers never see it)
        </label>
        {error("requiredForCustomers") ? <p className="text-xs font-medium text-danger">{error("requiredForCustomers")}</p> : null}
      </fieldset>
      <div className="flex flex-wrap items-center justify-end gap-3">
        <SavedNotice message={saved} />
        <Button type="submit" variant={field ? "secondary" : "primary"} disabled={mutation.isPending}>
          {mutation.isPending ? "Saving…" : field ? "Save field" : "Add field"}
        </Button>
      </div>
    </form>
  );
}
