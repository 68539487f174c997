import { sql } from "drizzle-orm";
import { boolean, doublePrecision, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { ticketPriority } from "./enums";
import { categories } from "./teams";
import { tickets } from "./tickets";
import { organizations } from "./users";
import { slaMetrics } from "../../lib/vocabularies";

export const slaMetric = pgEnum("sla_metric", slaMetrics);

/**
 * Targets per priority, optionally narrowed to a category and/or an
 * organization; the most specific matching policy applies. Targets are in
 * business minutes of the ticket's calendar.
 */
export const slaPolicies = pgTable(
  "sla_policies",
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    priority: ticketPriority().notNull(),
    categoryId: uuid().references(() => categories.id, { onDelete: "cascade" }),
    organizationId: uuid().references(() => organizations.id, { onDelete: "cascade" }),
    /** Null: no target for this metric. */
    firstResponseMinutes: integer(),
    resolutionMinutes: integer(),
    pauseOnPending: boolean().notNull().default(true),
    pauseOnHold: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("sla_policies_scope_key").on(t.priority, t.categoryId, t.organizationId).nullsNotDistinct()],
);

/**
 * One running or finished SLA clock per ticket and metric. Business minutes
 * used so far are `elapsedMinutes` plus, while running, the business time
 * since `runningSince`; `dueAt` and `atRiskAt` (75% used) are derived from
 * those and stored so queues can sort and filter by them.
 */
export const ticketSlas = pgTable(
  "ticket_slas",
  {
    ticketId: uuid()
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    metric: slaMetric().notNull(),
    policyId: uuid().references(() => slaPolicies.id, { onDelete: "set null" }),
    targetMinutes: integer().notNull(),
    elapsedMinutes: doublePrecision().notNull().default(0),
    /** Null while paused or finished. */
    runningSince: timestamp({ withTimezone: true }),
    dueAt: timestamp({ withTimezone: true }),
    atRiskAt: timestamp({ withTimezone: true }),
    completedAt: timestamp({ withTimezone: true }),
    /** Set when finished: whether the target was met. */
    met: boolean(),
    breachedAt: timestamp({ withTimezone: true }),
    breachNotifiedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.ticketId, t.metric] }),
    // The breach sweep: running clocks past due that nobody was told about yet.
    index("ticket_slas_breach_due_idx")
      .on(t.dueAt)
      .where(sql`${t.runningSince} is not null and ${t.breachNotifiedAt} is null`),
    // Compliance reports over finished clocks (read from the index alone).
    index("ticket_slas_completed_idx").on(t.completedAt, t.metric, t.met),
  ],
);

