import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { rowsOf } from "@/db/rows";
import type { DbOrTx } from "@/db/types";
import type { ReportInput } from "./report-input";
import { planFor, type CountQuery } from "./report-plan";
import { numberOrNull } from "./report-table";

/**
 * The counts every report is made of (tickets created, solved, answered;
 * SLA targets finished and met; ratings; solves and reopens), per bucket of
 * the range or per key of a dimension.
 *
 * Buckets come from the rollups (`report_rollups`) as whole UTC months,
 * days and quarter hours, so counts are exact in any zone and read no raw
 * table (see report-plan.ts).
 * Rollups keep one dimension each, so two filters, or a filtered breakdown,
 * read the raw tables for the whole range. Both paths give the same counts:
 * `useRollups: false` forces the raw one, and the tests compare them.
 */
export const measures = [
  "created",
  "solved",
  "responded",
  "firstResponseTargets",
  "firstResponseMet",
  "resolutionTargets",
  "resolutionMet",
  "good",
  "bad",
  "solves",
  "reopens",
] as const;
export type Measure = (typeof measures)[number];
export type Counts = Record<Measure, number>;

/**
 * Where each measure comes from in the raw tables: the row's time column
 * and how it counts. These match the facts the triggers record.
 */
const sources: { table: string; alias: string; at: string; where?: string; measures: Partial<Record<Measure, string>> }[] = [
  { table: "tickets", alias: "t", at: "created_at", measures: { created: "count(*)" } },
  { table: "tickets", alias: "t", at: "solved_at", measures: { solved: "count(*)" } },
  { table: "tickets", alias: "t", at: "first_response_at", measures: { responded: "count(*)" } },
  {
    table: "ticket_slas",
    alias: "s",
    at: "completed_at",
    measures: {
      firstResponseTargets: "count(*) filter (where s.metric = 'first_response')",
      firstResponseMet: "count(*) filter (where s.metric = 'first_response' and s.met)",
      resolutionTargets: "count(*) filter (where s.metric = 'resolution')",
      resolutionMet: "count(*) filter (where s.metric = 'resolution' and s.met)",
    },
  },
  {
    table: "satisfaction_ratings",
    alias: "r",
    at: "rated_at",
    measures: { good: "count(*) filter (where r.score = 'good')", bad: "count(*) filter (where r.score = 'bad')" },
  },
  {
    table: "ticket_events",
    alias: "e",
    at: "created_at",
    where: "e.field = 'status'",
    measures: {
      solves: "count(*) filter (where e.to_value = 'solved')",
      reopens: "count(*) filter (where e.from_value = 'solved' and e.to_value <> 'closed')",
    },
  },
];

const rollupColumns: Record<Measure, string> = {
  created: "created",
  solved: "solved",
  responded: "responded",
  firstResponseTargets: "first_response_targets",
  firstResponseMet: "first_response_met",
  resolutionTargets: "resolution_targets",
  resolutionMet: "resolution_met",
  good: "good",
  bad: "bad",
  solves: "solves",
  reopens: "reopens",
};

/** Values by label (the bucket, "" or "before"), then by dimension key ("" when not grouped). */
export type ByLabel<T> = Map<string, Map<string, T>>;

function entryOf<T>(result: ByLabel<T>, label: string, key: string, fresh: () => T): T {
  const byKey = result.get(label) ?? new Map<string, T>();
  result.set(label, byKey);
  const value = byKey.get(key) ?? fresh();
  byKey.set(key, value);
  return value;
}

/** A histogram of durations: bins (the lowest whole minute of each, see report_minute_bin) and counts. */
export type Histogram = Map<number, number>;

const durations = {
  firstResponse: { at: "first_response_at", bins: "first_response_bins", counts: "first_response_counts" },
  resolution: { at: "solved_at", bins: "resolution_bins", counts: "resolution_counts" },
} as const;
export type Duration = keyof typeof durations;

export interface Figures {
  counts: ByLabel<Counts>;
  /**
   * Histograms of first response times (by when the response was sent) and
   * resolution times (by when solved).
   */
  histograms: Record<Duration, ByLabel<Histogram>>;
}

/**
 * Counts and duration histograms per label and key, from the rollup rows
 * and the raw parts of one plan. With histograms, the rollup rows are read
 * once and summed here (a year of an agent's months is a few hundred rows,
 * but tens of thousands of bins to group in SQL); counts alone are summed
 * in SQL (a month of quarter hours is thousands of rows for 30 figures).
 */
export async function reportFigures(
  db: DbOrTx,
  input: ReportInput,
  query: CountQuery & { measures: readonly Measure[]; durations: readonly Duration[] },
): Promise<Figures> {
  const plan = await planFor(db, input, query);
  const figures: Figures = { counts: new Map(), histograms: { firstResponse: new Map(), resolution: new Map() } };
  const addCounts = (rows: Record<string, unknown>[], measuresIn: readonly Measure[]) => {
    for (const row of rows) {
      const counts = entryOf(figures.counts, String(row.label), String(row.key ?? ""), emptyCounts);
      for (const measure of measuresIn) counts[measure] += numberOrNull(row[measure]) ?? 0;
    }
  };
  const addBins = (duration: Duration, label: string, key: string, bins: number[], counts: number[]) => {
    if (bins.length === 0) return;
    const histogram = entryOf(figures.histograms[duration], label, key, () => new Map<number, number>());
    bins.forEach((bin, i) => histogram.set(bin, (histogram.get(bin) ?? 0) + counts[i]!));
  };

  // The queries are independent: on PostgreSQL they run side by side on the pool's connections.
  const queries: { sql: SQL; read: (rows: Record<string, unknown>[]) => void }[] = [];
  if (plan.rollupRows && query.durations.length > 0) {
    const columns = [
      ...query.measures.map((m) => sql`r.${sql.raw(rollupColumns[m])} as ${sql.identifier(m)}`),
      ...query.durations.flatMap((d) => [
        sql`r.${sql.raw(durations[d].bins)} as ${sql.identifier(`${d}Bins`)}`,
        sql`r.${sql.raw(durations[d].counts)} as ${sql.identifier(`${d}Counts`)}`,
      ]),
    ];
    queries.push({
      sql: sql`select r.label, ${plan.rollupKey} as key, ${sql.join(columns, sql`, `)} from ${plan.rollupRows}`,
      read: (rows) => {
        addCounts(rows, query.measures);
        for (const row of rows) {
          for (const d of query.durations) addBins(d, String(row.label), String(row.key), intArray(row[`${d}Bins`]), intArray(row[`${d}Counts`]));
        }
      },
    });
  } else if (plan.rollupRows && query.measures.length > 0) {
    const sums = sql.join(
      query.measures.map((m) => sql`sum(r.${sql.raw(rollupColumns[m])}) as ${sql.identifier(m)}`),
      sql`, `,
    );
    queries.push({ sql: sql`select r.label, ${plan.rollupKey} as key, ${sums} from ${plan.rollupRows} group by 1, 2`, read: (rows) => addCounts(rows, query.measures) });
  }
  for (const source of sources) {
    const wanted = query.measures.filter((m) => source.measures[m]);
    const alias = sql.raw(source.alias);
    const at = sql.raw(`${source.alias}.${source.at}`);
    const raw = plan.rawPart(at);
    if (wanted.length === 0 || !raw) continue;
    const join = source.alias !== "t" && plan.needsTickets ? sql`join tickets t on t.id = ${alias}.ticket_id` : sql``;
    const counts = sql.join(
      wanted.map((m) => sql`${sql.raw(source.measures[m]!)} as ${sql.identifier(m)}`),
      sql`, `,
    );
    queries.push({
      sql: sql`
        select ${plan.rawLabel(at)} as label, ${plan.rawKey} as key, ${counts}
        from ${sql.raw(source.table)} ${alias} ${raw.join} ${join}
        where ${source.where ? sql.raw(source.where) : sql`true`} and ${raw.where}
        group by 1, 2
      `,
      read: (rows) => addCounts(rows, wanted),
    });
  }
  for (const d of query.durations) {
    const at = sql.raw(`t.${durations[d].at}`);
    const raw = plan.rawPart(at);
    if (!raw) continue;
    queries.push({
      sql: sql`
        select ${plan.rawLabel(at)} as label, ${plan.rawKey} as key, report_minute_bin(extract(epoch from ${at} - t.created_at)) as bin, count(*) as n
        from tickets t ${raw.join} where ${raw.where}
        group by 1, 2, 3
      `,
      read: (rows) => {
        for (const row of rows) addBins(d, String(row.label), String(row.key), [Number(row.bin)], [Number(row.n)]);
      },
    });
  }
  const results = await Promise.all(queries.map(async (q) => rowsOf<Record<string, unknown>>(await db.execute(q.sql))));
  results.forEach((rows, i) => queries[i]!.read(rows));
  return figures;
}

/** The counts of `measures` per label and key. */
export async function countMeasures(db: DbOrTx, input: ReportInput, query: CountQuery & { measures: readonly Measure[] }): Promise<ByLabel<Counts>> {
  return (await reportFigures(db, input, { ...query, durations: [] })).counts;
}

/** An int[] as the driver gives it: an array (postgres-js, PGlite) or its text form. */
function intArray(value: unknown): number[] {
  if (Array.isArray(value)) return value.map(Number);
  if (typeof value === "string") return value.length > 2 ? value.slice(1, -1).split(",").map(Number) : [];
  return [];
}

/**
 * The p-th quantile of a histogram, interpolated between neighbouring
 * values as PostgreSQL's percentile_cont does, where each value is its
 * bin's lowest minute: exact for whole minutes under 128, and at most 1.6%
 * under above. Null for an empty histogram.
 */
export function percentileOf(histogram: Histogram | undefined, p: number): number | null {
  if (!histogram || histogram.size === 0) return null;
  const bins = [...histogram].filter(([, n]) => n > 0).sort(([a], [b]) => a - b);
  const total = bins.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return null;
  const rank = p * (total - 1);
  const valueAt = (index: number) => {
    let seen = 0;
    for (const [bin, n] of bins) {
      seen += n;
      if (index < seen) return bin;
    }
    return bins[bins.length - 1]![0];
  };
  const lower = valueAt(Math.floor(rank));
  const upper = valueAt(Math.ceil(rank));
  return lower + (upper - lower) * (rank - Math.floor(rank));
}

export function emptyCounts(): Counts {
  return Object.fromEntries(measures.map((m) => [m, 0])) as Counts;
}

/** The counts of one label and key, zeros when nothing happened. */
export function countsAt(counts: ByLabel<Counts>, label: string, key = ""): Counts {
  return counts.get(label)?.get(key) ?? emptyCounts();
}

