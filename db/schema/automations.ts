import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { tickets } from "./tickets";
import type { AutomationAction, AutomationCondition } from "../../lib/vocabularies";

/**
 * Admin-defined rules: when a ticket is created or updated and the
 * conditions hold, the actions run. Rules run in `position` order, each at
 * most once per ticket (see automationRuns), so no rule can re-trigger itself.
 */
export const automationRules = pgTable(
  "automation_rules",
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    position: integer().notNull().default(0),
    active: boolean().notNull().default(true),
    runOnCreate: boolean().notNull().default(true),
    runOnUpdate: boolean().notNull().default(false),
    /** true: every condition must hold; false: any one. */
    matchAll: boolean().notNull().default(true),
    conditions: jsonb().$type<AutomationCondition[]>().notNull(),
    actions: jsonb().$type<AutomationAction[]>().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("automation_rules_position_idx").on(t.position)],
);

/** Which rule already ran on which ticket: a rule fires at most once per ticket. */
export const automationRuns = pgTable(
  "automation_runs",
  {
    ruleId: uuid()
      .notNull()
      .references(() => automationRules.id, { onDelete: "cascade" }),
    ticketId: uuid()
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    ranAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.ruleId, t.ticketId] }), index("automation_runs_ticket_idx").on(t.ticketId)],
);
