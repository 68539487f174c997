"use client";

import { cannedPlaceholders } from "@/lib/canned-placeholders";

/** Buttons that insert a placeholder at the cursor of the response text, then return focus there. */
export function PlaceholderPicker({ targetId }: { targetId: string }) {
  function insert(token: string) {
    const textarea = document.getElementById(targetId);
    if (!(textarea instanceof HTMLTextAreaElement)) return;
    const { selectionStart, selectionEnd, value } = textarea;
    textarea.value = `${value.slice(0, selectionStart)}${token}${value.slice(selectionEnd)}`;
    textarea.focus();
    textarea.setSelectionRange(selectionStart + token.length, selectionStart + token.length);
  }

  return (
    <div role="group" aria-label="Insert a placeholder" className="space-y-1.5">
      <p className="text-sm font-medium">Insert a placeholder</p>
      <ul className="flex flex-wrap gap-2">
        {cannedPlaceholders.map((placeholder) => (
          <li key={placeholder.token}>
            <button
              type="button"
              onClick={() => insert(placeholder.token)}
              title={placeholder.description}
              aria-label={`Insert ${placeholder.token}: ${placeholder.description}`}
              className="rounded-md border border-border-strong bg-surface-muted px-2 py-1 font-mono text-xs hover:border-accent hover:text-accent"
            >
              {placeholder.token}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
