"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { mutationErrors, optionOf } from "@/components/admin/mutation-errors";
import { Markdown } from "@/components/markdown";
import { useTRPCClient } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { describedBy, Field, FormError, Input, Select, Textarea } from "@/components/ui/field";
import { articleVisibilities, articleVisibilityLabels, type ArticleVisibility } from "@/lib/knowledge-vocabulary";

export interface EditableArticle {
  id: number;
  title: string;
  body: string;
  sectionId: number;
  visibility: ArticleVisibility;
  organizationId: string | null;
}

const bodyHint = "Markdown: **bold**, lists, tables, [links](https://example.com). Rendered sanitized, like ticket messages.";

/**
 * Writes a new article (always a draft) or edits one: title, section, who may
 * read it, and the Markdown body with a preview of how the help center shows it.
 */
export function ArticleEditor({ article, sections, readOnly = false }: { article?: EditableArticle; sections: { id: number; name: string; categoryName: string }[]; readOnly?: boolean }) {
  const prefix = useId();
  const client = useTRPCClient();
  const router = useRouter();
  const [body, setBody] = useState(article?.body ?? "");
  const [previewing, setPreviewing] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (values: { title: string; body: string; sectionId: number; visibility: ArticleVisibility; organizationId: string | null }) =>
      article ? client.knowledge.manage.update.mutate({ id: article.id, ...values }) : client.knowledge.manage.create.mutate(values),
    onSuccess: (result) => {
      if (!article) {
        router.push(`/desk/knowledge/${result.id}?created=1`);
        return;
      }
      setSaved("Saved.");
      router.refresh();
    },
  });
  const { field, formError } = mutationErrors(save.error, ["title", "body", "sectionId", "visibility"]);
  const ids = { title: `${prefix}-title`, section: `${prefix}-section`, visibility: `${prefix}-visibility`, body: `${prefix}-body` };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const visibility = optionOf(articleVisibilities, form.get("visibility")) ?? "public";
    setSaved(null);
    save.mutate({
      title: String(form.get("title") ?? ""),
      body,
      sectionId: Number(form.get("sectionId")),
      visibility,
      // The organization narrowing is kept as it was; it only applies to signed-in articles.
      organizationId: visibility === "signed_in" ? (article?.organizationId ?? null) : null,
    });
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate aria-label={article ? "Edit article" : "New article"}>
      <FormError message={formError} />
      <fieldset disabled={readOnly} className="space-y-4">
        <Field id={ids.title} label="Title" error={field("title")}>
          <Input id={ids.title} name="title" required maxLength={200} defaultValue={article?.title} {...describedBy(ids.title, field("title"))} />
        </Field>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id={ids.section} label="Section" error={field("sectionId")}>
            <Select id={ids.section} name="sectionId" defaultValue={article?.sectionId ?? sections[0]?.id} {...describedBy(ids.section, field("sectionId"))}>
              {sections.map((section) => (
                <option key={section.id} value={section.id}>
                  {section.categoryName} / {section.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field id={ids.visibility} label="Who can read it" error={field("visibility")}>
            <Select id={ids.visibility} name="visibility" defaultValue={article?.visibility ?? "public"} {...describedBy(ids.visibility, field("visibility"))}>
              {articleVisibilities.map((visibility) => (
                <option key={visibility} value={visibility}>
                  {articleVisibilityLabels[visibility]}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        <div className="flex gap-2" role="group" aria-label="Body view">
          <Button variant={previewing ? "ghost" : "secondary"} aria-pressed={!previewing} onClick={() => setPreviewing(false)}>
            Write
          </Button>
          <Button variant={previewing ? "secondary" : "ghost"} aria-pressed={previewing} onClick={() => setPreviewing(true)}>
            Preview
          </Button>
        </div>
        {previewing ? (
          <div className="min-h-40 rounded-md border border-border bg-surface p-4" aria-label="Preview">
            {body.trim() ? <Markdown source={body} /> : <p className="text-sm text-muted">Nothing to preview yet.</p>}
          </div>
        ) : (
          <Field id={ids.body} label="Body" error={field("body")} hint={bodyHint}>
            <Textarea
              id={ids.body}
              name="body"
              rows={16}
              required
              maxLength={100_000}
              value={body}
              onChange={(event) => setBody(event.target.value)}
              className="font-mono"
              {...describedBy(ids.body, field("body"), bodyHint)}
            />
          </Field>
        )}
      </fieldset>
      {readOnly ? (
        <p className="text-sm text-muted">This article is published or archived: a manager can edit it.</p>
      ) : (
        <div className="flex flex-wrap items-center justify-end gap-3">
          <p role="status" className="text-sm text-success">
            {saved}
          </p>
          <Button type="submit" disabled={save.isPending}>
            {save.isPending ? "Saving…" : article ? "Save changes" : "Save draft"}
          </Button>
        </div>
      )}
    </form>
  );
}
