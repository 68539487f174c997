import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { HelpSearchForm } from "@/components/help/help-search-form";
import { getSessionUser } from "@/server/auth/session";
import { isStaff } from "@/server/users/session-user";

export const metadata: Metadata = {
  title: { default: "Help center", template: "%s · Help center" },
  description: "Answers to common questions: guides, how-tos and troubleshooting.",
};

/** The public help center's shell: readable without an account; signed-in people get their way back to tickets or the desk. */
export default async function HelpLayout({ children }: { children: ReactNode }) {
  const user = await getSessionUser();
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:m-2 focus:rounded focus:bg-surface focus:p-2">
        Skip to content
      </a>
      <header className="border-b border-border bg-surface">
        <div className="mx-auto flex min-h-14 max-w-5xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-2">
          <nav aria-label="Help center" className="flex items-center gap-1">
            <Link href="/help" className="mr-2 flex items-center gap-2 font-semibold sm:mr-4">
              <span className="inline-flex h-7 w-7 items-center justify-center rounded-md bg-accent text-sm text-accent-fg" aria-hidden="true">
                F
              </span>
              <span>Help center</span>
            </Link>
            {user ? (
              <Link href={isStaff(user) ? "/desk" : "/tickets"} className="rounded-md px-2 py-1.5 text-sm whitespace-nowrap hover:bg-surface-muted sm:px-2.5">
                {isStaff(user) ? "Agent desk" : "My tickets"}
              </Link>
            ) : (
              <Link href="/signin?callbackUrl=%2Fhelp" className="rounded-md px-2 py-1.5 text-sm whitespace-nowrap hover:bg-surface-muted sm:px-2.5">
                Sign in
              </Link>
            )}
          </nav>
          <HelpSearchForm />
        </div>
      </header>
      <main id="main" className="mx-auto max-w-5xl px-4 py-8">
        {children}
      </main>
    </div>
  );
}
