import Link from "next/link";
import type { ReactNode } from "react";
import { UserMenu } from "@/components/user-menu";
import { requireUser } from "@/server/auth/session";
import { isStaff } from "@/server/users/session-user";

/**
 * Personal settings, for everyone signed in: customers come from the portal
 * and staff from the desk, so the way back leads to where each one works.
 */
export default async function SettingsLayout({ children }: { children: ReactNode }) {
  const user = await requireUser("customer");
  const staff = isStaff(user);
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:m-2 focus:rounded focus:bg-surface focus:p-2">
        Skip to content
      </a>
      <header className="border-b border-border bg-surface">
        <div className="mx-auto flex h-14 max-w-6xl items-center justify-between gap-4 px-4">
          <nav aria-label="Settings" className="flex min-w-0 items-center gap-2">
            <span className="inline-flex h-7 w-7 shrink-0 items-center justify-center rounded-md bg-accent text-sm font-semibold text-accent-fg" aria-hidden="true">
              F
            </span>
            <Link href={staff ? "/desk" : "/tickets"} className="rounded-md px-2 py-1.5 text-sm whitespace-nowrap hover:bg-surface-muted">
              <span aria-hidden="true">← </span>
              {staff ? "Agent desk" : "My tickets"}
            </Link>
          </nav>
          <UserMenu name={user.name} role={user.role} />
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-8">
        {children}
      </main>
    </div>
  );
}
