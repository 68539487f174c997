import Link from "next/link";
import { Suspense, type ReactNode } from "react";
import { DeskNav } from "@/components/desk/desk-nav";
import { LiveEventsProvider } from "@/components/live/live-events";
import { ToastProvider } from "@/components/ui/toast";
import { UserMenu } from "@/components/user-menu";
import { requireUser } from "@/server/auth/session";
import { getServerApi } from "@/server/caller";
import { hasRole } from "@/server/users/session-user";

/** The agent desk shell: views in the sidebar, work in the main pane. */
export default async function DeskLayout({ children }: { children: ReactNode }) {
  const user = await requireUser("agent");
  const counts = await (await getServerApi()).desk.counts();
  return (
    <LiveEventsProvider>
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
          <Suspense>
            <DeskNav initialCounts={counts} showManage={hasRole(user, "manager")} showAdmin={hasRole(user, "admin")} />
          </Suspense>
        </aside>
        <div className="flex min-w-0 flex-1 flex-col">
          {/* On a phone the compact links and the user menu share the bar, and wrap rather than push the page wider. */}
          <header className="flex min-h-14 flex-wrap items-center justify-between gap-x-4 gap-y-2 border-b border-border bg-surface px-4 py-2">
            <nav aria-label="Desk (compact)" className="flex flex-wrap gap-x-3 gap-y-1 text-sm md:hidden">
              <Link href="/desk">Views</Link>
              <Link href="/desk/knowledge">Articles</Link>
              {hasRole(user, "manager") ? <Link href="/desk/reports">Reports</Link> : null}
            </nav>
            <span className="hidden text-sm text-muted md:block">Agent desk</span>
            <UserMenu name={user.name} role={user.role} away={user.away} />
          </header>
          <main id="main" className="min-w-0 flex-1 p-6">
            <ToastProvider>{children}</ToastProvider>
          </main>
        </div>
      </div>
    </LiveEventsProvider>
  );
}
