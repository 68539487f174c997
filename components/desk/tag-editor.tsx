"use client";

import { useState, type KeyboardEvent } from "react";

/** Tags as removable chips plus a field that adds one on Enter or comma. */
export function TagEditor({ tags, onChange }: { tags: string[]; onChange: (tags: string[]) => void }) {
  const [draft, setDraft] = useState("");
  function add() {
    const tag = draft.trim();
    if (tag && !tags.includes(tag.toLowerCase())) onChange([...tags, tag]);
    setDraft("");
  }
  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Enter" || event.key === ",") {
      event.preventDefault();
      add();
    } else if (event.key === "Backspace" && !draft && tags.length) {
      onChange(tags.slice(0, -1));
    }
  }
  return (
    <div className="grid grid-cols-[5.5rem_minmax(0,1fr)] items-start gap-2">
      <label htmlFor="prop-tags" className="pt-1.5 text-sm text-muted">Tags</label>
      <div className="flex flex-wrap items-center gap-1 rounded-md border border-border-strong bg-surface px-1.5 py-1">
        {tags.map((tag) => (
          <span key={tag} className="inline-flex items-center gap-1 rounded bg-surface-muted px-1.5 py-0.5 text-xs">
            {tag}
            <button type="button" onClick={() => onChange(tags.filter((t) => t !== tag))} aria-label={`Remove tag ${tag}`} className="text-muted hover:text-danger">
              ×
            </button>
          </span>
        ))}
        <input
          id="prop-tags"
          value={draft}
          maxLength={40}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKeyDown}
          onBlur={add}
          placeholder={tags.length ? "" : "Add tags…"}
          className="min-w-16 flex-1 bg-transparent px-1 py-0.5 text-sm focus:outline-none"
        />
      </div>
    </div>
  );
}
