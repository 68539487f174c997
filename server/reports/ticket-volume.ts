import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/types";
import { rowsOf } from "@/db/rows";

export interface VolumePoint {
  /** Start of the week, ISO date (YYYY-MM-DD). */
  week: string;
  created: number;
  solved: number;
}

/**
 * Tickets created and solved per week over the last `weeks` weeks (UTC weeks
 * starting Monday). Two index range scans on created_at and solved_at, merged
 * onto a generated series so empty weeks show as zero.
 */
export async function weeklyVolumeReport(db: DbOrTx, weeks: number, now = new Date()): Promise<VolumePoint[]> {
  const result = await db.execute(sql`
    with bounds as (
      select date_trunc('week', ${now.toISOString()}::timestamptz at time zone 'UTC') as last_week
    ), series as (
      select generate_series(last_week - make_interval(weeks => ${weeks - 1}), last_week, interval '1 week') as week
      from bounds
    ), created as (
      select date_trunc('week', created_at at time zone 'UTC') as week, count(*)::int as n
      from tickets, bounds
      where created_at >= (last_week - make_interval(weeks => ${weeks - 1})) at time zone 'UTC'
        and created_at < (last_week + interval '1 week') at time zone 'UTC'
      group by 1
    ), solved as (
      select date_trunc('week', solved_at at time zone 'UTC') as week, count(*)::int as n
      from tickets, bounds
      where solved_at >= (last_week - make_interval(weeks => ${weeks - 1})) at time zone 'UTC'
        and solved_at < (last_week + interval '1 week') at time zone 'UTC'
      group by 1
    )
    select to_char(series.week, 'YYYY-MM-DD') as week,
           coalesce(created.n, 0) as created,
           coalesce(solved.n, 0) as solved
    from series
    left join created on created.week = series.week
    left join solved on solved.week = series.week
    order by series.week
  `);
  return rowsOf<VolumePoint>(result).map((row) => ({ week: row.week, created: Number(row.created), solved: Number(row.solved) }));
}
