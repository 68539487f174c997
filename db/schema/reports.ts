import { sql } from "drizzle-orm";
import { bigserial, boolean, date, index, integer, pgTable, smallint, text } from "drizzle-orm/pg-core";

/**
 * Report counts per UTC quarter hour, day and month, so a long range reads a
 * few thousand rows instead of every ticket, and a bucket in any zone (all
 * UTC offsets in use are whole quarter hours) is a sum of whole rows. Each
 * row counts what happened in one period, for all tickets (`dimension`
 * "all") or for the tickets of one team, category, organization, assignee,
 * priority or channel (`key`, "" when the ticket has none). Facts follow the
 * ticket's current team, assignee and so on, as the raw reports do.
 *
 * Database triggers (migrations 0009 and 0016) write these rows in the same
 * transaction as every change to tickets, SLA clocks, ratings and status
 * events: signed deltas of quarter hours only (`folded` false), so
 * concurrent transactions never wait on a shared counter row. A timed job
 * folds the deltas into one quarter-hour, day and month row each. Readers
 * take the folded rows of each period and every delta inside their span.
 */
export const reportRollups = pgTable(
  "report_rollups",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    /**
     * "quarter": the 15 minutes from `minute` on UTC day `day`; "day": the
     * UTC day `day`; "month": the UTC month starting on `day`. Deltas are
     * always quarters.
     */
    period: text().notNull(),
    day: date({ mode: "string" }).notNull(),
    /** The quarter's first minute of its UTC day (0, 15, … 1425); 0 for days and months. */
    minute: smallint().notNull().default(0),
    dimension: text().notNull(),
    key: text().notNull(),
    created: integer().notNull().default(0),
    solved: integer().notNull().default(0),
    responded: integer().notNull().default(0),
    firstResponseTargets: integer().notNull().default(0),
    firstResponseMet: integer().notNull().default(0),
    resolutionTargets: integer().notNull().default(0),
    resolutionMet: integer().notNull().default(0),
    good: integer().notNull().default(0),
    bad: integer().notNull().default(0),
    solves: integer().notNull().default(0),
    reopens: integer().notNull().default(0),
    /**
     * Histograms of first response and resolution times of the tickets
     * answered or solved that day: parallel arrays of whole-minute bins
     * (see report_minute_bin) and their counts, for medians and 90th
     * percentiles that add up across days.
     */
    firstResponseBins: integer().array().notNull().default(sql`'{}'`),
    firstResponseCounts: integer().array().notNull().default(sql`'{}'`),
    resolutionBins: integer().array().notNull().default(sql`'{}'`),
    resolutionCounts: integer().array().notNull().default(sql`'{}'`),
    /** False for a delta a trigger wrote, true for the sum the folding job wrote. */
    folded: boolean().notNull().default(false),
  },
  (t) => [
    // One key over a range (a filtered report), and every key over a range (a breakdown).
    index("report_rollups_key_idx").on(t.dimension, t.key, t.period, t.day, t.minute),
    index("report_rollups_day_idx").on(t.dimension, t.period, t.day, t.minute),
    // The deltas a report reads across its whole span, and the fold job's queue.
    index("report_rollups_unfolded_idx").on(t.dimension, t.key, t.day, t.minute).where(sql`not ${t.folded}`),
  ],
);
