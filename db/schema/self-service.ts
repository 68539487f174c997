import { sql } from "drizzle-orm";
import { bigint, index, integer, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { articles } from "./knowledge";
import { tickets } from "./tickets";
import { users } from "./users";

export const helpCenterEventKind = pgEnum("help_center_event_kind", ["article_view", "search"]);

/**
 * What visitors do in the help center, for its reports: article views and
 * searches (with how many articles they found). `userId` is null for anonymous visitors.
 */
export const helpCenterEvents = pgTable(
  "help_center_events",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    kind: helpCenterEventKind().notNull(),
    articleId: integer().references(() => articles.id, { onDelete: "cascade" }),
    /** The query as typed (trimmed, lower-cased), for searches. */
    query: text(),
    resultCount: integer(),
    userId: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("help_center_events_kind_created_idx").on(t.kind, t.createdAt), index("help_center_events_article_idx").on(t.articleId, t.createdAt)],
);

/**
 * One visit to the portal's new-ticket form. A visit in which the customer opened a
 * suggested article and that never became a ticket is a deflection.
 */
export const intakeVisits = pgTable(
  "intake_visits",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid().references(() => users.id, { onDelete: "set null" }),
    startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** The first suggested article opened during the visit, and how many were. */
    firstArticleId: integer().references(() => articles.id, { onDelete: "set null" }),
    articlesOpened: integer().notNull().default(0),
    /** Set when the visit ended in a submitted ticket. */
    ticketId: uuid().references(() => tickets.id, { onDelete: "set null" }),
  },
  (t) => [
    index("intake_visits_started_idx").on(t.startedAt),
    index("intake_visits_user_idx").on(t.userId, t.startedAt),
    index("intake_visits_ticket_idx").on(t.ticketId).where(sql`${t.ticketId} is not null`),
  ],
);
