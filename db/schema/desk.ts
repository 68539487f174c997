import { sql } from "drizzle-orm";
import { bigint, boolean, check, index, integer, pgTable, primaryKey, text, timestamp, uuid, varchar } from "drizzle-orm/pg-core";
import { ccPolicy } from "./enums";
import { tickets } from "./tickets";
import { users } from "./users";

/** Workspace-wide settings: one row, typed columns, defaults in the schema. */
export const settings = pgTable(
  "settings",
  {
    id: integer().primaryKey().default(1),
    attachmentMaxBytes: bigint({ mode: "number" }).notNull().default(10 * 1024 * 1024),
    attachmentMaxCount: integer().notNull().default(5),
    autoCloseDays: integer().notNull().default(4),
    /** Ask requesters "How did we do?" when a ticket is solved. */
    satisfactionSurveys: boolean().notNull().default(true),
    /** Days after a ticket closes that its rating links keep working. */
    satisfactionLinkDays: integer().notNull().default(14),
    /** A bad rating reopens a solved ticket (closed tickets stay closed). */
    reopenOnBadRating: boolean().notNull().default(false),
    /** An agent's first public reply to an unassigned ticket assigns it to them. */
    assignOnFirstReply: boolean().notNull().default(true),
    /** Which addresses copied on an inbound email become CCs of its ticket. */
    ccPolicy: ccPolicy().notNull().default("anyone"),
    /** File extensions (lower-case, no dot) refused on upload and noted, not kept, on email. */
    blockedExtensions: text()
      .array()
      .notNull()
      .default(sql`'{exe,bat,cmd,com,scr,pif,msi,msp,js,jse,vbs,vbe,ws,wsf,ps1,jar,hta,cpl,lnk,reg}'::text[]`),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("settings_single_row", sql`${t.id} = 1`),
    check("settings_attachment_max_bytes", sql`${t.attachmentMaxBytes} between 1024 and 104857600`),
    check("settings_attachment_max_count", sql`${t.attachmentMaxCount} between 1 and 20`),
    check("settings_auto_close_days", sql`${t.autoCloseDays} between 1 and 365`),
    check("settings_satisfaction_link_days", sql`${t.satisfactionLinkDays} between 1 and 365`),
  ],
);

/** Saved replies with {{placeholders}}, managed by admins. */
export const cannedResponses = pgTable("canned_responses", {
  id: uuid().primaryKey().defaultRandom(),
  title: varchar({ length: 120 }).notNull(),
  body: text().notNull(),
  createdById: uuid().references(() => users.id, { onDelete: "set null" }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** Who has a ticket open right now: a heartbeat row per viewer, read within seconds. */
export const ticketViewers = pgTable(
  "ticket_viewers",
  {
    ticketId: uuid()
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    composing: integer().notNull().default(0),
    seenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.ticketId, t.userId] }), index("ticket_viewers_seen_idx").on(t.seenAt)],
);

/** Counters for rate-limiter-flexible's Drizzle store (sign-in, ticket creation). */
export const rateLimits = pgTable("rate_limits", {
  key: varchar({ length: 255 }).primaryKey(),
  points: integer().notNull().default(0),
  expire: timestamp({ withTimezone: true, mode: "date" }),
});

/**
 * One row per timed-job loop: when its last pass started and how many passes
 * ran. A pass starts only by moving `lastStartedAt` forward past the interval,
 * so several app and worker processes run each pass once between them.
 */
export const timedJobRuns = pgTable("timed_job_runs", {
  job: varchar({ length: 64 }).primaryKey(),
  lastStartedAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
  passes: bigint({ mode: "number" }).notNull().default(1),
});
