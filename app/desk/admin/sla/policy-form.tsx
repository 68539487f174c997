"use client";

import { useId, type FormEvent } from "react";
import { SavedNotice } from "@/components/admin/admin-panel";
import { mutationErrors, optionOf } from "@/components/admin/mutation-errors";
import { useCreateOrUpdate } from "@/components/admin/use-create-or-update";
import { priorityLabels } from "@/components/ticket-badges";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { describedBy, Field, FormError, Input, Select } from "@/components/ui/field";
import { ticketPriorities, type TicketPriority } from "@/lib/vocabularies";
import { hoursAndMinutesOf, minutesOf } from "./business-duration";

const fields = ["name", "priority", "categoryId", "organizationId", "firstResponseMinutes", "resolutionMinutes", "pauseOnPending", "pauseOnHold"] as const;
const targetHint = "Business hours and minutes. Leave both empty for no target.";

export interface EditablePolicy {
  id: string;
  name: string;
  priority: TicketPriority;
  categoryId: string | null;
  categoryName: string | null;
  categoryArchived: boolean;
  organizationId: string | null;
  firstResponseMinutes: number | null;
  resolutionMinutes: number | null;
  pauseOnPending: boolean;
  pauseOnHold: boolean;
}

export interface PolicyScopeOptions {
  categories: { id: string; name: string }[];
  organizations: { id: string; name: string }[];
}

/** Hours and minutes inputs for one target, with the target's error beside them. */
function TargetField({ id, name, label, minutes, error }: { id: string; name: string; label: string; minutes: number | null; error?: string }) {
  const initial = hoursAndMinutesOf(minutes);
  const described = describedBy(id, error, targetHint);
  return (
    <fieldset className="space-y-1.5">
      <legend className="text-sm font-medium">{label}</legend>
      <div className="flex items-center gap-3 text-sm text-muted">
        <span className="flex items-center gap-1.5">
          <Input
            name={`${name}Hours`}
            aria-label={`${label} hours`}
            type="number"
            inputMode="numeric"
            min={0}
            max={8760}
            step={1}
            defaultValue={initial.hours}
            className="w-24"
            {...described}
          />
          <span aria-hidden="true">h</span>
        </span>
        <span className="flex items-center gap-1.5">
          <Input
            name={`${name}Minutes`}
            aria-label={`${label} minutes`}
            type="number"
            inputMode="numeric"
            min={0}
            max={59}
            step={1}
            defaultValue={initial.minutes}
            className="w-20"
            {...described}
          />
          <span aria-hidden="true">min</span>
        </span>
      </div>
      {error ? (
        <p id={`${id}-error`} className="text-xs font-medium text-danger">
          {error}
        </p>
      ) : (
        <p id={`${id}-hint`} className="text-xs text-muted">
          {targetHint}
        </p>
      )}
    </fieldset>
  );
}

/** Creates an SLA policy, or edits one when given `policy`. */
export function PolicyForm({ options, policy }: { options: PolicyScopeOptions; policy?: EditablePolicy }) {
  const trpc = useTRPC();
  const prefix = useId();
  const { mutation, saved, save } = useCreateOrUpdate(
    { create: trpc.admin.sla.policies.create.mutationOptions(), update: trpc.admin.sla.policies.update.mutationOptions() },
    policy?.id,
  );
  const { field, formError } = mutationErrors(mutation.error, fields);
  const id = (name: (typeof fields)[number]) => `${prefix}-${name}`;
  // A policy keeps a category archived after it was set; offer it so saving does not change the scope.
  const categoryOptions =
    policy?.categoryId && policy.categoryArchived && !options.categories.some((c) => c.id === policy.categoryId)
      ? [...options.categories, { id: policy.categoryId, name: `${policy.categoryName ?? "Category"} (archived)` }]
      : options.categories;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const text = (name: string) => String(form.get(name) ?? "");
    const values = {
      name: text("name"),
      priority: optionOf(ticketPriorities, form.get("priority")) ?? "normal",
      categoryId: text("categoryId") || null,
      organizationId: text("organizationId") || null,
      firstResponseMinutes: minutesOf(text("firstResponseHours"), text("firstResponseMinutes")),
      resolutionMinutes: minutesOf(text("resolutionHours"), text("resolutionMinutes")),
      pauseOnPending: form.get("pauseOnPending") === "on",
      pauseOnHold: form.get("pauseOnHold") === "on",
    };
    save(values, {
      created: (result) => {
        formElement.reset();
        return `“${result.name}” added.`;
      },
      updated: () => "Saved.",
    });
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate aria-label={policy ? `Edit ${policy.name}` : "New SLA policy"}>
      <FormError message={formError} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id={id("name")} label="Name" error={field("name")}>
          <Input id={id("name")} name="name" required maxLength={80} defaultValue={policy?.name} {...describedBy(id("name"), field("name"))} />
        </Field>
        <Field id={id("priority")} label="Priority" error={field("priority")}>
          <Select id={id("priority")} name="priority" defaultValue={policy?.priority ?? "normal"} {...describedBy(id("priority"), field("priority"))}>
            {[...ticketPriorities].reverse().map((priority) => (
              <option key={priority} value={priority}>
                {priorityLabels[priority]}
              </option>
            ))}
          </Select>
        </Field>
        <Field id={id("categoryId")} label="Category" error={field("categoryId")}>
          <Select id={id("categoryId")} name="categoryId" defaultValue={policy?.categoryId ?? ""} {...describedBy(id("categoryId"), field("categoryId"))}>
            <option value="">Any category</option>
            {categoryOptions.map((category) => (
              <option key={category.id} value={category.id}>
                {category.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field id={id("organizationId")} label="Organization" error={field("organizationId")}>
          <Select
            id={id("organizationId")}
            name="organizationId"
            defaultValue={policy?.organizationId ?? ""}
            {...describedBy(id("organizationId"), field("organizationId"))}
          >
            <option value="">Any organization</option>
            {options.organizations.map((organization) => (
              <option key={organization.id} value={organization.id}>
                {organization.name}
              </option>
            ))}
          </Select>
        </Field>
        <TargetField
          id={id("firstResponseMinutes")}
          name="firstResponse"
          label="First response"
          minutes={policy?.firstResponseMinutes ?? null}
          error={field("firstResponseMinutes")}
        />
        <TargetField id={id("resolutionMinutes")} name="resolution" label="Resolution" minutes={policy?.resolutionMinutes ?? null} error={field("resolutionMinutes")} />
      </div>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">Pause the clocks</legend>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="pauseOnPending" defaultChecked={policy?.pauseOnPending ?? true} className="size-4 accent-accent" />
          Pause while pending (waiting on the customer)
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="pauseOnHold" defaultChecked={policy?.pauseOnHold ?? true} className="size-4 accent-accent" />
          Pause while on hold
        </label>
      </fieldset>
      <div className="flex flex-wrap items-center justify-end gap-3">
        <SavedNotice message={saved} />
        <Button type="submit" variant={policy ? "secondary" : "primary"} disabled={mutation.isPending}>
          {mutation.isPending ? "Saving…" : policy ? "Save policy" : "Add policy"}
        </Button>
      </div>
    </form>
  );
}
