"use client";

import { useEffect, useRef } from "react";

export const queueShortcuts: [string, string][] = [
  ["j / k", "Next / previous ticket"],
  ["o or Enter", "Open the ticket"],
  ["x", "Select the ticket"],
  ["/", "Search"],
  ["?", "Show this help"],
];

export const ticketShortcuts: [string, string][] = [
  ["r", "Reply publicly"],
  ["n", "Add an internal note"],
  ["Ctrl/⌘ + Enter", "Send the reply or note"],
  ["a", "Assign to me"],
  ["s", "Mark solved"],
  ["p", "Mark pending"],
  ["Esc", "Leave the composer, or back to the queue"],
  ["?", "Show this help"],
];

/** The list of keyboard shortcuts, as a modal dialog (Esc closes it). */
export function ShortcutHelp({ open, onClose, shortcuts }: { open: boolean; onClose: () => void; shortcuts: [string, string][] }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  return (
    <dialog
      ref={dialog}
      onClose={onClose}
      aria-labelledby="shortcut-help-title"
      className="m-auto w-full max-w-sm rounded-xl border border-border bg-surface p-5 text-fg shadow-xl backdrop:bg-black/40"
    >
      <h2 id="shortcut-help-title" className="mb-3 text-base font-semibold">
        Keyboard shortcuts
      </h2>
      <dl className="space-y-1.5 text-sm">
        {shortcuts.map(([keys, action]) => (
          <div key={keys} className="flex justify-between gap-4">
            <dt className="text-muted">{action}</dt>
            <dd>
              <kbd className="rounded border border-border-strong bg-surface-muted px-1.5 py-0.5 font-mono text-xs">{keys}</kbd>
            </dd>
          </div>
        ))}
      </dl>
      <button type="button" onClick={onClose} className="mt-4 w-full rounded-md border border-border-strong px-3 py-1.5 text-sm hover:bg-surface-muted">
        Close
      </button>
    </dialog>
  );
}
