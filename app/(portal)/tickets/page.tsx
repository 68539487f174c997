import type { Metadata, Route } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { PageLinks, TicketTable } from "@/components/ticket-table";
import { buttonClasses } from "@/components/ui/button";
import { requireUser } from "@/server/auth/session";
import { getServerApi } from "@/server/caller";

export const metadata: Metadata = { title: "My tickets" };

export default async function MyTicketsPage({ searchParams }: PageProps<"/tickets">) {
  const user = await requireUser("customer");
  const params = await searchParams;
  const scope = params.scope === "organization" && user.organizationShares ? "organization" : "mine";
  const cursor = typeof params.cursor === "string" ? params.cursor : undefined;
  const api = await getServerApi();
  const page = await api.tickets.list({ scope, cursor, limit: 25 });
  const base = `/tickets?scope=${scope}`;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">{scope === "mine" ? "My tickets" : "My organization's tickets"}</h1>
          <p className="text-sm text-muted">Every request you have sent us, most recent activity first.</p>
        </div>
        <Link href="/tickets/new" className={buttonClasses("primary")}>
          New ticket
        </Link>
      </div>

      {user.organizationShares ? (
        <nav aria-label="Whose tickets" className="flex gap-1 border-b border-border">
          {(["mine", "organization"] as const).map((s) => (
            <Link
              key={s}
              href={`/tickets?scope=${s}` as Route}
              aria-current={scope === s ? "page" : undefined}
              className={`-mb-px border-b-2 px-3 py-2 text-sm ${scope === s ? "border-accent font-medium text-fg" : "border-transparent text-muted hover:text-fg"}`}
            >
              {s === "mine" ? "Mine" : "My organization"}
            </Link>
          ))}
        </nav>
      ) : null}

      {page.items.length === 0 && !cursor ? (
        <EmptyState
          title="No tickets yet"
          action={
            <Link href="/tickets/new" className={buttonClasses("primary")}>
              Open your first ticket
            </Link>
          }
        >
          When you need help, open a ticket and our team will answer here and by email.
        </EmptyState>
      ) : (
        <>
          <TicketTable tickets={page.items} variant="portal" linkTo={(n) => `/tickets/${n}` as Route} />
          <PageLinks
            firstHref={cursor ? (base as Route) : null}
            nextHref={page.nextCursor ? (`${base}&cursor=${page.nextCursor}` as Route) : null}
          />
        </>
      )}
    </div>
  );
}
