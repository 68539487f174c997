import { index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { ticketPriority } from "./enums";
import { assignmentModes } from "../../lib/vocabularies";
import { businessCalendars } from "./calendars";

/** How a team's new tickets find an owner. */
export const assignmentMode = pgEnum("assignment_mode", assignmentModes);
import { users } from "./users";

export const teams = pgTable(
  "teams",
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    description: text().notNull().default(""),
    assignmentMode: assignmentMode().notNull().default("off"),
    /** The team's own business hours; null uses the default calendar. */
    calendarId: uuid().references(() => businessCalendars.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("teams_name_key").on(t.name)],
);

export const teamMembers = pgTable(
  "team_members",
  {
    teamId: uuid()
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** When this member last got a ticket automatically: round-robin picks the longest-waiting. */
    lastAssignedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] }), index("team_members_user_idx").on(t.userId)],
);

export const categories = pgTable(
  "categories",
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    description: text().notNull().default(""),
    /** New tickets in this category go to this team. */
    defaultTeamId: uuid().references(() => teams.id, { onDelete: "set null" }),
    defaultPriority: ticketPriority().notNull().default("normal"),
    position: integer().notNull().default(0),
    archivedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("categories_name_key").on(t.name)],
);
