import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { rowsOf } from "@/db/rows";
import type { DbOrTx } from "@/db/types";
import { customFieldBreakdown } from "./custom-field-breakdown";
import { previousRangeOf, type BreakdownDimension, type CustomFieldDimension, type ReportInput } from "./report-input";
import { emptyCounts, measures, percentileOf, reportFigures, type ByLabel, type Counts } from "./report-counts";
import type { RollupDimension } from "./report-plan";
import { changesBetween, percentOf, roundedMinutes, type ReportColumn, type ReportTable, type ReportValue } from "./report-table";
import type { CountOptions } from "./series-reports";

/**
 * Reports as tables over the whole range: the headline figures, one row per
 * agent, and one row per team, category, organization, priority or channel.
 * Each figure counts what happened in the range: tickets created, solved,
 * first responses sent, SLA targets finished, ratings given.
 */

type Aggregates = Counts & {
  firstResponseMedian: number | null;
  firstResponseP90: number | null;
  resolutionMedian: number | null;
  resolutionP90: number | null;
};

/**
 * The figures per span label ("" for the range, "previous" for the period
 * before it when asked) and key of `groupBy` ("" without it): the counts,
 * and the medians and 90th percentiles of first response and resolution
 * times from their histograms.
 */
async function aggregatesBy(
  db: DbOrTx,
  input: ReportInput,
  groupBy: RollupDimension | undefined,
  options: CountOptions,
  spans: "range" | "rangeAndPrevious" = "range",
): Promise<ByLabel<Aggregates>> {
  const query = { spans, groupBy, ...options } as const;
  // One read of the rollup rows for the counts and both histograms.
  const { counts: countsBy, histograms } = await reportFigures(db, input, { ...query, measures, durations: ["firstResponse", "resolution"] });
  const { firstResponse: respondedBy, resolution: solvedBy } = histograms;
  const labels = new Set([...countsBy.keys(), ...respondedBy.keys(), ...solvedBy.keys()]);
  return new Map(
    [...labels].map((label) => {
      const counts = countsBy.get(label) ?? new Map<string, Counts>();
      const responded = respondedBy.get(label);
      const solved = solvedBy.get(label);
      const keys = new Set([...counts.keys(), ...(responded?.keys() ?? []), ...(solved?.keys() ?? [])]);
      const byKey = new Map(
        [...keys].map((key) => [
          key,
          {
            ...(counts.get(key) ?? emptyCounts()),
            firstResponseMedian: roundedMinutes(percentileOf(responded?.get(key), 0.5)),
            firstResponseP90: roundedMinutes(percentileOf(responded?.get(key), 0.9)),
            resolutionMedian: roundedMinutes(percentileOf(solved?.get(key), 0.5)),
            resolutionP90: roundedMinutes(percentileOf(solved?.get(key), 0.9)),
          },
        ]),
      );
      return [label, byKey];
    }),
  );
}

/** The range's figures per key (the span labelled ""). */
async function rangeAggregatesBy(db: DbOrTx, input: ReportInput, groupBy: RollupDimension | undefined, options: CountOptions): Promise<Map<string, Aggregates>> {
  return (await aggregatesBy(db, input, groupBy, options)).get("") ?? new Map();
}

function figures(row: Aggregates | undefined) {
  const c = row ?? { ...emptyCounts(), firstResponseMedian: null, resolutionMedian: null };
  const slaTotal = c.firstResponseTargets + c.resolutionTargets;
  return {
    created: c.created,
    solved: c.solved,
    firstResponseMedian: c.firstResponseMedian,
    resolutionMedian: c.resolutionMedian,
    slaMet: percentOf(c.firstResponseMet + c.resolutionMet, slaTotal),
    ratings: c.good + c.bad,
    percentGood: percentOf(c.good, c.good + c.bad),
  };
}

const figureColumns: ReportColumn[] = [
  { key: "created", label: "Created", kind: "count" },
  { key: "solved", label: "Solved", kind: "count" },
  { key: "firstResponseMedian", label: "First response, median", kind: "minutes" },
  { key: "resolutionMedian", label: "Resolution, median", kind: "minutes" },
  { key: "slaMet", label: "SLA met", kind: "percent" },
  { key: "ratings", label: "Ratings", kind: "count" },
  { key: "percentGood", label: "Satisfaction", kind: "percent" },
];

const summaryColumns: ReportColumn[] = [
  ...figureColumns.slice(0, 3),
  { key: "firstResponseP90", label: "First response, 90th percentile", kind: "minutes" },
  figureColumns[3]!,
  { key: "resolutionP90", label: "Resolution, 90th percentile", kind: "minutes" },
  ...figureColumns.slice(4),
  { key: "reopenRate", label: "Reopen rate", kind: "percent" },
];

function summaryRow(row: Aggregates | undefined): Record<string, ReportValue> {
  return {
    ...figures(row),
    firstResponseP90: row?.firstResponseP90 ?? null,
    resolutionP90: row?.resolutionP90 ?? null,
    reopenRate: percentOf(row?.reopens ?? 0, row?.solves ?? 0),
  };
}

/**
 * The range's headline figures in one row, with 90th percentiles and the
 * reopen rate, and the same figures for the period of equal length just
 * before it with the change against them. Both periods come from the same
 * queries (two spans of one plan), so the comparison adds rollup rows to
 * read, not round trips.
 */
export async function summaryReport(db: DbOrTx, input: ReportInput, options: CountOptions = {}): Promise<ReportTable> {
  const byLabel = await aggregatesBy(db, input, undefined, options, "rangeAndPrevious");
  const current = summaryRow(byLabel.get("")?.get(""));
  const previous = summaryRow(byLabel.get("previous")?.get(""));
  return {
    columns: summaryColumns,
    rows: [current],
    previous: { ...previousRangeOf(input), row: previous, change: changesBetween(summaryColumns, current, previous) },
  };
}

const dimensionNames: Record<Exclude<BreakdownDimension, CustomFieldDimension>, { label: string; none: string; table?: SQL }> = {
  team: { label: "Team", none: "No team", table: sql`teams` },
  category: { label: "Category", none: "No category", table: sql`categories` },
  organization: { label: "Organization", none: "No organization", table: sql`organizations` },
  priority: { label: "Priority", none: "" },
  channel: { label: "Channel", none: "" },
};

const isCustomFieldDimension = (dimension: BreakdownDimension): dimension is CustomFieldDimension => dimension.startsWith("field:");

/** One row per team, category, organization, priority, channel or option of a drop-down ticket field, busiest first. */
export async function breakdownReport(db: DbOrTx, input: ReportInput & { dimension: BreakdownDimension }, options: CountOptions = {}): Promise<ReportTable> {
  const { dimension: name } = input;
  if (isCustomFieldDimension(name)) return customFieldBreakdown(db, { ...input, dimension: name });
  const dimension = dimensionNames[name];
  const rows = [...(await rangeAggregatesBy(db, input, name, options))];
  const names = await namesFor(db, dimension.table, rows.map(([key]) => key));
  return {
    columns: [{ key: "name", label: dimension.label, kind: "text" }, ...figureColumns],
    rows: rows
      .map(([key, row]) => ({ name: key === "" ? dimension.none : (names.get(key) ?? key), ...figures(row) }))
      .sort((a, b) => b.created - a.created || b.solved - a.solved || a.name.localeCompare(b.name)),
  };
}

/**
 * Names of the ids among `keys` from a table with `id` and `name` (only
 * those, by primary key: comparing `id::text` read every user, 30 ms at 100k
 * tickets).
 */
async function namesFor(db: DbOrTx, table: SQL | undefined, keys: string[]): Promise<Map<string, string>> {
  const ids = keys.filter((key) => key !== "");
  if (!table || ids.length === 0) return new Map();
  const rows = rowsOf<{ key: string; name: string }>(await db.execute(sql`select id::text as key, name from ${table} where id in ${ids}`));
  return new Map(rows.map((r) => [r.key, r.name]));
}

/** One row per agent who solved, answered or was rated in the range (by the ticket's current assignee). */
export async function agentsReport(db: DbOrTx, input: ReportInput, options: CountOptions = {}): Promise<ReportTable> {
  const rows = [...(await rangeAggregatesBy(db, input, "assignee", options))].filter(([key]) => key !== "");
  const names = await namesFor(db, sql`users`, rows.map(([key]) => key));
  return {
    columns: [{ key: "name", label: "Agent", kind: "text" }, ...figureColumns.filter((c) => c.key !== "created")],
    rows: rows
      // "Created" means nothing per assignee (tickets are created unassigned), so the column is left out.
      .map(([key, row]) => ({ name: names.get(key) ?? "Former agent", ...figures(row) }))
      .sort((a, b) => b.solved - a.solved || a.name.localeCompare(b.name)),
  };
}
