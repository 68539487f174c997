"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../trpc/client";
import { ReportCard } from "./report-card";

type Input = { from: string; to: string; timeZone: string; bucket: "day" | "week" | "month" };

/**
 * The help center's reports under the ticket reports: the same range, but no
 * ticket filters (views, searches and visits belong to no ticket), so they
 * are sent without them. Each is a table with its CSV, like the others.
 */
export function HelpCenterReports({ input: range }: { input: Input }) {
  const trpc = useTRPC();
  const input = { ...range, filters: {} };
  const views = useQuery(trpc.reports.articleViews.queryOptions(input));
  const searches = useQuery(trpc.reports.searchesWithoutResult.queryOptions(input));
  const helpfulness = useQuery(trpc.reports.articleHelpfulness.queryOptions(input));
  const deflection = useQuery(trpc.reports.deflection.queryOptions(input));
  const size = range.bucket;
  return (
    <section aria-labelledby="help-center-reports" className="min-w-0 space-y-3">
      <div>
        <h2 id="help-center-reports" className="text-lg font-semibold">
          Help center
        </h2>
        <p className="text-sm text-muted">What customers read and look for before they write, in the same dates. Ticket filters do not apply here.</p>
      </div>
      {/* minmax(0, 1fr): a wide table scrolls inside its card instead of widening a phone's page. */}
      <div className="grid grid-cols-[minmax(0,1fr)] gap-4 xl:grid-cols-2">
        <ReportCard title="Deflection" description="Visits to the new-ticket form: ended (with a ticket, or an hour without one), ended without a ticket, and deflections: a suggested article opened and no ticket." name="deflection" input={input} query={deflection} size={size} wide
          emptyText="No visits to the new-ticket form in this range. Try a longer range." />
        <ReportCard title="Most-read articles" description="The 20 articles with the most views by customers and visitors (staff are not counted)." name="articleViews" emptyText="Nothing in this range. Try a longer range." input={input} query={views} size={size} />
        <ReportCard title="Searches with no result" description="The 20 most frequent help-center searches that found nothing: articles still to write." name="searchesWithoutResult" emptyText="Nothing in this range. Try a longer range." input={input} query={searches} size={size} />
        <ReportCard title="Was this helpful?" description="Answers per article and the share that said it helped." name="articleHelpfulness" emptyText="Nothing in this range. Try a longer range." input={input} query={helpfulness} size={size} wide />
      </div>
    </section>
  );
}
