"use client";

import { useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useState, useSyncExternalStore } from "react";
import type { BreakdownDimension } from "@/server/reports/report-input";
import { useTRPC } from "../trpc/client";
import { HelpCenterReports } from "./help-center-reports";
import { BreakdownBars, CountBars, SatisfactionChart, TrendLines } from "./report-charts";
import { ReportCard } from "./report-card";
import { ReportControls } from "./report-controls";
import { parseReportParams } from "./report-params";
import { SummaryTiles } from "./summary-tiles";

const dimensionLabels: Record<Exclude<BreakdownDimension, `field:${string}`>, string> = { team: "Team", category: "Category", organization: "Organization", priority: "Priority", channel: "Channel" };

/** A drop-down ticket field the breakdown offers (desk.options' ticketFields). */
export interface BreakdownField {
  key: string;
  label: string;
}
const noSubscription = () => () => {};

/**
 * The reports page: controls, headline figures and one card per report,
 * each fetched on its own so a slow one does not hold up the rest. Buckets
 * follow the viewer's time zone, which only the browser knows.
 */
export function ReportsDashboard({
  teams,
  categories,
  breakdownFields,
}: {
  teams: { id: string; name: string }[];
  categories: { id: string; name: string }[];
  breakdownFields: BreakdownField[];
}) {
  const timeZone = useSyncExternalStore(noSubscription, () => Intl.DateTimeFormat().resolvedOptions().timeZone, () => null);
  const search = useSearchParams();
  if (!timeZone) return <div className="h-96 animate-pulse rounded-lg bg-surface-muted" role="status" aria-label="Loading reports" />;
  const params = parseReportParams(new URLSearchParams(search.toString()), timeZone);
  const input = { from: params.from, to: params.to, timeZone, bucket: params.bucket, filters: params.filters };
  return (
    <div className="space-y-4">
      <ReportControls params={params} teams={teams} categories={categories} timeZone={timeZone} />
      <SummaryTiles input={input} />
      <Reports input={input} breakdownFields={breakdownFields} />
      <HelpCenterReports input={{ from: input.from, to: input.to, timeZone, bucket: input.bucket }} />
    </div>
  );
}

type Input = { from: string; to: string; timeZone: string; bucket: "day" | "week" | "month"; filters: Record<string, string | undefined> };

function Reports({ input, breakdownFields }: { input: Input; breakdownFields: BreakdownField[] }) {
  const trpc = useTRPC();
  const [dimension, setDimension] = useState<BreakdownDimension>("team");
  const size = input.bucket;
  const volume = useQuery(trpc.reports.volume.queryOptions(input));
  const backlog = useQuery(trpc.reports.backlog.queryOptions(input));
  const times = useQuery(trpc.reports.responseTimes.queryOptions(input));
  const sla = useQuery(trpc.reports.sla.queryOptions(input));
  const satisfaction = useQuery(trpc.reports.satisfaction.queryOptions(input));
  const reopens = useQuery(trpc.reports.reopens.queryOptions(input));
  const agents = useQuery(trpc.reports.agents.queryOptions(input));
  const breakdownInput = { ...input, dimension };
  const breakdown = useQuery(trpc.reports.breakdown.queryOptions(breakdownInput));
  const choices: [BreakdownDimension, string][] = [
    ...Object.entries(dimensionLabels).map(([value, label]) => [value as BreakdownDimension, label] as [BreakdownDimension, string]),
    ...breakdownFields.map((field) => [`field:${field.key}`, field.label] as [BreakdownDimension, string]),
  ];
  const dimensionLabel = (choices.find(([value]) => value === dimension)?.[1] ?? "Team").toLowerCase();
  const byField = dimension.startsWith("field:");

  return (
    // minmax(0, 1fr): on a phone a chart or wide table stays inside its card instead of widening the page.
    <div className="grid grid-cols-[minmax(0,1fr)] gap-4 xl:grid-cols-2">
      <ReportCard title="Ticket volume" description="Tickets created and solved in each period." name="volume" input={input} query={volume} size={size}
        chart={(t) => <CountBars rows={t.rows} size={size} label="Bar chart of tickets created and solved per period" series={[{ key: "created", name: "Created" }, { key: "solved", name: "Solved" }]} />} />
      <ReportCard title="Backlog" description="Unsolved tickets at the end of each period." name="backlog" input={input} query={backlog} size={size}
        chart={(t) => <TrendLines rows={t.rows} size={size} unit="count" label="Line chart of unsolved tickets at the end of each period" series={[{ key: "open", name: "Unsolved" }]} />} />
      <ReportCard title="Response and resolution times" description="First response (when sent) and full resolution (when solved): median and 90th percentile, in calendar time, to the minute under two hours and within 1.6% above." name="responseTimes" input={input} query={times} size={size}
        chart={(t) => (
          <TrendLines rows={t.rows} size={size} unit="minutes" label="Line chart of first response and resolution times, median and 90th percentile, in hours"
            series={[{ key: "firstResponseMedian", name: "First response, median", color: 0 }, { key: "firstResponseP90", name: "First response, p90", color: 0, dashed: true }, { key: "resolutionMedian", name: "Resolution, median", color: 1 }, { key: "resolutionP90", name: "Resolution, p90", color: 1, dashed: true }]} />
        )} />
      <ReportCard title="SLA compliance" description="Share of SLA targets met, by when each finished (business hours)." name="sla" input={input} query={sla} size={size}
        chart={(t) => <TrendLines rows={t.rows} size={size} unit="percent" label="Line chart of the percentage of SLA targets met" series={[{ key: "firstResponseMet", name: "First response met" }, { key: "resolutionMet", name: "Resolution met" }]} />} />
      <ReportCard title="Customer satisfaction" description="Ratings given in each period (the latest per ticket) and the share that were good." name="satisfaction" input={input} query={satisfaction} size={size}
        chart={(t) => <SatisfactionChart rows={t.rows} size={size} />} />
      <ReportCard title="Reopen rate" description="Solved tickets that went back to work, against solves in the same period." name="reopens" input={input} query={reopens} size={size}
        chart={(t) => <TrendLines rows={t.rows} size={size} unit="percent" label="Line chart of the reopen rate" series={[{ key: "reopenRate", name: "Reopen rate" }]} />} />
      <ReportCard title="Agents" description="Per assignee: tickets solved, median times, SLA and satisfaction in the range." name="agents" input={input} query={agents} size={size} wide />
      <ReportCard title={`By ${dimensionLabel}`} description={byField ? "Tickets created in the range, for each value of the field." : "Created, solved, times, SLA and satisfaction for each value in the range."} name="breakdown" input={breakdownInput} query={breakdown} size={size} wide
        chart={(t) => <BreakdownBars rows={t.rows} label={byField ? `Bar chart of tickets created by ${dimensionLabel}` : `Bar chart of tickets created and solved by ${dimensionLabel}`} />}
        actions={
          <label className="flex items-center gap-1 text-sm">
            <span className="sr-only">Break down by</span>
            <select value={dimension} onChange={(e) => setDimension(e.target.value as BreakdownDimension)} className="rounded-md border border-border-strong bg-surface px-2 py-1 text-sm">
              {choices.map(([value, label]) => (
                <option key={value} value={value}>
                  By {label.toLowerCase()}
                </option>
              ))}
            </select>
          </label>
        } />
    </div>
  );
}
