import Link from "next/link";
import type { Route } from "next";
import type { TicketListItem } from "@/server/tickets/ticket-lists";
import { RelativeTime } from "./relative-time";
import { PriorityLabel, StatusBadge } from "./ticket-badges";

/**
 * A page of tickets. The portal shows what a requester cares about; the desk
 * adds requester, priority and assignee.
 */
export function TicketTable({
  tickets,
  variant,
  linkTo,
}: {
  tickets: TicketListItem[];
  variant: "portal" | "desk";
  linkTo: (number: number) => Route;
}) {
  const desk = variant === "desk";
  return (
    <div className="overflow-x-auto rounded-lg border border-border bg-surface">
      <table className="w-full text-sm">
        <thead className="border-b border-border bg-surface-muted text-left text-xs text-muted uppercase">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">
              Ticket
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Status
            </th>
            {desk ? (
              <>
                <th scope="col" className="px-3 py-2 font-medium">
                  Priority
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Requester
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Assignee
                </th>
              </>
            ) : (
              <th scope="col" className="hidden px-3 py-2 font-medium sm:table-cell">
                Category
              </th>
            )}
            <th scope="col" className="hidden px-3 py-2 text-right font-medium sm:table-cell">
              {desk ? "Updated" : "Last activity"}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-border">
          {tickets.map((ticket) => (
            <tr key={ticket.id} className="hover:bg-surface-muted">
              <td className="max-w-md px-3 py-2.5">
                <Link href={linkTo(ticket.number)} className="group block">
                  <span className="mr-2 text-muted tabular-nums">#{ticket.number}</span>
                  <span className="font-medium group-hover:text-accent group-hover:underline">{ticket.subject}</span>
                </Link>
              </td>
              <td className="px-3 py-2.5">
                <StatusBadge status={ticket.status} />
              </td>
              {desk ? (
                <>
                  <td className="px-3 py-2.5">
                    <PriorityLabel priority={ticket.priority} />
                  </td>
                  <td className="px-3 py-2.5 whitespace-nowrap">{ticket.requesterName}</td>
                  <td className="px-3 py-2.5 whitespace-nowrap text-muted">{ticket.assigneeName ?? "—"}</td>
                </>
              ) : (
                <td className="hidden px-3 py-2.5 text-muted sm:table-cell">{ticket.categoryName ?? "—"}</td>
              )}
              <td className="hidden px-3 py-2.5 text-right whitespace-nowrap text-muted sm:table-cell">
                <RelativeTime date={ticket.updatedAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Keyset paging links: back to the first page, or on past the last row shown. */
export function PageLinks({ firstHref, nextHref }: { firstHref: Route | null; nextHref: Route | null }) {
  if (!firstHref && !nextHref) return null;
  return (
    <nav aria-label="Pages" className="mt-4 flex justify-between text-sm">
      {firstHref ? (
        <Link href={firstHref} className="text-accent hover:underline">
          ← Newest
        </Link>
      ) : (
        <span />
      )}
      {nextHref ? (
        <Link href={nextHref} className="text-accent hover:underline">
          Older →
        </Link>
      ) : null}
    </nav>
  );
}
