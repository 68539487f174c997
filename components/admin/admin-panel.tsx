import type { ReactNode } from "react";

/** A titled card on an admin page. */
export function AdminPanel({ id, title, description, children }: { id: string; title: string; description?: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-4 rounded-lg border border-border bg-surface p-4 sm:p-5">
      <div>
        <h2 id={id} className="font-semibold">
          {title}
        </h2>
        {description ? <p className="text-sm text-muted">{description}</p> : null}
      </div>
      {children}
    </section>
  );
}

/** A native disclosure (keyboard and screen-reader friendly) for forms that stay out of the way until needed. */
export function Disclosure({ summary, children, className = "" }: { summary: ReactNode; children: ReactNode; className?: string }) {
  return (
    <details className={`group rounded-lg border border-border bg-surface ${className}`}>
      <summary className="flex cursor-pointer list-none items-center gap-2 rounded-lg px-4 py-3 text-sm font-medium text-accent hover:bg-surface-muted [&::-webkit-details-marker]:hidden">
        <span aria-hidden="true" className="inline-block transition-transform group-open:rotate-90">
          ▸
        </span>
        {summary}
      </summary>
      <div className="border-t border-border p-4">{children}</div>
    </details>
  );
}

/** A short note that a save worked, announced politely to screen readers. */
export function SavedNotice({ message }: { message: string | null }) {
  return (
    <p role="status" className="text-sm text-success">
      {message}
    </p>
  );
}
