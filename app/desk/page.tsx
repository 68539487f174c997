import type { Metadata, Route } from "next";
import { EmptyState } from "@/components/empty-state";
import { PageLinks, TicketTable } from "@/components/ticket-table";
import { requireUser } from "@/server/auth/session";
import { getServerApi } from "@/server/caller";
import { deskViewLabels, deskViews, type DeskView } from "@/server/tickets/ticket-lists";

export const metadata: Metadata = { title: "Desk" };

const emptyText: Record<DeskView, string> = {
  mine: "Nothing is assigned to you. Pick up a ticket from Unassigned.",
  unassigned: "Every open ticket has an owner. New tickets will show up here.",
  open: "No open tickets. Enjoy the quiet.",
  pending: "No tickets are waiting on a customer.",
  on_hold: "No tickets are on hold.",
  solved: "No solved tickets yet.",
};

export default async function DeskQueuePage({ searchParams }: PageProps<"/desk">) {
  await requireUser("agent");
  const params = await searchParams;
  const view: DeskView = deskViews.find((v) => v === params.view) ?? "mine";
  const cursor = typeof params.cursor === "string" ? params.cursor : undefined;
  const page = await (await getServerApi()).desk.queue({ view, cursor, limit: 25 });
  const base = `/desk?view=${view}`;

  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold">{deskViewLabels[view]}</h1>
        {params.denied ? <p className="text-sm text-danger">That page needs a role you do not have.</p> : null}
      </div>
      {page.items.length === 0 && !cursor ? (
        <EmptyState title="No tickets here">{emptyText[view]}</EmptyState>
      ) : (
        <>
          <TicketTable tickets={page.items} variant="desk" linkTo={(n) => `/desk/tickets/${n}` as Route} />
          <PageLinks
            firstHref={cursor ? (base as Route) : null}
            nextHref={page.nextCursor ? (`${base}&cursor=${page.nextCursor}` as Route) : null}
          />
        </>
      )}
    </div>
  );
}
