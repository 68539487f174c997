"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useRef, useState, type FormEvent } from "react";
import { mutationErrors, optionOf } from "@/components/admin/mutation-errors";
import { Markdown } from "@/components/markdown";
import { useTRPCClient } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { describedBy, Field, FormError, Input, Select, Textarea } from "@/components/ui/field";
import { articleVisibilities, articleVisibilityLabels, type ArticleVisibility } from "@/lib/knowledge-vocabulary";
import { articleImageAccept, imageFilesOf, imageMarkdown, uploadArticleImage, uploadPlaceholder } from "./article-images";

export interface EditableArticle {
  id: number;
  title: string;
  body: string;
  sectionId: number;
  visibility: ArticleVisibility;
  organizationId: string | null;
}

const bodyHint = "Markdown: **bold**, lists, tables, [links](https://example.com). Rendered sanitized, like ticket messages.";
const imagesHint = " Paste or drop images here, or use Add image (PNG, JPEG, GIF, WebP).";
const newArticleImagesHint = " Save the draft to add images.";

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
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const [uploading, setUploading] = useState(0);
  const [imageError, setImageError] = useState<string | null>(null);
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
  const ids = { title: `${prefix}-title`, section: `${prefix}-section`, visibility: `${prefix}-visibility`, body: `${prefix}-body`, image: `${prefix}-image` };
  const hint = bodyHint + (readOnly ? "" : article ? imagesHint : newArticleImagesHint);

  /** Uploads images into the article; each is marked at the cursor at once and becomes its Markdown when the upload answers. */
  function addImages(files: File[]) {
    if (!article || readOnly || files.length === 0) return;
    const articleId = article.id;
    const textarea = bodyRef.current;
    const start = textarea?.selectionStart ?? body.length;
    const end = textarea?.selectionEnd ?? body.length;
    const placeholders = files.map(uploadPlaceholder);
    setBody((current) => current.slice(0, start) + placeholders.join("\n") + current.slice(end));
    setImageError(null);
    setUploading((count) => count + files.length);
    files.forEach((file, index) => {
      const placeholder = placeholders[index] ?? "";
      uploadArticleImage(articleId, file)
        .then((url) => setBody((current) => current.replace(placeholder, imageMarkdown(file, url))))
        .catch((error: unknown) => {
          setBody((current) => current.replace(placeholder, ""));
          setImageError(`${file.name}: ${error instanceof Error ? error.message : "The image could not be uploaded."}`);
        })
        .finally(() => setUploading((count) => count - 1));
    });
  }

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
        <div className="flex flex-wrap items-center gap-2">
          <div className="flex gap-2" role="group" aria-label="Body view">
            <Button variant={previewing ? "ghost" : "secondary"} aria-pressed={!previewing} onClick={() => setPreviewing(false)}>
              Write
            </Button>
            <Button variant={previewing ? "secondary" : "ghost"} aria-pressed={previewing} onClick={() => setPreviewing(true)}>
              Preview
            </Button>
          </div>
          {article && !readOnly ? (
            <label htmlFor={ids.image} className="ml-auto inline-flex cursor-pointer items-center rounded-md px-2 py-1 text-sm text-muted hover:bg-surface-muted hover:text-fg has-focus-visible:outline-2 has-focus-visible:outline-accent">
              Add image
              <input
                id={ids.image}
                type="file"
                accept={articleImageAccept}
                multiple
                className="sr-only"
                onChange={(event) => {
                  addImages([...(event.target.files ?? [])]);
                  event.target.value = "";
                }}
              />
            </label>
          ) : null}
        </div>
        {uploading > 0 ? (
          <p role="status" className="text-sm text-muted">
            Uploading {uploading === 1 ? "an image" : `${uploading} images`}…
          </p>
        ) : null}
        {imageError ? (
          <p role="alert" className="text-sm text-danger">
            {imageError}
          </p>
        ) : null}
        {previewing ? (
          <div className="min-h-40 rounded-md border border-border bg-surface p-4" aria-label="Preview">
            {body.trim() ? <Markdown source={body} /> : <p className="text-sm text-muted">Nothing to preview yet.</p>}
          </div>
        ) : (
          <Field id={ids.body} label="Body" error={field("body")} hint={hint}>
            <Textarea
              ref={bodyRef}
              id={ids.body}
              name="body"
              rows={16}
              required
              maxLength={100_000}
              value={body}
              onChange={(event) => setBody(event.target.value)}
              onPaste={(event) => {
                const images = imageFilesOf(event.clipboardData.files);
                if (!article || images.length === 0) return;
                event.preventDefault();
                addImages(images);
              }}
              onDragOver={(event) => {
                if (article && event.dataTransfer.types.includes("Files")) event.preventDefault();
              }}
              onDrop={(event) => {
                // Every dropped file goes to the server, which says why one is not an image (a browser would otherwise open it in place of the editor).
                const files = [...event.dataTransfer.files];
                if (!article || files.length === 0) return;
                event.preventDefault();
                addImages(files);
              }}
              className="font-mono"
              {...describedBy(ids.body, field("body"), hint)}
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
          {/* Saving waits for the images, so the body never keeps an upload's placeholder. */}
          <Button type="submit" disabled={save.isPending || uploading > 0}>
            {save.isPending ? "Saving…" : article ? "Save changes" : "Save draft"}
          </Button>
        </div>
      )}
    </form>
  );
}
