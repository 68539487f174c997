import { sql, type SQL } from "drizzle-orm";
import { rowsOf } from "@/db/rows";
import type { DbOrTx } from "@/db/types";
import { bucketKeys, type ReportInput } from "./report-input";
import { bucketOf, hasFilters, inRange, joinTickets, minutePercentiles, rangeStart, ticketFilter } from "./report-sql";
import { numberOrNull, percentOf, roundedMinutes, type ReportColumn, type ReportTable, type ReportValue } from "./report-table";

/**
 * Reports over time: one row per bucket of the range (days, weeks or months
 * in the viewer's zone), empty buckets included. Each query is a range scan
 * on an indexed time column of the range only.
 */
type Row = Record<string, unknown> & { bucket: string };

async function byBucket(db: DbOrTx, query: SQL): Promise<Map<string, Row>> {
  return new Map(rowsOf<Row>(await db.execute(query)).map((row) => [row.bucket, row]));
}

const count = (row: Row | undefined, key: string) => numberOrNull(row?.[key]) ?? 0;
const periodColumn: ReportColumn = { key: "bucket", label: "Period", kind: "date" };

/** A series table: the period first, then one row per bucket from that bucket's SQL row (undefined when nothing happened). */
function seriesTable(input: ReportInput, columns: ReportColumn[], rows: Map<string, Row>, figuresOf: (row: Row | undefined) => Record<string, ReportValue>): ReportTable {
  return { columns: [periodColumn, ...columns], rows: bucketKeys(input).map((bucket) => ({ bucket, ...figuresOf(rows.get(bucket)) })) };
}

/** `from <table> <alias>` within the range on `column`, joined to its tickets only when filtered. */
function fromRange(table: string, alias: string, column: string, input: ReportInput): SQL {
  const at = sql.raw(`${alias}.${column}`);
  return sql`from ${sql.raw(table)} ${sql.raw(alias)} ${joinTickets(alias, hasFilters(input.filters))} where ${inRange(at, input)} and ${ticketFilter(input.filters)}`;
}
const unsolved = sql.raw(`t.status in ('new', 'open', 'pending', 'on_hold')`);

/** Tickets created and solved per bucket. */
export async function volumeReport(db: DbOrTx, input: ReportInput): Promise<ReportTable> {
  const { created, solved } = await createdAndSolved(db, input);
  return {
    columns: [
      { key: "bucket", label: "Period", kind: "date" },
      { key: "created", label: "Created", kind: "count" },
      { key: "solved", label: "Solved", kind: "count" },
    ],
    rows: bucketKeys(input).map((bucket) => ({ bucket, created: count(created.get(bucket), "n"), solved: count(solved.get(bucket), "n") })),
  };
}

async function createdAndSolved(db: DbOrTx, input: ReportInput) {
  const filter = ticketFilter(input.filters);
  const [created, solved] = [
    await byBucket(db, sql`select ${bucketOf(sql`t.created_at`, input)} as bucket, count(*) as n from tickets t where ${inRange(sql`t.created_at`, input)} and ${filter} group by 1`),
    await byBucket(db, sql`select ${bucketOf(sql`t.solved_at`, input)} as bucket, count(*) as n from tickets t where ${inRange(sql`t.solved_at`, input)} and ${filter} group by 1`),
  ];
  return { created, solved };
}

/**
 * Unsolved tickets at the end of each bucket. A ticket is unsolved at an
 * instant when it was created before it and not solved by then (its latest
 * solve). The count at the range's start comes from the few tickets still
 * unsolved plus those solved since (both small, indexed sets); each bucket
 * then adds what was created and subtracts what was solved.
 */
export async function backlogReport(db: DbOrTx, input: ReportInput): Promise<ReportTable> {
  const filter = ticketFilter(input.filters);
  const start = rangeStart(input);
  const [base] = rowsOf<{ n: unknown }>(
    await db.execute(sql`
      select (select count(*) from tickets t where ${unsolved} and t.created_at < ${start} and ${filter})
           + (select count(*) from tickets t where t.solved_at >= ${start} and t.created_at < ${start} and ${filter}) as n
    `),
  );
  const { created, solved } = await createdAndSolved(db, input);
  let open = numberOrNull(base?.n) ?? 0;
  return {
    columns: [
      { key: "bucket", label: "Period", kind: "date" },
      { key: "open", label: "Unsolved at end", kind: "count" },
    ],
    rows: bucketKeys(input).map((bucket) => {
      open += count(created.get(bucket), "n") - count(solved.get(bucket), "n");
      return { bucket, open };
    }),
  };
}

/** First response (by when it was sent) and full resolution (by when solved): count, median and p90 in minutes. */
export async function responseTimesReport(db: DbOrTx, input: ReportInput): Promise<ReportTable> {
  const filter = ticketFilter(input.filters);
  const responded = await byBucket(
    db,
    sql`select ${bucketOf(sql`t.first_response_at`, input)} as bucket, count(*) as n, ${minutePercentiles(sql`t.first_response_at - t.created_at`, "first_response")}
        from tickets t where ${inRange(sql`t.first_response_at`, input)} and ${filter} group by 1`,
  );
  const solved = await byBucket(
    db,
    sql`select ${bucketOf(sql`t.solved_at`, input)} as bucket, count(*) as n, ${minutePercentiles(sql`t.solved_at - t.created_at`, "resolution")}
        from tickets t where ${inRange(sql`t.solved_at`, input)} and ${filter} group by 1`,
  );
  return {
    columns: [
      { key: "bucket", label: "Period", kind: "date" },
      { key: "responded", label: "First responses", kind: "count" },
      { key: "firstResponseMedian", label: "First response, median", kind: "minutes" },
      { key: "firstResponseP90", label: "First response, 90th percentile", kind: "minutes" },
      { key: "solved", label: "Solved", kind: "count" },
      { key: "resolutionMedian", label: "Resolution, median", kind: "minutes" },
      { key: "resolutionP90", label: "Resolution, 90th percentile", kind: "minutes" },
    ],
    rows: bucketKeys(input).map((bucket) => {
      const r = responded.get(bucket);
      const s = solved.get(bucket);
      return {
        bucket,
        responded: count(r, "n"),
        firstResponseMedian: roundedMinutes(r?.first_response_median),
        firstResponseP90: roundedMinutes(r?.first_response_p90),
        solved: count(s, "n"),
        resolutionMedian: roundedMinutes(s?.resolution_median),
        resolutionP90: roundedMinutes(s?.resolution_p90),
      };
    }),
  };
}

/** SLA targets finished in each bucket, and the share met, per metric. */
export async function slaReport(db: DbOrTx, input: ReportInput): Promise<ReportTable> {
  const rows = await byBucket(
    db,
    sql`select ${bucketOf(sql`s.completed_at`, input)} as bucket,
          count(*) filter (where s.metric = 'first_response') as fr_total,
          count(*) filter (where s.metric = 'first_response' and s.met) as fr_met,
          count(*) filter (where s.metric = 'resolution') as res_total,
          count(*) filter (where s.metric = 'resolution' and s.met) as res_met
        ${fromRange("ticket_slas", "s", "completed_at", input)} group by 1`,
  );
  return seriesTable(
    input,
    [
      { key: "firstResponseTotal", label: "First response targets", kind: "count" },
      { key: "firstResponseMet", label: "First response met", kind: "percent" },
      { key: "resolutionTotal", label: "Resolution targets", kind: "count" },
      { key: "resolutionMet", label: "Resolution met", kind: "percent" },
    ],
    rows,
    (r) => ({
      firstResponseTotal: count(r, "fr_total"),
      firstResponseMet: percentOf(count(r, "fr_met"), count(r, "fr_total")),
      resolutionTotal: count(r, "res_total"),
      resolutionMet: percentOf(count(r, "res_met"), count(r, "res_total")),
    }),
  );
}

/** Ratings given in each bucket (the latest per ticket) and the share that were good. */
export async function satisfactionReport(db: DbOrTx, input: ReportInput): Promise<ReportTable> {
  const rows = await byBucket(
    db,
    sql`select ${bucketOf(sql`r.rated_at`, input)} as bucket, count(*) filter (where r.score = 'good') as good, count(*) filter (where r.score = 'bad') as bad
        ${fromRange("satisfaction_ratings", "r", "rated_at", input)} group by 1`,
  );
  return seriesTable(
    input,
    [
      { key: "good", label: "Good", kind: "count" },
      { key: "bad", label: "Bad", kind: "count" },
      { key: "percentGood", label: "Good", kind: "percent" },
    ],
    rows,
    (r) => ({ good: count(r, "good"), bad: count(r, "bad"), percentGood: percentOf(count(r, "good"), count(r, "good") + count(r, "bad")) }),
  );
}

/** Solves and reopens (a solved ticket going back to work) per bucket, from the status history. */
export async function reopensReport(db: DbOrTx, input: ReportInput): Promise<ReportTable> {
  const rows = await byBucket(
    db,
    sql`select ${bucketOf(sql`e.created_at`, input)} as bucket,
          count(*) filter (where e.to_value = 'solved') as solves,
          count(*) filter (where e.from_value = 'solved' and e.to_value <> 'closed') as reopens
        ${fromRange("ticket_events", "e", "created_at", input)} and e.field = 'status' group by 1`,
  );
  return seriesTable(
    input,
    [
      { key: "solves", label: "Solves", kind: "count" },
      { key: "reopens", label: "Reopens", kind: "count" },
      { key: "reopenRate", label: "Reopen rate", kind: "percent" },
    ],
    rows,
    (r) => ({ solves: count(r, "solves"), reopens: count(r, "reopens"), reopenRate: percentOf(count(r, "reopens"), count(r, "solves")) }),
  );
}
