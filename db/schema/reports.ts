import { sql } from "drizzle-orm";
import { bigserial, boolean, date, index, integer, pgTable, text } from "drizzle-orm/pg-core";

/**
 * Daily and monthly report counts, so a long range reads a few thousand rows
 * instead of every ticket. Each row counts what happened on one UTC day
 * (or in one UTC month: long ranges read whole months there), for all
 * tickets (`dimension` "all") or for the tickets of one team, category,
 * organization, assignee, priority or channel (`key`, "" when the ticket
 * has none). Facts follow the ticket's current team, assignee and so on,
 * as the raw reports do.
 *
 * Database triggers (migration 0009) write these rows in the same
 * transaction as every change to tickets, SLA clocks, ratings and status
 * events. They only insert signed deltas, so concurrent transactions never
 * wait on a shared counter row; a timed job folds the deltas of a day into
 * one row. Readers sum, so deltas and folded rows count the same.
 */
export const reportRollups = pgTable(
  "report_rollups",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    /** "day": `day` is the UTC day counted; "month": the first day of the UTC month counted. */
    period: text().notNull(),
    day: date({ mode: "string" }).notNull(),
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
    index("report_rollups_key_idx").on(t.dimension, t.key, t.period, t.day),
    index("report_rollups_day_idx").on(t.dimension, t.period, t.day),
    index("report_rollups_unfolded_idx").on(t.period, t.day, t.dimension, t.key).where(sql`not ${t.folded}`),
  ],
);
