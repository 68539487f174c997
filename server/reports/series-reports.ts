import "server-only";
import { sql } from "drizzle-orm";
import { rowsOf } from "@/db/rows";
import type { DbOrTx } from "@/db/types";
import { bucketKeys, type ReportInput } from "./report-input";
import { countMeasures, countsAt, percentileOf, reportFigures, type ByLabel, type Counts, type Histogram } from "./report-counts";
import { rawFilter, rollupScope, type CountQuery } from "./report-plan";
import { numberOrNull, percentOf, roundedMinutes, type ReportColumn, type ReportTable, type ReportValue } from "./report-table";

/**
 * Reports over time: one row per bucket of the range (days, weeks or months
 * in the viewer's zone), empty buckets included, from the counts and
 * histograms of report-counts.ts.
 */
const periodColumn: ReportColumn = { key: "bucket", label: "Period", kind: "date" };

/** Options of the count-based reports: `useRollups: false` reads only the raw tables (tests compare both). */
export type CountOptions = Pick<CountQuery, "useRollups">;

/** A series table: the period first, then one row per bucket, from that bucket's counts (in order: the backlog runs a total). */
function seriesTable(input: ReportInput, columns: ReportColumn[], counts: ByLabel<Counts>, figuresOf: (counts: Counts) => Record<string, ReportValue>): ReportTable {
  return { columns: [periodColumn, ...columns], rows: bucketKeys(input).map((bucket) => ({ bucket, ...figuresOf(countsAt(counts, bucket)) })) };
}

const unsolved = sql.raw(`t.status in ('new', 'open', 'pending', 'on_hold')`);

/** Tickets created and solved per bucket. */
export async function volumeReport(db: DbOrTx, input: ReportInput, options: CountOptions = {}): Promise<ReportTable> {
  const counts = await countMeasures(db, input, { spans: "buckets", measures: ["created", "solved"], ...options });
  return seriesTable(
    input,
    [
      { key: "created", label: "Created", kind: "count" },
      { key: "solved", label: "Solved", kind: "count" },
    ],
    counts,
    (c) => ({ created: c.created, solved: c.solved }),
  );
}

/**
 * Unsolved tickets at the end of each bucket: the count at the range's
 * start, then each bucket adds what was created and subtracts what was
 * solved. A ticket is unsolved at an instant when it was created before it
 * and not solved by then (solved_at is its latest solve, cleared on reopen).
 */
export async function backlogReport(db: DbOrTx, input: ReportInput, options: CountOptions = {}): Promise<ReportTable> {
  const [counts, atStart] = await Promise.all([
    countMeasures(db, input, { spans: "buckets", measures: ["created", "solved"], ...options }),
    unsolvedAtStart(db, input, options),
  ]);
  let open = atStart;
  return seriesTable(input, [{ key: "open", label: "Unsolved at end", kind: "count" }], counts, (c) => {
    open += c.created - c.solved;
    return { open };
  });
}

/**
 * Created before the range minus solved before it, from the rollups. Without
 * them, the tickets still unsolved plus those solved since the start: both
 * small, indexed sets, where counting everything created before would read
 * the whole table.
 */
async function unsolvedAtStart(db: DbOrTx, input: ReportInput, options: CountOptions): Promise<number> {
  if (options.useRollups !== false && rollupScope(input.filters)) {
    const before = countsAt(await countMeasures(db, input, { spans: "before", measures: ["created", "solved"], ...options }), "before");
    return before.created - before.solved;
  }
  const filter = rawFilter(input.filters);
  const start = sql`(${input.from}::timestamp at time zone ${input.timeZone})`;
  const [base] = rowsOf<{ n: unknown }>(
    await db.execute(sql`
      select (select count(*) from tickets t where ${unsolved} and t.created_at < ${start} and ${filter})
           + (select count(*) from tickets t where t.solved_at >= ${start} and t.created_at < ${start} and ${filter}) as n
    `),
  );
  return numberOrNull(base?.n) ?? 0;
}

/** First response (by when it was sent) and full resolution (by when solved): count, median and p90 in minutes. */
export async function responseTimesReport(db: DbOrTx, input: ReportInput, options: CountOptions = {}): Promise<ReportTable> {
  const { histograms } = await reportFigures(db, input, { spans: "buckets", measures: [], durations: ["firstResponse", "resolution"], ...options });
  const { firstResponse: responded, resolution: solved } = histograms;
  const total = (histogram: Histogram | undefined) => [...(histogram?.values() ?? [])].reduce((sum, n) => sum + n, 0);
  return {
    columns: [
      periodColumn,
      { key: "responded", label: "First responses", kind: "count" },
      { key: "firstResponseMedian", label: "First response, median", kind: "minutes" },
      { key: "firstResponseP90", label: "First response, 90th percentile", kind: "minutes" },
      { key: "solved", label: "Solved", kind: "count" },
      { key: "resolutionMedian", label: "Resolution, median", kind: "minutes" },
      { key: "resolutionP90", label: "Resolution, 90th percentile", kind: "minutes" },
    ],
    rows: bucketKeys(input).map((bucket) => {
      const r = responded.get(bucket)?.get("");
      const s = solved.get(bucket)?.get("");
      return {
        bucket,
        responded: total(r),
        firstResponseMedian: roundedMinutes(percentileOf(r, 0.5)),
        firstResponseP90: roundedMinutes(percentileOf(r, 0.9)),
        solved: total(s),
        resolutionMedian: roundedMinutes(percentileOf(s, 0.5)),
        resolutionP90: roundedMinutes(percentileOf(s, 0.9)),
      };
    }),
  };
}

/** SLA targets finished in each bucket, and the share met, per metric. */
export async function slaReport(db: DbOrTx, input: ReportInput, options: CountOptions = {}): Promise<ReportTable> {
  const counts = await countMeasures(db, input, {
    spans: "buckets",
    measures: ["firstResponseTargets", "firstResponseMet", "resolutionTargets", "resolutionMet"],
    ...options,
  });
  return seriesTable(
    input,
    [
      { key: "firstResponseTotal", label: "First response targets", kind: "count" },
      { key: "firstResponseMet", label: "First response met", kind: "percent" },
      { key: "resolutionTotal", label: "Resolution targets", kind: "count" },
      { key: "resolutionMet", label: "Resolution met", kind: "percent" },
    ],
    counts,
    (c) => ({
      firstResponseTotal: c.firstResponseTargets,
      firstResponseMet: percentOf(c.firstResponseMet, c.firstResponseTargets),
      resolutionTotal: c.resolutionTargets,
      resolutionMet: percentOf(c.resolutionMet, c.resolutionTargets),
    }),
  );
}

/** Ratings given in each bucket (the latest per ticket) and the share that were good. */
export async function satisfactionReport(db: DbOrTx, input: ReportInput, options: CountOptions = {}): Promise<ReportTable> {
  const counts = await countMeasures(db, input, { spans: "buckets", measures: ["good", "bad"], ...options });
  return seriesTable(
    input,
    [
      { key: "good", label: "Good", kind: "count" },
      { key: "bad", label: "Bad", kind: "count" },
      { key: "percentGood", label: "Good", kind: "percent" },
    ],
    counts,
    (c) => ({ good: c.good, bad: c.bad, percentGood: percentOf(c.good, c.good + c.bad) }),
  );
}

/** Solves and reopens (a solved ticket going back to work) per bucket, from the status history. */
export async function reopensReport(db: DbOrTx, input: ReportInput, options: CountOptions = {}): Promise<ReportTable> {
  const counts = await countMeasures(db, input, { spans: "buckets", measures: ["solves", "reopens"], ...options });
  return seriesTable(
    input,
    [
      { key: "solves", label: "Solves", kind: "count" },
      { key: "reopens", label: "Reopens", kind: "count" },
      { key: "reopenRate", label: "Reopen rate", kind: "percent" },
    ],
    counts,
    (c) => ({ solves: c.solves, reopens: c.reopens, reopenRate: percentOf(c.reopens, c.solves) }),
  );
}
