import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { rowsOf } from "@/db/rows";
import type { DbOrTx } from "@/db/types";
import { bucketKeys, previousRangeOf, type ReportFilters, type ReportInput } from "./report-input";

/**
 * How a report query reads: which rollup rows answer it, and which raw
 * rows at the edges of its spans. Spans are buckets of local dates in the
 * viewer's zone; their whole UTC months and days come from the rollups,
 * the hours around them from the raw tables.
 */
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

export interface CountQuery {
  /**
   * Count per bucket of the range (labelled by the bucket), over the whole
   * range (labelled ""), over all time before the range ("before"), or over
   * the range and the period of equal length just before it ("" and
   * "previous", in the same queries, so a comparison costs no extra trips).
   */
  spans: "buckets" | "range" | "before" | "rangeAndPrevious";
  /** Count per key of this dimension ("" for tickets without one). */
  groupBy?: RollupDimension;
  /** False reads only the raw tables (for comparison in tests). */
  useRollups?: boolean;
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
export async function planFor(db: DbOrTx, input: ReportInput, query: CountQuery) {
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
    rawLabel: (at: SQL) => {
      if (query.spans === "buckets") return sql`to_char(date_trunc(${input.bucket}, ${at} at time zone ${input.timeZone}), 'YYYY-MM-DD')`;
      // Raw rows are only read inside the spans, so anything before the range's start is the previous period's.
      if (query.spans === "rangeAndPrevious") return sql`(case when ${at} < (${input.from}::timestamp at time zone ${input.timeZone}) then 'previous' else '' end)`;
      return sql`${query.spans === "range" ? "" : "before"}::text`;
    },
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

/** The spans as local dates: each bucket clipped to the range, the range (and the period before it), or all time before it. */
function localSpans(input: ReportInput, spans: CountQuery["spans"]): { label: string; first: string; end: string }[] {
  const dayAfterRange = new Date(Date.parse(input.to) + 86_400_000).toISOString().slice(0, 10);
  if (spans === "range") return [{ label: "", first: input.from, end: dayAfterRange }];
  if (spans === "rangeAndPrevious") {
    return [
      { label: "", first: input.from, end: dayAfterRange },
      { label: "previous", first: previousRangeOf(input).from, end: input.from },
    ];
  }
  if (spans === "before") return [{ label: "before", first: "-infinity", end: input.from }];
  // Calendar dates compare as strings; each bucket ends where the next begins.
  const keys = bucketKeys(input);
  return keys.map((key, i) => ({ label: key, first: key < input.from ? input.from : key, end: keys[i + 1] ?? dayAfterRange }));
}
