import { sql, type SQL } from "drizzle-orm";
import { rowsOf } from "@/db/rows";
import type { DbOrTx } from "@/db/types";
import { bucketKeys, type ReportFilters, type ReportInput } from "./report-input";
import { numberOrNull } from "./report-table";

/**
 * The counts every report is made of (tickets created, solved, answered;
 * SLA targets finished and met; ratings; solves and reopens), per bucket of
 * the range or per key of a dimension.
 *
 * Whole UTC days come from the daily rollups (`report_rollups`), the rest of
 * a bucket (the hours before its first and after its last whole UTC day, in
 * the viewer's zone) from the raw tables, so counts are exact in any zone.
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

/** The dimensions rollups keep, as the tickets columns they come from. */
export const rollupDimensions = {
  team: sql`t.team_id`,
  category: sql`t.category_id`,
  organization: sql`t.organization_id`,
  assignee: sql`t.assignee_id`,
  priority: sql`t.priority`,
  channel: sql`t.channel`,
} as const;
export type RollupDimension = keyof typeof rollupDimensions;

const filterDimensions: Record<keyof ReportFilters, RollupDimension> = {
  teamId: "team",
  categoryId: "category",
  organizationId: "organization",
  assigneeId: "assignee",
  priority: "priority",
  channel: "channel",
};

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

export interface CountQuery {
  /**
   * Count per bucket of the range (labelled by the bucket), over the whole
   * range (labelled ""), or over all time before the range ("before").
   */
  spans: "buckets" | "range" | "before";
  /** Count per key of this dimension ("" for tickets without one). */
  groupBy?: RollupDimension;
  /** False reads only the raw tables (for comparison in tests). */
  useRollups?: boolean;
}

/** Values by label (the bucket, "" or "before"), then by dimension key ("" when not grouped). */
export type ByLabel<T> = Map<string, Map<string, T>>;
export type CountsBy = Map<string, Counts>;

function entryOf<T>(result: ByLabel<T>, label: string, key: string, fresh: () => T): T {
  const byKey = result.get(label) ?? new Map<string, T>();
  result.set(label, byKey);
  const value = byKey.get(key) ?? fresh();
  byKey.set(key, value);
  return value;
}

/** A span as PostgreSQL works it out (times as text, so nothing is rounded on the way). */
interface SpanRow {
  label: string;
  starts: string;
  ends: string;
  first_day: string;
  end_day: string;
  first_month: string;
  end_month: string;
  days_to: string;
  days_from: string;
  /** [first_day, end_day) is not empty. */
  whole_days: boolean;
  /** The edge before the whole days ends at first_day's midnight (null when there is none). */
  head_ends: string | null;
  /** The edge after the whole days starts at end_day's midnight (null when there is none). */
  tail_starts: string | null;
  has_months: boolean;
  has_head_days: boolean;
  has_tail_days: boolean;
}

/**
 * How a query reads: the spans, worked out first in a small query, so the
 * rollup ranges and the raw pieces reach the planner as constants (it then
 * walks the time indexes for the few rows at the edges, where a join to the
 * spans made it hash all tickets).
 */
async function planFor(db: DbOrTx, input: ReportInput, query: CountQuery) {
  const scope = query.useRollups === false ? null : rollupScope(input.filters, query.groupBy);
  const spans = rowsOf<SpanRow>(await db.execute(spansSql(input, query.spans)));
  // Whole UTC months from the month rows, the other whole UTC days from the day rows: each a range of the index.
  const rollupPieces = spans.flatMap((s) => [
    ...(s.has_months ? [{ label: s.label, period: "month", from: s.first_month, to: s.end_month }] : []),
    ...(s.has_head_days ? [{ label: s.label, period: "day", from: s.first_day, to: s.days_to }] : []),
    ...(s.has_tail_days ? [{ label: s.label, period: "day", from: s.days_from, to: s.end_day }] : []),
  ]);
  // The raw part: the edges of each span around its whole days, or the whole spans without rollups.
  const rawPieces = scope ? spans.flatMap(edgesOf) : spans.map((s) => ({ starts: s.starts, ends: s.ends }));
  return {
    scope,
    rollupKey: query.groupBy ? sql`r.key` : sql`''`,
    rollupRows:
      scope && rollupPieces.length > 0
        ? sql`(values ${sql.join(
            rollupPieces.map((piece) => sql`(${piece.label}, ${piece.period}, ${piece.from}::date, ${piece.to}::date)`),
            sql`, `,
          )}) sp(label, period, from_day, to_day)
          join report_rollups r on r.dimension = ${scope.dimension} ${scope.key === undefined ? sql`` : sql`and r.key = ${scope.key}`}
            and r.period = sp.period and r.day >= sp.from_day and r.day < sp.to_day`
        : null,
    /**
     * Where the raw rows of `at` in the pieces are, or null when there are
     * none to read: a few pieces as constant ranges (the planner then finds
     * the few rows and looks their tickets up one by one), many as a list
     * to join (one index range each).
     */
    rawPart: (at: SQL): { join: SQL; where: SQL } | null => {
      if (rawPieces.length === 0) return null;
      const filter = rawFilter(input.filters);
      if (rawPieces.length <= 4) {
        const ranges = rawPieces.map((piece) => sql`(${at} >= ${piece.starts}::timestamptz and ${at} < ${piece.ends}::timestamptz)`);
        return { join: sql``, where: sql`(${sql.join(ranges, sql` or `)}) and ${filter}` };
      }
      const list = rawPieces.map((piece) => sql`(${piece.starts}::timestamptz, ${piece.ends}::timestamptz)`);
      return { join: sql`join (values ${sql.join(list, sql`, `)}) p(starts, ends) on ${at} >= p.starts and ${at} < p.ends`, where: filter };
    },
    /** The label of a raw row: its bucket, the whole range, or the time before it. */
    rawLabel: (at: SQL) =>
      query.spans === "buckets"
        ? sql`to_char(date_trunc(${input.bucket}, ${at} at time zone ${input.timeZone}), 'YYYY-MM-DD')`
        : sql`${query.spans === "range" ? "" : "before"}::text`,
    rawKey: query.groupBy ? sql`coalesce(${rollupDimensions[query.groupBy]}::text, '')` : sql`''`,
    needsTickets: Boolean(query.groupBy) || Object.values(input.filters).some(Boolean),
  };
}

/** The parts of a span outside its whole UTC days. */
function edgesOf(s: SpanRow): { starts: string; ends: string }[] {
  if (!s.whole_days) return [{ starts: s.starts, ends: s.ends }];
  return [
    ...(s.head_ends ? [{ starts: s.starts, ends: s.head_ends }] : []),
    ...(s.tail_starts ? [{ starts: s.tail_starts, ends: s.ends }] : []),
  ];
}

export async function countMeasures(db: DbOrTx, input: ReportInput, query: CountQuery & { measures: readonly Measure[] }): Promise<ByLabel<Counts>> {
  const plan = await planFor(db, input, query);
  const result: ByLabel<Counts> = new Map();
  const add = (rows: Record<string, unknown>[], measuresIn: readonly Measure[]) => {
    for (const row of rows) {
      const counts = entryOf(result, String(row.label), String(row.key ?? ""), emptyCounts);
      for (const measure of measuresIn) counts[measure] += numberOrNull(row[measure]) ?? 0;
    }
  };

  // The queries are independent: on PostgreSQL they run side by side on the pool's connections.
  const queries: { sql: SQL; measures: readonly Measure[] }[] = [];
  if (plan.rollupRows) {
    const sums = sql.join(
      query.measures.map((m) => sql`sum(r.${sql.raw(rollupColumns[m])}) as ${sql.identifier(m)}`),
      sql`, `,
    );
    queries.push({
      sql: sql`select sp.label, ${plan.rollupKey} as key, ${sums} from ${plan.rollupRows} group by 1, 2`,
      measures: query.measures,
    });
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
      measures: wanted,
    });
  }
  const results = await Promise.all(queries.map(async (q) => rowsOf<Record<string, unknown>>(await db.execute(q.sql))));
  results.forEach((rows, i) => add(rows, queries[i]!.measures));
  return result;
}

/** A histogram of durations: bins (the lowest whole minute of each, see report_minute_bin) and counts. */
export type Histogram = Map<number, number>;

const durations = {
  firstResponse: { at: "first_response_at", bins: "first_response_bins", counts: "first_response_counts" },
  resolution: { at: "solved_at", bins: "resolution_bins", counts: "resolution_counts" },
} as const;

/**
 * Histograms of first response times (by when the response was sent) or
 * resolution times (by when solved), from the same rollup and raw parts as
 * the counts.
 */
export async function durationHistograms(
  db: DbOrTx,
  input: ReportInput,
  query: CountQuery & { duration: keyof typeof durations },
): Promise<ByLabel<Histogram>> {
  const plan = await planFor(db, input, query);
  const duration = durations[query.duration];
  const at = sql.raw(`t.${duration.at}`);
  const result: ByLabel<Histogram> = new Map();
  const add = (rows: { label: string; key: string; bin: unknown; n: unknown }[]) => {
    for (const row of rows) {
      const histogram = entryOf(result, row.label, row.key, () => new Map<number, number>());
      const bin = Number(row.bin);
      histogram.set(bin, (histogram.get(bin) ?? 0) + Number(row.n));
    }
  };
  const fromRollups = plan.rollupRows
    ? sql`
        select sp.label, ${plan.rollupKey} as key, u.bin, sum(u.n) as n
        from ${plan.rollupRows} cross join lateral unnest(r.${sql.raw(duration.bins)}, r.${sql.raw(duration.counts)}) u(bin, n)
        group by 1, 2, 3
      `
    : null;
  const raw = plan.rawPart(at);
  const fromRaw = raw
    ? sql`
        select ${plan.rawLabel(at)} as label, ${plan.rawKey} as key, report_minute_bin(extract(epoch from ${at} - t.created_at)) as bin, count(*) as n
        from tickets t ${raw.join} where ${raw.where}
        group by 1, 2, 3
      `
    : null;
  type BinRow = { label: string; key: string; bin: unknown; n: unknown };
  const results = await Promise.all([fromRollups, fromRaw].map(async (q) => (q ? rowsOf<BinRow>(await db.execute(q)) : [])));
  for (const rows of results) add(rows);
  return result;
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

/**
 * Which rollup rows can answer: all tickets, one key of the filtered
 * dimension, or every key of the grouping dimension. Null when the rollups
 * cannot (they keep one dimension at a time).
 */
export function rollupScope(filters: ReportFilters, groupBy?: RollupDimension): { dimension: string; key?: string } | null {
  const active = (Object.keys(filterDimensions) as (keyof ReportFilters)[]).filter((name) => filters[name]);
  if (groupBy) return active.length === 0 ? { dimension: groupBy } : null;
  if (active.length === 0) return { dimension: "all", key: "" };
  if (active.length > 1) return null;
  const name = active[0]!;
  return { dimension: filterDimensions[name], key: String(filters[name]) };
}

/** The report filters as a condition on tickets `t`. */
export function rawFilter(filters: ReportFilters): SQL {
  const parts = (Object.keys(filterDimensions) as (keyof ReportFilters)[])
    .filter((name) => filters[name])
    .map((name) => sql`${rollupDimensions[filterDimensions[name]]} = ${filters[name]}`);
  return parts.length ? sql.join(parts, sql` and `) : sql`true`;
}

/**
 * The spans to count over, as local dates turned into instants in the
 * viewer's zone. Each span also gets its whole UTC days, [first_day,
 * end_day) (none when first_day >= end_day), and among them its whole UTC
 * months, [first_month, end_month): the days outside those are
 * [first_day, days_to) and [days_from, end_day).
 */
function spansSql(input: ReportInput, spans: CountQuery["spans"]): SQL {
  const rows = localSpans(input, spans);
  // A VALUES list, so the planner knows how few spans there are and walks the time indexes for each.
  const local = sql`select * from (values ${sql.join(
    rows.map((r) => sql`(${r.label}, ${r.first}::date, ${r.end}::date)`),
    sql`, `,
  )}) l(label, first_date, end_date)`;
  return sql`
    select label, starts::text, ends::text, first_day::text, end_day::text, first_month::text, end_month::text, days_to::text, days_from::text,
      first_day < end_day as whole_days,
      case when first_day < end_day and starts < first_day::timestamp at time zone 'UTC' then (first_day::timestamp at time zone 'UTC')::text end as head_ends,
      case when first_day < end_day and end_day::timestamp at time zone 'UTC' < ends then (end_day::timestamp at time zone 'UTC')::text end as tail_starts,
      first_month < end_month as has_months, first_day < days_to as has_head_days, days_from < end_day as has_tail_days
    from (
    select label, starts, ends, first_day, end_day, first_month, end_month,
      case when first_month < end_month then first_month else end_day end as days_to,
      case when first_month < end_month then end_month else end_day end as days_from
    from (${local}) l
    cross join lateral (select l.first_date::timestamp at time zone ${input.timeZone} as starts, l.end_date::timestamp at time zone ${input.timeZone} as ends) instants
    cross join lateral (
      select (starts at time zone 'UTC')::date + case when (starts at time zone 'UTC')::time = time '00:00' then 0 else 1 end as first_day,
        (ends at time zone 'UTC')::date as end_day
    ) days
    cross join lateral (
      select (date_trunc('month', first_day - 1) + interval '1 month')::date as first_month, date_trunc('month', end_day)::date as end_month
    ) months
    ) spans
  `;
}

/** The spans as local dates: each bucket clipped to the range, the range, or all time before it. */
function localSpans(input: ReportInput, spans: CountQuery["spans"]): { label: string; first: string; end: string }[] {
  const dayAfterRange = new Date(Date.parse(input.to) + 86_400_000).toISOString().slice(0, 10);
  if (spans === "range") return [{ label: "", first: input.from, end: dayAfterRange }];
  if (spans === "before") return [{ label: "before", first: "-infinity", end: input.from }];
  // Calendar dates compare as strings; each bucket ends where the next begins.
  const keys = bucketKeys(input);
  return keys.map((key, i) => ({ label: key, first: key < input.from ? input.from : key, end: keys[i + 1] ?? dayAfterRange }));
}

