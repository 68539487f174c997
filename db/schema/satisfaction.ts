import { index, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { tickets } from "./tickets";
import { users } from "./users";
import { satisfactionScores } from "../../lib/vocabularies";

export const satisfactionScore = pgEnum("satisfaction_score", satisfactionScores);

/**
 * The requester's rating of a solved ticket: one row per ticket, the latest
 * answer wins (rating again replaces it).
 */
export const satisfactionRatings = pgTable(
  "satisfaction_ratings",
  {
    ticketId: uuid()
      .primaryKey()
      .references(() => tickets.id, { onDelete: "cascade" }),
    score: satisfactionScore().notNull(),
    comment: text(),
    /** Who had the ticket when it was rated, for per-agent satisfaction. */
    assigneeId: uuid().references(() => users.id, { onDelete: "set null" }),
    ratedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("satisfaction_ratings_rated_at_idx").on(t.ratedAt, t.score), index("satisfaction_ratings_assignee_idx").on(t.assigneeId, t.ratedAt)],
);
