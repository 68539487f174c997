import { filtersOf, parseQueueParams, searchScopeOf, viewOf } from "@/components/desk/queue-params";
import { getServerApi } from "@/server/caller";
import { errorResponse } from "@/server/error-response";
import { EXPORT_LIMIT, ticketsCsv } from "@/server/tickets/ticket-export";
import type { TicketListItem } from "@/server/tickets/ticket-lists";

const PAGE = 100;

/**
 * GET /api/tickets/export?<the desk queue's parameters>: the queue on screen
 * (view, filters, search) as CSV, every page up to EXPORT_LIMIT tickets. It
 * reads through the same tRPC procedures as the desk page, so the agent role,
 * the record scope and the input checks are theirs.
 */
export async function GET(request: Request) {
  try {
    const params = parseQueueParams(Object.fromEntries(new URL(request.url).searchParams));
    const api = await getServerApi();
    const view = viewOf(params);
    const scope = params.q ? searchScopeOf(params) : view;
    const filters = filtersOf(params);
    const options = await api.desk.options();
    const tickets: TicketListItem[] = [];
    let cursor: string | undefined;
    do {
      const limit = Math.min(PAGE, EXPORT_LIMIT - tickets.length);
      const page = params.q && !scope ? await api.tickets.search({ query: params.q, cursor, limit }) : await api.desk.queue({ view, filters, query: params.q, sort: params.sort, cursor, limit });
      tickets.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor && tickets.length < EXPORT_LIMIT);
    const fileName = `tickets-${view}-${new Date().toISOString().slice(0, 10)}.csv`;
    return new Response(ticketsCsv(tickets, options.ticketFields), {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${fileName}"`, "cache-control": "no-store" },
    });
  } catch (error) {
    return errorResponse(error, "Ticket export");
  }
}
