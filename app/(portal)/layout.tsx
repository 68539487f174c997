import Link from "next/link";
import type { ReactNode } from "react";
import { UserMenu } from "@/components/user-menu";
import { requireUser } from "@/server/auth/session";
import { isStaff } from "@/server/users/session-user";

/** The customer portal shell. */
export default async function PortalLayout({ children }: { children: ReactNode }) {
  const user = await requireUser("customer");
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:m-2 focus:rounded focus:bg-surface focus:p-2">
        Skip to content
      </a>
      <header className="border-b border-border bg-surface">
        <div className="mx-auto flex min-h-14 max-w-5xl flex-wrap items-center justify-between gap-x-4 gap-y-1 px-4 py-2 sm:py-0">
          <nav aria-label="Portal" className="flex items-center gap-1">
            <Link href="/tickets" className="mr-2 flex items-center gap-2 font-semibold sm:mr-4">
              <span className="inline-flex h-7 w-7 items-center justify-center rounded-md bg-accent text-sm text-accent-fg" aria-hidden="true">
                F
              </span>
              <span className="hidden sm:inline">Support</span>
              <span className="sr-only sm:hidden">Support home</span>
            </Link>
            <Link href="/tickets" className="rounded-md px-2 py-1.5 text-sm whitespace-nowrap hover:bg-surface-muted sm:px-2.5">
              My tickets
            </Link>
            <Link href="/tickets/new" className="rounded-md px-2 py-1.5 text-sm whitespace-nowrap hover:bg-surface-muted sm:px-2.5">
              New ticket
            </Link>
            {isStaff(user) ? (
              <Link href="/desk" className="rounded-md px-2.5 py-1.5 text-sm text-accent hover:bg-surface-muted">
                Agent desk
              </Link>
            ) : null}
          </nav>
          <UserMenu name={user.name} role={user.role} />
        </div>
      </header>
      <main id="main" className="mx-auto max-w-5xl px-4 py-8">
        {children}
      </main>
    </div>
  );
}
