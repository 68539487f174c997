import { sql, type SQL } from "drizzle-orm";
import { rowsOf } from "@/db/rows";
import type { DbOrTx } from "@/db/types";
import type { BreakdownDimension, ReportInput } from "./report-input";
import { hasFilters, inRange, joinTickets, minutePercentiles, ticketFilter } from "./report-sql";
import { numberOrNull, percentOf, roundedMinutes, type ReportColumn, type ReportTable } from "./report-table";

/**
 * Reports as tables over the whole range: the headline figures, one row per
 * agent, and one row per team, category, organization, priority or channel.
 * Each figure counts what happened in the range: tickets created, solved,
 * first responses sent, SLA targets finished, ratings given.
 */

/**
 * The per-key aggregates, as one statement: `key` is the grouping
 * expression over tickets `t` (a constant for the headline row).
 */
function aggregatesBy(key: SQL, input: ReportInput, grouped: boolean): SQL {
  const filter = ticketFilter(input.filters);
  const tickets = grouped || hasFilters(input.filters);
  return sql`
    with created as (
      select ${key} as key, count(*) as n from tickets t where ${inRange(sql`t.created_at`, input)} and ${filter} group by 1
    ), solved as (
      select ${key} as key, count(*) as n, ${minutePercentiles(sql`t.solved_at - t.created_at`, "resolution")}
      from tickets t where ${inRange(sql`t.solved_at`, input)} and ${filter} group by 1
    ), responded as (
      select ${key} as key, count(*) as n, ${minutePercentiles(sql`t.first_response_at - t.created_at`, "first_response")}
      from tickets t where ${inRange(sql`t.first_response_at`, input)} and ${filter} group by 1
    ), sla as (
      select ${key} as key, count(*) as n, count(*) filter (where s.met) as met
      from ticket_slas s ${joinTickets("s", tickets)} where ${inRange(sql`s.completed_at`, input)} and ${filter} group by 1
    ), rated as (
      select ${key} as key, count(*) as n, count(*) filter (where r.score = 'good') as good
      from satisfaction_ratings r ${joinTickets("r", tickets)} where ${inRange(sql`r.rated_at`, input)} and ${filter} group by 1
    ), keys as (
      select key from created union select key from solved union select key from responded union select key from sla union select key from rated
    )
    select keys.key::text as key,
      coalesce(created.n, 0) as created, coalesce(solved.n, 0) as solved,
      responded.first_response_median, responded.first_response_p90,
      solved.resolution_median, solved.resolution_p90,
      coalesce(sla.n, 0) as sla_total, coalesce(sla.met, 0) as sla_met,
      coalesce(rated.n, 0) as ratings, coalesce(rated.good, 0) as good
    from keys
    left join created on created.key is not distinct from keys.key
    left join solved on solved.key is not distinct from keys.key
    left join responded on responded.key is not distinct from keys.key
    left join sla on sla.key is not distinct from keys.key
    left join rated on rated.key is not distinct from keys.key
  `;
}

type AggregateRow = Record<string, unknown> & { key: string | null };

function figures(row: AggregateRow | undefined) {
  const n = (key: string) => numberOrNull(row?.[key]) ?? 0;
  return {
    created: n("created"),
    solved: n("solved"),
    firstResponseMedian: roundedMinutes(row?.first_response_median),
    resolutionMedian: roundedMinutes(row?.resolution_median),
    slaMet: percentOf(n("sla_met"), n("sla_total")),
    ratings: n("ratings"),
    percentGood: percentOf(n("good"), n("ratings")),
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

/** The range's headline figures in one row, with 90th percentiles and the reopen rate. */
export async function summaryReport(db: DbOrTx, input: ReportInput): Promise<ReportTable> {
  const [row] = rowsOf<AggregateRow>(await db.execute(aggregatesBy(sql`1`, input, false)));
  const [reopens] = rowsOf<{ solves: unknown; reopens: unknown }>(
    await db.execute(sql`
      select count(*) filter (where e.to_value = 'solved') as solves, count(*) filter (where e.from_value = 'solved' and e.to_value <> 'closed') as reopens
      from ticket_events e ${joinTickets("e", hasFilters(input.filters))}
      where e.field = 'status' and ${inRange(sql`e.created_at`, input)} and ${ticketFilter(input.filters)}
    `),
  );
  return {
    columns: [
      ...figureColumns.slice(0, 3),
      { key: "firstResponseP90", label: "First response, 90th percentile", kind: "minutes" },
      figureColumns[3]!,
      { key: "resolutionP90", label: "Resolution, 90th percentile", kind: "minutes" },
      ...figureColumns.slice(4),
      { key: "reopenRate", label: "Reopen rate", kind: "percent" },
    ],
    rows: [
      {
        ...figures(row),
        firstResponseP90: roundedMinutes(row?.first_response_p90),
        resolutionP90: roundedMinutes(row?.resolution_p90),
        reopenRate: percentOf(numberOrNull(reopens?.reopens) ?? 0, numberOrNull(reopens?.solves) ?? 0),
      },
    ],
  };
}

const dimensionKeys: Record<BreakdownDimension, { key: SQL; label: string; names?: SQL }> = {
  team: { key: sql`t.team_id`, label: "Team", names: sql`select id::text as key, name from teams` },
  category: { key: sql`t.category_id`, label: "Category", names: sql`select id::text as key, name from categories` },
  organization: { key: sql`t.organization_id`, label: "Organization", names: sql`select id::text as key, name from organizations` },
  priority: { key: sql`t.priority`, label: "Priority" },
  channel: { key: sql`t.channel`, label: "Channel" },
};

const noValue: Record<BreakdownDimension, string> = { team: "No team", category: "No category", organization: "No organization", priority: "", channel: "" };

/** One row per team, category, organization, priority or channel, busiest first. */
export async function breakdownReport(db: DbOrTx, input: ReportInput & { dimension: BreakdownDimension }): Promise<ReportTable> {
  const dimension = dimensionKeys[input.dimension];
  const rows = rowsOf<AggregateRow>(await db.execute(aggregatesBy(dimension.key, input, true)));
  const names = await namesFor(db, dimension.names, rows.map((r) => r.key));
  return {
    columns: [{ key: "name", label: dimension.label, kind: "text" }, ...figureColumns],
    rows: rows
      .map((row) => ({ name: row.key === null ? noValue[input.dimension] : (names.get(row.key) ?? row.key), ...figures(row) }))
      .sort((a, b) => b.created - a.created || b.solved - a.solved || a.name.localeCompare(b.name)),
  };
}

/** Names of the ids among `keys` (only those: an organization breakdown never reads every organization). */
async function namesFor(db: DbOrTx, names: SQL | undefined, keys: (string | null)[]): Promise<Map<string, string>> {
  const ids = keys.filter((key): key is string => key !== null);
  if (!names || ids.length === 0) return new Map();
  const rows = rowsOf<{ key: string; name: string }>(await db.execute(sql`select key, name from (${names}) n where key in ${ids}`));
  return new Map(rows.map((r) => [r.key, r.name]));
}

/** One row per agent who solved, answered or was rated in the range (by the ticket's current assignee). */
export async function agentsReport(db: DbOrTx, input: ReportInput): Promise<ReportTable> {
  const rows = rowsOf<AggregateRow>(await db.execute(aggregatesBy(sql`t.assignee_id`, input, true))).filter((r) => r.key !== null);
  const names = await namesFor(db, sql`select id::text as key, name from users`, rows.map((r) => r.key));
  return {
    columns: [{ key: "name", label: "Agent", kind: "text" }, ...figureColumns.filter((c) => c.key !== "created")],
    rows: rows
      // "Created" means nothing per assignee (tickets are created unassigned), so the column is left out.
      .map((row) => ({ name: names.get(row.key ?? "") ?? "Former agent", ...figures(row) }))
      .sort((a, b) => b.solved - a.solved || a.name.localeCompare(b.name)),
  };
}
