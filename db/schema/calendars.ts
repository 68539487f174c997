import { sql } from "drizzle-orm";
import { boolean, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

/** Local "HH:MM" intervals per ISO weekday ("1" = Monday … "7" = Sunday); see server/sla/business-hours. */
export type WeeklyHours = Record<"1" | "2" | "3" | "4" | "5" | "6" | "7", { start: string; end: string }[]>;

/**
 * When the desk is staffed: SLA clocks only run inside these hours. One
 * calendar is the default; a team may use its own.
 */
export const businessCalendars = pgTable(
  "business_calendars",
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    /** IANA zone, e.g. "Europe/Berlin". */
    timeZone: text().notNull(),
    weekly: jsonb().$type<WeeklyHours>().notNull(),
    /** Local dates (YYYY-MM-DD) closed all day. */
    holidays: text().array().notNull().default(sql`'{}'::text[]`),
    isDefault: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("business_calendars_name_key").on(t.name),
    // At most one default.
    uniqueIndex("business_calendars_default_key").on(t.isDefault).where(sql`${t.isDefault}`),
  ],
);
