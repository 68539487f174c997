import type { ReactNode } from "react";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <span className="inline-flex h-10 w-10 items-center justify-center rounded-lg bg-accent text-lg font-bold text-accent-fg" aria-hidden="true">
            F
          </span>
          <p className="mt-3 text-sm font-semibold tracking-wide text-muted uppercase">Frontdesk</p>
        </div>
        <div className="rounded-xl border border-border bg-surface p-6 shadow-sm">{children}</div>
      </div>
    </main>
  );
}
