"use client";

import { useQuery } from "@tanstack/react-query";
import type { Route } from "next";
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import type { DeskView } from "@/lib/vocabularies";
import type { DeskViewCounts } from "@/server/tickets/view-counts";
import { useTRPC } from "../trpc/client";
import { deskViewLabels } from "./labels";

const listedViews: Exclude<DeskView, "team">[] = ["mine", "unassigned", "open", "sla_at_risk", "pending", "on_hold", "solved"];

// Counts follow the live stream (a `counts` event makes them stale, see
// components/live); this slow refetch only catches anything the stream missed.
const SAFETY_REFETCH_MS = 5 * 60_000;

/** The desk's views with live counts. */
export function DeskNav({ initialCounts, showManage, showAdmin }: { initialCounts: DeskViewCounts; showManage: boolean; showAdmin: boolean }) {
  const trpc = useTRPC();
  const counts = useQuery({ ...trpc.desk.counts.queryOptions(), initialData: initialCounts, refetchInterval: SAFETY_REFETCH_MS }).data;
  const params = useSearchParams();
  // Only the queue page has a current view; a ticket page highlights none.
  const pathname = usePathname();
  const onQueue = pathname === "/desk" && !params.get("q");
  const currentView = onQueue ? (params.get("view") ?? "mine") : null;
  const currentTeam = params.get("teamId");
  const item = (active: boolean) =>
    `flex items-center justify-between rounded-md px-2.5 py-1.5 text-sm ${active ? "bg-accent-soft font-medium text-accent" : "hover:bg-surface-muted"}`;

  return (
    <nav aria-label="Desk" className="space-y-6 p-3">
      <div>
        <h2 className="px-2.5 pb-1 text-xs font-semibold tracking-wide text-muted uppercase">Views</h2>
        <ul>
          {listedViews.map((view) => (
            <li key={view}>
              <Link href={`/desk?view=${view}` as Route} className={item(currentView === view)} aria-current={currentView === view ? "page" : undefined}>
                <span>{deskViewLabels[view]}</span>
                <span className="text-xs text-muted tabular-nums" aria-label={`${counts.views[view]} tickets`}>
                  {counts.views[view]}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </div>
      {counts.teams.length ? (
        <div>
          <h2 className="px-2.5 pb-1 text-xs font-semibold tracking-wide text-muted uppercase">Teams</h2>
          <ul>
            {counts.teams.map((team) => {
              const active = currentView === "team" && currentTeam === team.id;
              return (
                <li key={team.id}>
                  <Link href={`/desk?view=team&teamId=${team.id}` as Route} className={item(active)} aria-current={active ? "page" : undefined}>
                    <span className="truncate">{team.name}</span>
                    <span className="text-xs text-muted tabular-nums" aria-label={`${team.open} open tickets`}>
                      {team.open}
                    </span>
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}
      <div>
        <h2 className="px-2.5 pb-1 text-xs font-semibold tracking-wide text-muted uppercase">Self-service</h2>
        <ul>
          <li>
            <Link href="/desk/knowledge" className={item(pathname.startsWith("/desk/knowledge"))} aria-current={pathname === "/desk/knowledge" ? "page" : undefined}>
              Knowledge base
            </Link>
          </li>
        </ul>
      </div>
      {showManage ? (
        <div>
          <h2 className="px-2.5 pb-1 text-xs font-semibold tracking-wide text-muted uppercase">Manage</h2>
          <ul>
            <li>
              <Link href="/desk/reports" className={item(false)}>
                Reports
              </Link>
            </li>
            {showAdmin ? (
              <li>
                <Link href="/desk/admin" className={item(false)}>
                  Admin
                </Link>
              </li>
            ) : null}
          </ul>
        </div>
      ) : null}
    </nav>
  );
}
