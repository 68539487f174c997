"use client";

import { useId, useState } from "react";
import { formatBytes } from "./format-bytes";
import { PaperclipIcon } from "./paperclip-icon";

export interface UploadedFile {
  id: string;
  fileName: string;
  size: number;
}

interface Upload {
  key: string;
  name: string;
  state: "uploading" | "done" | "failed";
  file?: UploadedFile;
  error?: string;
}

async function uploadOne(file: File): Promise<UploadedFile> {
  const body = new FormData();
  body.set("file", file);
  const response = await fetch("/api/attachments", { method: "POST", body });
  const json = (await response.json().catch(() => ({}))) as Partial<UploadedFile> & { error?: string };
  if (!response.ok || !json.id) throw new Error(json.error ?? "The upload failed. Try again.");
  return { id: json.id, fileName: json.fileName ?? file.name, size: json.size ?? file.size };
}

/**
 * Uploads files as soon as they are picked (so sending is instant) and
 * reports the ids of those that made it. Each file shows its own progress
 * and error; removing one just leaves it unsent.
 */
export function AttachmentPicker({ onChange, disabled }: { onChange: (ids: string[]) => void; disabled?: boolean }) {
  const inputId = useId();
  const [uploads, setUploads] = useState<Upload[]>([]);

  function update(next: Upload[]) {
    setUploads(next);
    onChange(next.flatMap((u) => (u.state === "done" && u.file ? [u.file.id] : [])));
  }

  async function pick(files: FileList | null) {
    if (!files?.length) return;
    const added: Upload[] = [...files].map((file) => ({ key: `${file.name}-${crypto.randomUUID()}`, name: file.name, state: "uploading" }));
    let current = [...uploads, ...added];
    update(current);
    await Promise.all(
      [...files].map(async (file, index) => {
        const key = added[index]?.key;
        let result: Partial<Upload>;
        try {
          result = { state: "done", file: await uploadOne(file) };
        } catch (error) {
          result = { state: "failed", error: (error as Error).message };
        }
        current = current.map((u) => (u.key === key ? { ...u, ...result } : u));
        update(current);
      }),
    );
  }

  return (
    <div className="space-y-2">
      <div>
        <label htmlFor={inputId} className="inline-flex cursor-pointer items-center gap-1.5 rounded-md px-2 py-1 text-sm text-muted hover:bg-surface-muted hover:text-fg has-focus-visible:outline-2 has-focus-visible:outline-accent">
          <PaperclipIcon /> Attach files
          <input
            id={inputId}
            type="file"
            multiple
            disabled={disabled}
            className="sr-only"
            onChange={(e) => {
              void pick(e.target.files);
              e.target.value = "";
            }}
          />
        </label>
      </div>
      {uploads.length ? (
        <ul className="space-y-1 text-sm" aria-label="Attachments">
          {uploads.map((u) => (
            <li key={u.key} className="flex items-center justify-between gap-2 rounded-md bg-surface-muted px-2 py-1">
              <span className="min-w-0 truncate">
                {u.file?.fileName ?? u.name}
                {u.file ? <span className="ml-2 text-xs text-muted">{formatBytes(u.file.size)}</span> : null}
              </span>
              <span className="flex shrink-0 items-center gap-2 text-xs">
                {u.state === "uploading" ? <span className="text-muted" role="status">Uploading…</span> : null}
                {u.state === "failed" ? <span className="text-danger" role="alert">{u.error}</span> : null}
                <button type="button" onClick={() => update(uploads.filter((x) => x.key !== u.key))} className="text-muted hover:text-danger" aria-label={`Remove ${u.name}`}>
                  Remove
                </button>
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
