import type { Metadata } from "next";
import Link from "next/link";
import { deskViewLabels } from "@/components/desk/labels";
import { QueueFilters } from "@/components/desk/queue-filters";
import { hasFilters, parseQueueParams, queueHref } from "@/components/desk/queue-params";
import { QueueTable } from "@/components/desk/queue-table";
import { EmptyState } from "@/components/empty-state";
import { RefusedQuery } from "@/components/refused-query";
import { PageLinks } from "@/components/ticket-table";
import { defaultSortOf, ticketSorts, type DeskView, type TicketSort } from "@/lib/vocabularies";
import { requireUser } from "@/server/auth/session";
import { getServerApi } from "@/server/caller";
import { refusedQueryOr } from "@/server/page-query";

export const metadata: Metadata = { title: "Desk" };

const emptyText: Record<DeskView, string> = {
  mine: "Nothing is assigned to you. Pick up a ticket from Unassigned.",
  unassigned: "Every open ticket has an owner. New tickets will show up here.",
  open: "No open tickets. Enjoy the quiet.",
  sla_at_risk: "No ticket has used 75% of its SLA target. Tickets show up here before they breach.",
  pending: "No tickets are waiting on a customer.",
  on_hold: "No tickets are on hold.",
  solved: "No solved tickets yet.",
  team: "This team has no open tickets.",
};

export default async function DeskQueuePage({ searchParams }: PageProps<"/desk">) {
  const user = await requireUser("agent");
  const params = parseQueueParams(await searchParams);
  const api = await getServerApi();
  const options = await api.desk.options();
  const { view, q, cursor } = params;
  const filters = {
    status: params.status ? [params.status] : undefined,
    priority: params.priority ? [params.priority] : undefined,
    categoryId: params.categoryId,
    teamId: params.teamId,
    assigneeId: params.assigneeId,
    tag: params.tag,
    requesterId: params.requesterId,
    organizationId: params.organizationId,
  };
  const result = await refusedQueryOr(q ? api.tickets.search({ query: q, cursor, limit: 25 }) : api.desk.queue({ view, filters, sort: params.sort, cursor, limit: 25 }));
  if (!result.ok) {
    return (
      <div className="space-y-4">
        <h1 className="text-xl font-semibold">{deskViewLabels[view]}</h1>
        <RefusedQuery message={result.message} startOverHref={queueHref({ view }, {})} />
      </div>
    );
  }
  const page = result.value;
  const sort: TicketSort = params.sort ?? defaultSortOf(view);
  const teamName = options.teams.find((t) => t.id === params.teamId)?.name;
  const title = q ? `Search: ${q}` : view === "team" ? `${teamName ?? "Team"} — open` : deskViewLabels[view];
  const sortHref = Object.fromEntries(ticketSorts.map((s) => [s, queueHref(params, { sort: s })]));

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-xl font-semibold break-words">{title}</h1>
        {q ? (
          <Link href={queueHref({ view }, {})} className="text-sm text-accent hover:underline">
            Clear search
          </Link>
        ) : null}
      </div>
      {(await searchParams).denied ? <p className="text-sm text-danger">That page needs a role you do not have.</p> : null}
      <QueueFilters params={params} options={options} />
      {page.items.length === 0 && !cursor ? (
        <EmptyState title={q ? "No tickets match" : hasFilters(params) ? "No tickets match these filters" : "No tickets here"}>
          {q ? "Try fewer or different words, or search by ticket number like #1042." : hasFilters(params) ? "Loosen or clear the filters." : emptyText[view]}
        </EmptyState>
      ) : (
        <>
          <QueueTable tickets={page.items} options={options} meId={user.id} sort={sort} sortHref={q ? {} : sortHref} />
          <PageLinks firstHref={cursor ? queueHref(params, { cursor: undefined }) : null} nextHref={page.nextCursor ? queueHref(params, { cursor: page.nextCursor }) : null} />
        </>
      )}
    </div>
  );
}
