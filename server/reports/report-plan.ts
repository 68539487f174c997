import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { rowsOf } from "@/db/rows";
import type { DbOrTx } from "@/db/types";
import { bucketKeys, previousRangeOf, type ReportFilters, type ReportInput } from "./report-input";

/**
 * How a report query reads: which rollup rows answer it. Spans are buckets
 * of local dates in the viewer's zone; every UTC offset in use is a whole
 * number of quarter hours, so a span is a run of whole UTC quarter hours,
 * read as whole UTC months, days and quarter hours from the folded rollups,
 * plus every delta the triggers wrote inside it since the last fold. Only a
 * zone whose midnight falls inside a quarter hour (none today) reads the
 * minutes around it from the raw tables.
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

/** A span as PostgreSQL works it out: its instants in epoch milliseconds (-Infinity for all time before). */
interface Span {
  label: string;
  starts: number;
  ends: number;
}

/** Rollup rows of one period in a range: months and days by `day`, quarter hours of one day by `minute` too. */
interface RollupPiece {
  label: string;
  period: "month" | "day" | "quarter";
  fromDay: string;
  toDay: string;
  fromMinute: number;
  toMinute: number;
}

/** A range of instants (ISO strings, or "-infinity"). */
interface RawPiece {
  starts: string;
  ends: string;
}

/**
 * How a query reads: the spans, worked out first in a small query (the
 * zone's rules live in PostgreSQL), then cut into the rollup rows that sum
 * to them; these reach the planner as constants, each an index range.
 */
export async function planFor(db: DbOrTx, input: ReportInput, query: CountQuery) {
  const scope = query.useRollups === false ? null : rollupScope(input.filters, query.groupBy);
  const spans = await spansOf(db, input, query.spans);
  const cuts = scope ? spans.map(cutSpan) : [];
  const rollupPieces = cuts.flatMap((c) => c.pieces);
  const deltaRanges = cuts.flatMap((c) => (c.deltas ? [c.deltas] : []));
  // The raw part: minutes of a span outside whole quarter hours, or the whole spans without rollups.
  const rawPieces = scope ? cuts.flatMap((c) => c.raw) : spans.map((s) => ({ starts: instant(s.starts), ends: instant(s.ends) }));
  const keyFilter = scope?.key === undefined ? sql`` : sql`and r.key = ${scope.key}`;
  return {
    scope,
    /**
     * The rollup rows of the spans, labelled: the folded rows of each piece
     * and every delta inside the span (deltas are quarter hours, folded
     * rows are read only as folded, so nothing counts twice). One statement,
     * so a fold committing meanwhile is seen whole or not at all. Each
     * piece is its own index range (LATERAL ... OFFSET 0), where a join to
     * the pieces let PostgreSQL hash every row of the dimension.
     */
    rollupRows:
      scope && (rollupPieces.length > 0 || deltaRanges.length > 0)
        ? sql`(
          ${
            rollupPieces.length > 0
              ? sql`select sp.label, r.* from (values ${sql.join(
                  rollupPieces.map(
                    (p) => sql`(${p.label}, ${p.period}, ${p.fromDay}::date, ${p.toDay}::date, ${p.fromMinute}::int, ${p.toMinute}::int)`,
                  ),
                  sql`, `,
                )}) sp(label, period, from_day, to_day, from_minute, to_minute)
            cross join lateral (
              select * from report_rollups r
              where r.dimension = ${scope.dimension} ${keyFilter} and r.period = sp.period and r.folded
                and r.day >= sp.from_day and r.day < sp.to_day and r.minute >= sp.from_minute and r.minute < sp.to_minute
              offset 0
            ) r`
              : sql`select null::text as label, r.* from report_rollups r where false`
          }
          union all
          select sd.label, r.* from (values ${sql.join(
            deltaRanges.map((d) => sql`(${d.label}, ${d.fromDay}::date, ${d.fromMinute}::int, ${d.toDay}::date, ${d.toMinute}::int)`),
            sql`, `,
          )}) sd(label, from_day, from_minute, to_day, to_minute)
          cross join lateral (
            select * from report_rollups r
            where r.dimension = ${scope.dimension} ${keyFilter} and not r.folded
              and (r.day, r.minute) >= (sd.from_day, sd.from_minute) and (r.day, r.minute) < (sd.to_day, sd.to_minute)
            offset 0
          ) r
        ) r`
        : null,
    rollupKey: query.groupBy ? sql`r.key` : sql`''`,
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

const QUARTER = 15 * 60_000;
const DAY = 86_400_000;

const instant = (ms: number) => (ms === -Infinity ? "-infinity" : new Date(ms).toISOString());
const dateOf = (ms: number) => (ms === -Infinity ? "-infinity" : new Date(ms).toISOString().slice(0, 10));
const minuteOf = (ms: number) => (ms === -Infinity ? 0 : Math.round((ms - Math.floor(ms / DAY) * DAY) / 60_000));
const nextMonth = (ms: number) => Date.UTC(new Date(ms).getUTCFullYear(), new Date(ms).getUTCMonth() + 1, 1);
const monthOf = (ms: number) => Date.UTC(new Date(ms).getUTCFullYear(), new Date(ms).getUTCMonth(), 1);

/**
 * A span cut into rollup pieces: from its first whole quarter hour, the
 * largest period that starts there and fits (a month, a day, else a quarter
 * hour), runs of one period merged (quarter hours within one UTC day); the
 * range of its deltas; and the minutes outside whole quarter hours, if any.
 */
export function cutSpan(span: Span): { pieces: RollupPiece[]; deltas: { label: string; fromDay: string; fromMinute: number; toDay: string; toMinute: number } | null; raw: RawPiece[] } {
  const first = span.starts === -Infinity ? -Infinity : Math.ceil(span.starts / QUARTER) * QUARTER;
  const last = Math.floor(span.ends / QUARTER) * QUARTER;
  if (!(first < last)) return { pieces: [], deltas: null, raw: [{ starts: instant(span.starts), ends: instant(span.ends) }] };
  const raw = [
    ...(span.starts < first ? [{ starts: instant(span.starts), ends: instant(first) }] : []),
    ...(last < span.ends ? [{ starts: instant(last), ends: instant(span.ends) }] : []),
  ];
  const pieces: RollupPiece[] = [];
  const add = (period: RollupPiece["period"], from: number, to: number) => {
    const previous = pieces[pieces.length - 1];
    if (period === "quarter") {
      // One day's quarter hours per piece; `to` may be the next midnight.
      const sameDay = previous?.period === "quarter" && previous.fromDay === dateOf(from) && previous.toMinute === minuteOf(from);
      if (sameDay) previous.toMinute = minuteOf(from) + 15;
      else pieces.push({ label: span.label, period, fromDay: dateOf(from), toDay: dateOf(from + DAY), fromMinute: minuteOf(from), toMinute: minuteOf(from) + 15 });
      return;
    }
    if (previous?.period === period && previous.toDay === dateOf(from)) previous.toDay = dateOf(to);
    else pieces.push({ label: span.label, period, fromDay: dateOf(from), toDay: dateOf(to), fromMinute: 0, toMinute: 1440 });
  };
  let at = first;
  if (at === -Infinity) {
    at = monthOf(last);
    add("month", -Infinity, at);
  }
  while (at < last) {
    if (at === monthOf(at) && nextMonth(at) <= last) {
      add("month", at, nextMonth(at));
      at = nextMonth(at);
    } else if (at % DAY === 0 && at + DAY <= last) {
      add("day", at, at + DAY);
      at += DAY;
    } else {
      add("quarter", at, at + QUARTER);
      at += QUARTER;
    }
  }
  return {
    pieces,
    deltas: { label: span.label, fromDay: dateOf(first), fromMinute: minuteOf(first), toDay: dateOf(last), toMinute: minuteOf(last) },
    raw,
  };
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
 * viewer's zone, by PostgreSQL (whose zone rules the raw path uses too).
 * The three queries of a table report ask for the same spans: each input's
 * are worked out once.
 */
const spansCache = new WeakMap<ReportInput, Map<CountQuery["spans"], Promise<Span[]>>>();

function spansOf(db: DbOrTx, input: ReportInput, spans: CountQuery["spans"]): Promise<Span[]> {
  const byKind = spansCache.get(input) ?? new Map<CountQuery["spans"], Promise<Span[]>>();
  spansCache.set(input, byKind);
  let found = byKind.get(spans);
  if (!found) {
    found = querySpans(db, input, spans);
    byKind.set(spans, found);
    // A failed query is not remembered.
    found.catch(() => byKind.delete(spans));
  }
  return found;
}

async function querySpans(db: DbOrTx, input: ReportInput, spans: CountQuery["spans"]): Promise<Span[]> {
  const rows = localSpans(input, spans);
  const result = await db.execute(sql`
    select label, (extract(epoch from first_date::timestamp at time zone ${input.timeZone}) * 1000)::text as starts,
      (extract(epoch from end_date::timestamp at time zone ${input.timeZone}) * 1000)::text as ends
    from (values ${sql.join(
      rows.map((r) => sql`(${r.label}, ${r.first}::date, ${r.end}::date)`),
      sql`, `,
    )}) l(label, first_date, end_date)
  `);
  return rowsOf<{ label: string; starts: string; ends: string }>(result).map((r) => ({ label: r.label, starts: Number(r.starts), ends: Number(r.ends) }));
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
