import type { Metadata, Route } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { RefusedQuery } from "@/components/refused-query";
import { PageLinks, TicketTable } from "@/components/ticket-table";
import { buttonClasses } from "@/components/ui/button";
import { requireUser } from "@/server/auth/session";
import { getServerApi } from "@/server/caller";
import { refusedQueryOr } from "@/server/page-query";

export const metadata: Metadata = { title: "My tickets" };

export default async function MyTicketsPage({ searchParams }: PageProps<"/tickets">) {
  const user = await requireUser("customer");
  const params = await searchParams;
  const scope = params.scope === "organization" && user.organizationShares ? "organization" : "mine";
  const cursor = typeof params.cursor === "string" ? params.cursor : undefined;
  const query = typeof params.q === "string" ? params.q.trim().slice(0, 200) : "";
  const state = params.state === "open" || params.state === "closed" ? params.state : "all";
  const api = await getServerApi();
  const result = await refusedQueryOr(query ? api.tickets.search({ query, cursor, limit: 25 }).then((found) => ({ ...found, counts: null as { open: number; closed: number } | null })) : api.tickets.list({ scope, state, cursor, limit: 25 }));
  if (!result.ok) {
    return (
      <div className="space-y-6">
        <h1 className="text-2xl font-semibold">My tickets</h1>
        <RefusedQuery message={result.message} startOverHref="/tickets" />
      </div>
    );
  }
  const page = result.value;
  // Search results span both states, so they come without the open/closed counts.
  const counts = page.counts;
  const listHref = (nextState: typeof state) => `/tickets?scope=${scope}${nextState === "all" ? "" : `&state=${nextState}`}`;
  const base = query ? `/tickets?q=${encodeURIComponent(query)}` : listHref(state);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold break-words">{query ? `Search: ${query}` : scope === "mine" ? "My tickets" : "My organization's tickets"}</h1>
          <p className="text-sm text-muted">Every request you have sent us, most recent activity first.</p>
        </div>
        <Link href="/tickets/new" className={buttonClasses("primary")}>
          New ticket
        </Link>
      </div>

      <form role="search" action="/tickets" className="flex gap-2">
        <label htmlFor="portal-search" className="sr-only">Search your tickets</label>
        <input
          id="portal-search"
          name="q"
          type="search"
          defaultValue={query}
          maxLength={200}
          placeholder="Search your tickets"
          className="min-w-0 flex-1 rounded-md border border-border-strong bg-surface px-3 py-2 text-sm"
        />
        <button type="submit" className={buttonClasses("secondary")}>Search</button>
      </form>

      {user.organizationShares && !query ? (
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

      {counts && counts.open + counts.closed > 0 ? (
        <nav aria-label="Open or closed" className="flex flex-wrap items-center gap-1 text-sm">
          {(
            [
              ["all", "All", counts.open + counts.closed],
              ["open", "Open", counts.open],
              ["closed", "Closed", counts.closed],
            ] as const
          ).map(([value, label, count]) => (
            <Link
              key={value}
              href={listHref(value) as Route}
              aria-current={state === value ? "page" : undefined}
              className={`rounded-full border px-3 py-1 ${state === value ? "border-accent bg-accent-soft font-medium text-accent" : "border-border text-muted hover:text-fg"}`}
            >
              {label} ({count})
            </Link>
          ))}
        </nav>
      ) : null}

      {page.items.length === 0 && !cursor && counts && state !== "all" && counts.open + counts.closed > 0 ? (
        <EmptyState title={state === "open" ? "No open tickets" : "No closed tickets"} action={<Link href={listHref("all") as Route} className="text-sm text-accent hover:underline">Show all tickets</Link>}>
          {state === "open" ? "Everything you have sent us is solved. Open a new ticket if you need more help." : "Tickets show here once they are solved."}
        </EmptyState>
      ) : page.items.length === 0 && !cursor && query ? (
        <EmptyState title="No tickets match" action={<Link href="/tickets" className="text-sm text-accent hover:underline">Show all my tickets</Link>}>
          Try other words, or a ticket number like #1042.
        </EmptyState>
      ) : page.items.length === 0 && !cursor ? (
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
