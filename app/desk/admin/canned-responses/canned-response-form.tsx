"use client";

import { useId, type FormEvent } from "react";
import { SavedNotice } from "@/components/admin/admin-panel";
import { mutationErrors } from "@/components/admin/mutation-errors";
import { useCreateOrUpdate } from "@/components/admin/use-create-or-update";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { describedBy, Field, FormError, Input, Textarea } from "@/components/ui/field";
import { PlaceholderPicker } from "./placeholder-picker";

const bodyHint = "Markdown works. Unknown placeholders are refused, so a typo never reaches a customer.";

/** Creates a canned response, or edits one when given `response`. */
export function CannedResponseForm({ response }: { response?: { id: string; title: string; body: string } }) {
  const trpc = useTRPC();
  const prefix = useId();
  const { mutation, saved, save } = useCreateOrUpdate(
    { create: trpc.admin.cannedResponses.create.mutationOptions(), update: trpc.admin.cannedResponses.update.mutationOptions() },
    response?.id,
  );
  const { field, formError } = mutationErrors(mutation.error, ["title", "body"]);
  const ids = { title: `${prefix}-title`, body: `${prefix}-body` };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const values = { title: String(form.get("title") ?? ""), body: String(form.get("body") ?? "") };
    save(values, {
      created: (result) => {
        formElement.reset();
        return `“${result.title}” is ready for agents to use.`;
      },
      updated: () => "Saved.",
    });
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate aria-label={response ? `Edit ${response.title}` : "New canned response"}>
      <FormError message={formError} />
      <Field id={ids.title} label="Title" error={field("title")} hint="What agents search for, e.g. “Refund issued”.">
        <Input
          id={ids.title}
          name="title"
          required
          maxLength={120}
          defaultValue={response?.title}
          {...describedBy(ids.title, field("title"), "What agents search for, e.g. “Refund issued”.")}
        />
      </Field>
      <Field id={ids.body} label="Response" error={field("body")} hint={bodyHint}>
        <Textarea
          id={ids.body}
          name="body"
          rows={6}
          required
          maxLength={10_000}
          defaultValue={response?.body}
          className="font-mono"
          {...describedBy(ids.body, field("body"), bodyHint)}
        />
      </Field>
      <PlaceholderPicker targetId={ids.body} />
      <div className="flex flex-wrap items-center justify-end gap-3">
        <SavedNotice message={saved} />
        <Button type="submit" variant={response ? "secondary" : "primary"} disabled={mutation.isPending}>
          {mutation.isPending ? "Saving…" : response ? "Save response" : "Add response"}
        </Button>
      </div>
    </form>
  );
}
