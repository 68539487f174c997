import type { ReactNode } from "react";

/** The public rating page's frame: no sign-in, no navigation, one card. */
export default function RateLayout({ children }: { children: ReactNode }) {
  return (
    <main id="main" className="flex min-h-screen items-start justify-center px-4 py-12 sm:items-center">
      <div className="w-full max-w-lg">
        <div className="mb-6 text-center">
          <span className="inline-flex h-10 w-10 items-center justify-center rounded-lg bg-accent text-lg font-bold text-accent-fg" aria-hidden="true">
            F
          </span>
          <p className="mt-3 text-sm font-semibold tracking-wide text-muted uppercase">Frontdesk Support</p>
        </div>
        <div className="rounded-xl border border-border bg-surface p-6 shadow-sm">{children}</div>
      </div>
    </main>
  );
}
