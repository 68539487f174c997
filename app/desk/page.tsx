import type { Metadata, Route } from "next";
import Link from "next/link";
import { deskViewLabels } from "@/components/desk/labels";
import { QueueFilters } from "@/components/desk/queue-filters";
import { filtersOf, hasFilters, parseQueueParams, queueHref, searchScopeOf, unknownViewOf, viewOf } from "@/components/desk/queue-params";
import { QueueTable } from "@/components/desk/queue-table";
import { EmptyState } from "@/components/empty-state";
import { RefusedQuery } from "@/components/refused-query";
import { PageLinks } from "@/components/ticket-table";
import { defaultSortOf, deskViews, ticketSorts, type DeskView, type TicketSort } from "@/lib/vocabularies";
import { requireUser } from "@/server/auth/session";
import { getServerApi } from "@/server/caller";
import { refusedQueryOr } from "@/server/page-query";

export const metadata: Metadata = { title: "Desk" };

const emptyText: Record<DeskView, string> = {
  mine: "Nothing new or open is assigned to you. Pick up a ticket from Unassigned.",
  unassigned: "Every open ticket has an owner. New tickets will show up here.",
  open: "No open tickets. Enjoy the quiet.",
  sla_at_risk: "No ticket has used 75% of its SLA target. Tickets show up here before they are overdue.",
  pending: "No tickets are waiting on a customer.",
  on_hold: "No tickets are on hold.",
  solved: "No solved tickets yet.",
  team: "This team has no open tickets.",
};

export default async function DeskQueuePage({ searchParams }: PageProps<"/desk">) {
  const user = await requireUser("agent");
  const raw = await searchParams;
  const unknownView = unknownViewOf(raw);
  if (unknownView !== null) return <NoSuchView name={unknownView} />;

  const params = parseQueueParams(raw);
  const api = await getServerApi();
  const options = await api.desk.options();
  const view = viewOf(params);
  const { q, cursor } = params;
  // A search typed in a view stays in it; one with no view covers every ticket.
  const scope = q ? searchScopeOf(params) : view;
  const filters = filtersOf(params);

  const teamName = options.teams.find((t) => t.id === params.teamId)?.name;
  const viewLabel = view === "team" ? `${teamName ?? "Team"} — open` : deskViewLabels[view];
  const result = await refusedQueryOr(
    q && !scope ? api.tickets.search({ query: q, cursor, limit: 25 }) : api.desk.queue({ view, filters, query: q, sort: params.sort, cursor, limit: 25 }),
  );
  if (!result.ok) {
    return (
      <div className="space-y-4">
        <h1 className="text-xl font-semibold">{viewLabel}</h1>
        <RefusedQuery message={result.message} startOverHref={queueHref({ view: params.view }, {})} />
      </div>
    );
  }
  const page = result.value;
  const sort: TicketSort = params.sort ?? defaultSortOf(view);
  const title = !q ? viewLabel : scope ? `Search in ${viewLabel}: ${q}` : `Search: ${q}`;
  const sortHref = Object.fromEntries(ticketSorts.map((s) => [s, queueHref(params, { sort: s })]));
  // The exact queue (view, filters, search, page), for the ticket page's way back.
  const returnTo = queueHref(params, { cursor });
  const searchAllHref = queueHref({}, { q });
  // The same queue (every page of it) as CSV.
  const exportHref = `/api/tickets/export${queueHref(params, { cursor: undefined }).slice("/desk".length)}`;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-xl font-semibold break-words">{title}</h1>
        <div className="flex gap-4 text-sm">
          {q ? (
            <Link href={scope ? queueHref(params, { q: undefined }) : "/desk"} className="text-accent hover:underline">
              Clear search
            </Link>
          ) : null}
          {/* A download, not a page: a plain link so the browser saves it. */}
          <a href={exportHref} download className="text-accent hover:underline">
            Export CSV
          </a>
        </div>
      </div>
      {q ? (
        <p className="text-sm text-muted" data-search-scope={scope ?? "all"}>
          {scope ? (
            <>
              Searching only {viewLabel}
              {hasFilters(params) ? ", with its filters" : ""}.{" "}
              <Link href={searchAllHref} className="text-accent hover:underline">
                Search all tickets
              </Link>
            </>
          ) : (
            "Searching all tickets."
          )}
        </p>
      ) : null}
      {raw.denied ? <p className="text-sm text-danger">That page needs a role you do not have.</p> : null}
      <QueueFilters params={params} options={options} viewLabel={viewLabel} />
      {page.items.length === 0 && !cursor ? (
        <EmptyState title={q ? (scope ? `No tickets in ${viewLabel} match` : "No tickets match") : hasFilters(params) ? "No tickets match these filters" : "No tickets here"}>
          {q ? (
            scope ? (
              <>
                Try other words, or{" "}
                <Link href={searchAllHref} className="text-accent hover:underline">
                  search all tickets
                </Link>
                .
              </>
            ) : (
              "Try fewer or different words, or search by ticket number like #1042."
            )
          ) : hasFilters(params) ? (
            "Loosen or clear the filters."
          ) : (
            emptyText[view]
          )}
        </EmptyState>
      ) : (
        <>
          <QueueTable key={returnTo} tickets={page.items} options={options} meId={user.id} sort={sort} sortHref={q ? {} : sortHref} returnTo={returnTo} column={params.column} />
          <PageLinks firstHref={cursor ? queueHref(params, { cursor: undefined }) : null} nextHref={page.nextCursor ? queueHref(params, { cursor: page.nextCursor }) : null} />
        </>
      )}
    </div>
  );
}

/** An address naming a view that does not exist: say so, and offer the ones that do (never quietly show another). */
function NoSuchView({ name }: { name: string }) {
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">No such view</h1>
      <EmptyState title={`There is no view called “${name}”`}>
        <p>The link may be mistyped or out of date. Open one of these instead:</p>
        <ul className="mt-3 flex flex-wrap justify-center gap-x-4 gap-y-1">
          {deskViews
            .filter((v) => v !== "team")
            .map((v) => (
              <li key={v}>
                <Link href={`/desk?view=${v}` as Route} className="text-accent hover:underline">
                  {deskViewLabels[v]}
                </Link>
              </li>
            ))}
        </ul>
      </EmptyState>
    </div>
  );
}
