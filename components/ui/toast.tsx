"use client";

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type FocusEvent, type KeyboardEvent, type ReactNode } from "react";

/**
 * One toast for the whole app: a short result ("Saved", "Updated 5 tickets")
 * with an optional second line and an optional Undo. Toasts are polite
 * status messages (screen readers announce them without interrupting), stay
 * about 8 seconds, and hold still while the pointer is over them or focus is
 * inside them, so nobody loses an Undo while reaching for it.
 *
 *   const toast = useToast();
 *   toast.show({ message: "Saved", onUndo: async () => { await revert(); } });
 */
export interface ToastOptions {
  /** What happened, in a few words. */
  message: string;
  /** A second line: what was skipped, what could not be undone. */
  detail?: string;
  tone?: "success" | "info" | "error";
  /**
   * Offers an Undo button. The toast says "Undoing…" until the promise
   * settles, then closes; a thrown error is shown in the toast instead.
   */
  onUndo?: () => Promise<void> | void;
  /** Milliseconds before it closes by itself (default 8000), not counting time paused. */
  duration?: number;
}

export interface ToastApi {
  /** Shows a toast; returns its id. */
  show: (toast: ToastOptions) => number;
  dismiss: (id: number) => void;
}

interface ShownToast extends ToastOptions {
  id: number;
}

const ToastContext = createContext<ToastApi | null>(null);
const DEFAULT_DURATION = 8000;
// Older toasts give way: a burst of saves never covers the page.
const MAX_SHOWN = 3;

export function useToast(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error("useToast needs a <ToastProvider> above it (app/desk/layout.tsx has one).");
  return api;
}

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<ShownToast[]>([]);
  const nextId = useRef(1);
  const dismiss = useCallback((id: number) => setToasts((current) => current.filter((t) => t.id !== id)), []);
  const show = useCallback((toast: ToastOptions) => {
    const id = nextId.current++;
    setToasts((current) => [...current, { ...toast, id }].slice(-MAX_SHOWN));
    return id;
  }, []);
  const api = useMemo(() => ({ show, dismiss }), [show, dismiss]);
  return (
    <ToastContext.Provider value={api}>
      {children}
      <section aria-label="Notifications" className="pointer-events-none fixed inset-x-3 bottom-3 z-50 flex flex-col items-end gap-2 sm:left-auto sm:w-96">
        {toasts.map((toast) => (
          <ToastItem key={toast.id} toast={toast} onDismiss={dismiss} />
        ))}
      </section>
    </ToastContext.Provider>
  );
}

const toneClasses = {
  success: "border-success/40",
  info: "border-border-strong",
  error: "border-danger/50",
} as const;

function ToastItem({ toast, onDismiss }: { toast: ShownToast; onDismiss: (id: number) => void }) {
  const duration = toast.duration ?? DEFAULT_DURATION;
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const [undoing, setUndoing] = useState(false);
  const [undoError, setUndoError] = useState<string | null>(null);
  const remaining = useRef(duration);
  const paused = hovered || focused || undoing;

  useEffect(() => {
    if (paused) return;
    const started = Date.now();
    const timer = setTimeout(() => onDismiss(toast.id), remaining.current);
    return () => {
      clearTimeout(timer);
      remaining.current = Math.max(1000, remaining.current - (Date.now() - started));
    };
  }, [paused, toast.id, onDismiss]);

  async function undo() {
    if (!toast.onUndo) return;
    setUndoing(true);
    setUndoError(null);
    try {
      await toast.onUndo();
      onDismiss(toast.id);
    } catch (error) {
      setUndoError(error instanceof Error ? error.message : "Could not undo.");
      // A fresh full term, so the reason can be read.
      remaining.current = duration;
      setUndoing(false);
    }
  }

  function onBlur(event: FocusEvent<HTMLDivElement>) {
    if (!event.currentTarget.contains(event.relatedTarget)) setFocused(false);
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    // Handled here, so page shortcuts (Esc: back to the queue) do not fire too.
    if (event.key === "Escape") {
      event.preventDefault();
      onDismiss(toast.id);
    }
  }

  const tone = undoError ? "error" : (toast.tone ?? "success");
  return (
    <div
      role="status"
      aria-live="polite"
      aria-atomic="true"
      data-toast=""
      onMouseEnter={() => setHovered(true)}
      onMouseLeave={() => setHovered(false)}
      onFocus={() => setFocused(true)}
      onBlur={onBlur}
      onKeyDown={onKeyDown}
      className={`pointer-events-auto flex w-full items-start gap-3 rounded-lg border bg-surface p-3 text-sm text-fg shadow-lg ${toneClasses[tone]}`}
    >
      <div className="min-w-0 flex-1 space-y-0.5 break-words">
        <p className="font-medium">{toast.message}</p>
        {toast.detail ? <p className="text-muted">{toast.detail}</p> : null}
        {undoError ? <p className="text-danger">{undoError}</p> : null}
      </div>
      {toast.onUndo ? (
        <button
          type="button"
          onClick={undo}
          disabled={undoing}
          className="shrink-0 rounded-md border border-border-strong px-2.5 py-1 font-medium text-accent hover:bg-surface-muted disabled:opacity-60"
        >
          {undoing ? "Undoing…" : "Undo"}
        </button>
      ) : null}
      <button type="button" onClick={() => onDismiss(toast.id)} aria-label="Dismiss notification" className="shrink-0 rounded px-1 text-muted hover:text-fg">
        ×
      </button>
    </div>
  );
}
