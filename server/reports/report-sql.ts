import { sql, type SQL } from "drizzle-orm";
import type { ReportFilters, ReportInput } from "./report-input";

/**
 * SQL pieces the reports share. Tickets are always aliased `t`; times are
 * compared as instants (so range scans use the indexes) and bucketed as
 * local dates in the viewer's zone.
 */

/** The first instant of the range and the first instant after it. */
export function rangeStart(input: ReportInput): SQL {
  return sql`(${input.from}::timestamp at time zone ${input.timeZone})`;
}
export function rangeEnd(input: ReportInput): SQL {
  return sql`((${input.to}::date + 1)::timestamp at time zone ${input.timeZone})`;
}

/** `column` within the range. */
export function inRange(column: SQL, input: ReportInput): SQL {
  return sql`${column} >= ${rangeStart(input)} and ${column} < ${rangeEnd(input)}`;
}

/** The local date (YYYY-MM-DD) of the bucket that `column` falls in. */
export function bucketOf(column: SQL, input: ReportInput): SQL<string> {
  return sql<string>`to_char(date_trunc(${input.bucket}, ${column} at time zone ${input.timeZone}), 'YYYY-MM-DD')`;
}

/** The ticket filters as a condition on `t` ("true" when there are none). */
export function ticketFilter(filters: ReportFilters): SQL {
  const parts: SQL[] = [];
  if (filters.teamId) parts.push(sql`t.team_id = ${filters.teamId}`);
  if (filters.categoryId) parts.push(sql`t.category_id = ${filters.categoryId}`);
  if (filters.organizationId) parts.push(sql`t.organization_id = ${filters.organizationId}`);
  if (filters.assigneeId) parts.push(sql`t.assignee_id = ${filters.assigneeId}`);
  if (filters.priority) parts.push(sql`t.priority = ${filters.priority}`);
  if (filters.channel) parts.push(sql`t.channel = ${filters.channel}`);
  return parts.length ? sql.join(parts, sql` and `) : sql`true`;
}

/** Median and 90th percentile, in minutes, of an interval expression. */
export function minutePercentiles(interval: SQL, prefix: string): SQL {
  const minutes = sql`extract(epoch from ${interval}) / 60`;
  return sql`percentile_cont(0.5) within group (order by ${minutes}) as ${sql.identifier(`${prefix}_median`)},
    percentile_cont(0.9) within group (order by ${minutes}) as ${sql.identifier(`${prefix}_p90`)}`;
}

/**
 * Joins the tickets of rows in `alias` (SLA clocks, ratings, events) only
 * when a filter or grouping needs them: without, a report reads the other
 * table's index alone.
 */
export function joinTickets(alias: string, needed: boolean): SQL {
  return needed ? sql`join tickets t on t.id = ${sql.raw(alias)}.ticket_id` : sql``;
}

export function hasFilters(filters: ReportFilters): boolean {
  return Object.values(filters).some(Boolean);
}
