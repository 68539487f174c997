"use client";

import { useMutation } from "@tanstack/react-query";
import type { Route } from "next";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { AttachmentPicker } from "@/components/attachment-picker";
import { customValuesFromForm, PortalCustomFields } from "@/components/custom-fields/portal-custom-fields";
import { ArticleSuggestions, useIntakeVisit } from "@/components/help/article-suggestions";
import { Button } from "@/components/ui/button";
import { describedBy, Field, FormError, Input, Select, Textarea } from "@/components/ui/field";
import { useTRPC } from "@/components/trpc/client";
import type { PortalFormField } from "@/server/custom-fields/ticket-forms";

export function NewTicketForm({
  categories,
  forms,
}: {
  categories: { id: string; name: string; description: string }[];
  /** Each category's custom fields, by category id (categories.forms). */
  forms: Record<string, PortalFormField[]>;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [categoryId, setCategoryId] = useState("");
  const [attachmentIds, setAttachmentIds] = useState<string[]>([]);
  const [subject, setSubject] = useState("");
  const visitId = useIntakeVisit();
  const create = useMutation(
    trpc.tickets.create.mutationOptions({
      onSuccess: (ticket) => router.push(`/tickets/${ticket.number}?created=1` as Route),
    }),
  );
  const fieldErrors = create.error?.data?.fieldErrors ?? {};
  const field = (name: "subject" | "body" | "categoryId") => fieldErrors[name]?.[0];
  const formError = create.error && !create.error.data?.fieldErrors ? create.error.message : null;
  const category = categories.find((c) => c.id === categoryId);
  const formFields = forms[categoryId] ?? [];

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    create.mutate({
      subject: String(form.get("subject") ?? ""),
      body: String(form.get("body") ?? ""),
      categoryId,
      attachmentIds,
      customFields: customValuesFromForm(formFields, form),
      intakeVisitId: visitId ?? undefined,
    });
  }

  return (
    <form onSubmit={submit} className="space-y-5 rounded-xl border border-border bg-surface p-6" noValidate>
      <FormError message={formError} />
      <Field id="subject" label="Subject" error={field("subject")} hint="One line that sums up the problem.">
        <Input
          id="subject"
          name="subject"
          required
          maxLength={200}
          onChange={(event) => setSubject(event.target.value)}
          {...describedBy("subject", field("subject"), "One line that sums up the problem.")}
        />
      </Field>
      <ArticleSuggestions subject={subject} visitId={visitId} />
      <Field id="categoryId" label="Category" error={field("categoryId")} hint={category?.description || "Pick the closest match."}>
        <Select
          id="categoryId"
          name="categoryId"
          required
          value={categoryId}
          onChange={(e) => setCategoryId(e.target.value)}
          {...describedBy("categoryId", field("categoryId"), "Pick the closest match.")}
        >
          <option value="">Choose a category…</option>
          {categories.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </Select>
      </Field>
      <PortalCustomFields fields={formFields} errors={(key) => fieldErrors[`customFields.${key}`]?.[0]} />
      <Field id="body" label="Description" error={field("body")} hint="Markdown works: **bold**, lists, `code` and code blocks.">
        <Textarea
          id="body"
          name="body"
          rows={8}
          required
          maxLength={20000}
          {...describedBy("body", field("body"), "Markdown works: **bold**, lists, `code` and code blocks.")}
        />
      </Field>
      <AttachmentPicker onChange={setAttachmentIds} disabled={create.isPending} />
      <div className="flex justify-end gap-2">
        <Button type="button" variant="ghost" onClick={() => router.back()}>
          Cancel
        </Button>
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? "Sending…" : "Submit ticket"}
        </Button>
      </div>
    </form>
  );
}
