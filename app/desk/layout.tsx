import type { Route } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { UserMenu } from "@/components/user-menu";
import { requireUser } from "@/server/auth/session";
import { deskViewLabels, deskViews } from "@/server/tickets/ticket-lists";
import { hasRole } from "@/server/users/session-user";

/** The agent desk shell: views in the sidebar, work in the main pane. */
export default async function DeskLayout({ children }: { children: ReactNode }) {
  const user = await requireUser("agent");
  const link = "block rounded-md px-2.5 py-1.5 text-sm hover:bg-surface-muted";
  return (
    <div className="flex min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:m-2 focus:rounded focus:bg-surface focus:p-2">
        Skip to content
      </a>
      <aside className="hidden w-56 shrink-0 border-r border-border bg-surface md:block">
        <div className="flex h-14 items-center gap-2 border-b border-border px-4 font-semibold">
          <span className="inline-flex h-7 w-7 items-center justify-center rounded-md bg-accent text-sm text-accent-fg" aria-hidden="true">
            F
          </span>
          Frontdesk
        </div>
        <nav aria-label="Desk" className="space-y-6 p-3">
          <div>
            <h2 className="px-2.5 pb-1 text-xs font-semibold tracking-wide text-muted uppercase">Views</h2>
            <ul>
              {deskViews.map((view) => (
                <li key={view}>
                  <Link href={`/desk?view=${view}` as Route} className={link}>
                    {deskViewLabels[view]}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
          {hasRole(user, "manager") ? (
            <div>
              <h2 className="px-2.5 pb-1 text-xs font-semibold tracking-wide text-muted uppercase">Manage</h2>
              <ul>
                <li>
                  <Link href="/desk/reports" className={link}>
                    Reports
                  </Link>
                </li>
                {hasRole(user, "admin") ? (
                  <li>
                    <Link href="/desk/admin" className={link}>
                      Admin
                    </Link>
                  </li>
                ) : null}
              </ul>
            </div>
          ) : null}
        </nav>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex h-14 items-center justify-between gap-4 border-b border-border bg-surface px-4">
          <nav aria-label="Desk (compact)" className="flex gap-3 text-sm md:hidden">
            <Link href="/desk">Views</Link>
            {hasRole(user, "manager") ? <Link href="/desk/reports">Reports</Link> : null}
          </nav>
          <span className="hidden text-sm text-muted md:block">Agent desk</span>
          <UserMenu name={user.name} role={user.role} />
        </header>
        <main id="main" className="min-w-0 flex-1 p-6">
          {children}
        </main>
      </div>
    </div>
  );
}
