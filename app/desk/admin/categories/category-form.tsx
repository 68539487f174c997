"use client";

import { useId, type FormEvent } from "react";
import { SavedNotice } from "@/components/admin/admin-panel";
import { mutationErrors, optionOf } from "@/components/admin/mutation-errors";
import { useCreateOrUpdate } from "@/components/admin/use-create-or-update";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { describedBy, Field, FormError, Input, Select, Textarea } from "@/components/ui/field";
import { ticketPriorities, type TicketPriority } from "@/lib/vocabularies";

const priorityLabels: Record<TicketPriority, string> = { low: "Low", normal: "Normal", high: "High", urgent: "Urgent" };
const fields = ["name", "description", "defaultTeamId", "defaultPriority"] as const;
const hints = {
  description: "Shown to customers under the category when they pick it.",
};

interface EditableCategory {
  id: string;
  name: string;
  description: string;
  defaultTeamId: string | null;
  defaultPriority: TicketPriority;
}

/** Creates a category, or edits one when given `category`. */
export function CategoryForm({ teams, category }: { teams: { id: string; name: string }[]; category?: EditableCategory }) {
  const trpc = useTRPC();
  const prefix = useId();
  const { mutation, saved, save } = useCreateOrUpdate(
    { create: trpc.admin.categories.create.mutationOptions(), update: trpc.admin.categories.update.mutationOptions() },
    category?.id,
  );
  const { field, formError } = mutationErrors(mutation.error, fields);
  const id = (name: (typeof fields)[number]) => `${prefix}-${name}`;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const values = {
      name: String(form.get("name") ?? ""),
      description: String(form.get("description") ?? ""),
      defaultTeamId: String(form.get("defaultTeamId") ?? "") || null,
      defaultPriority: optionOf(ticketPriorities, form.get("defaultPriority")) ?? "normal",
    };
    save(values, {
      created: (result) => {
        formElement.reset();
        return `“${result.name}” is now offered on the new-ticket form, last in the list; move it with the arrows.`;
      },
      updated: () => "Saved.",
    });
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate aria-label={category ? `Edit ${category.name}` : "New category"}>
      <FormError message={formError} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id={id("name")} label="Name" error={field("name")}>
          <Input id={id("name")} name="name" required maxLength={80} defaultValue={category?.name} {...describedBy(id("name"), field("name"))} />
        </Field>
        <Field id={id("defaultTeamId")} label="Default team" error={field("defaultTeamId")}>
          <Select id={id("defaultTeamId")} name="defaultTeamId" defaultValue={category?.defaultTeamId ?? ""} {...describedBy(id("defaultTeamId"), field("defaultTeamId"))}>
            <option value="">No team (stays unassigned)</option>
            {teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field id={id("defaultPriority")} label="Default priority" error={field("defaultPriority")}>
          <Select
            id={id("defaultPriority")}
            name="defaultPriority"
            defaultValue={category?.defaultPriority ?? "normal"}
            {...describedBy(id("defaultPriority"), field("defaultPriority"))}
          >
            {ticketPriorities.map((priority) => (
              <option key={priority} value={priority}>
                {priorityLabels[priority]}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Field id={id("description")} label="Description" error={field("description")} hint={hints.description}>
        <Textarea
          id={id("description")}
          name="description"
          rows={2}
          maxLength={500}
          defaultValue={category?.description}
          {...describedBy(id("description"), field("description"), hints.description)}
        />
      </Field>
      <div className="flex flex-wrap items-center justify-end gap-3">
        <SavedNotice message={saved} />
        <Button type="submit" variant={category ? "secondary" : "primary"} disabled={mutation.isPending}>
          {mutation.isPending ? "Saving…" : category ? "Save category" : "Add category"}
        </Button>
      </div>
    </form>
  );
}
