import { sql, type SQL } from "drizzle-orm";
import { type AnyPgColumn, bigint, index, integer, jsonb, pgSequence, pgTable, text, timestamp, uniqueIndex, uuid, varchar } from "drizzle-orm/pg-core";
import type { CustomFieldValues } from "../../lib/custom-field-vocabulary";
import { messageKind, ticketChannel, ticketPriority, ticketStatus, unsolvedStatuses } from "./enums";
import { tsvector } from "./custom-types";
import { categories, teams } from "./teams";
import { mailboxes } from "./mailboxes";
import { organizations, users } from "./users";

/** Human ticket numbers (#1042): gaps are fine, reuse is not. */
export const ticketNumberSeq = pgSequence("ticket_number_seq", { startWith: 1000 });

const unsolvedList = unsolvedStatuses.map((status) => `'${status}'`).join(", ");
// Partial indexes cover unsolved tickets only. Queries use the same predicate
// with literal values (not bind parameters), so that even a generic prepared
// plan can prove it matches the index.
const unsolved = sql.raw(`status in (${unsolvedList})`);
export const ticketIsUnsolved = sql.raw(`"tickets"."status" in (${unsolvedList})`);

/** What reports filter and group tickets by. */
const reportDimensions = (t: { teamId: AnyPgColumn; categoryId: AnyPgColumn; organizationId: AnyPgColumn; assigneeId: AnyPgColumn; priority: AnyPgColumn; channel: AnyPgColumn }) =>
  [t.teamId, t.categoryId, t.organizationId, t.assigneeId, t.priority, t.channel] as const;

export const tickets = pgTable(
  "tickets",
  {
    id: uuid().primaryKey().defaultRandom(),
    number: integer()
      .notNull()
      .default(sql`nextval('ticket_number_seq')`),
    subject: varchar({ length: 200 }).notNull(),
    status: ticketStatus().notNull().default("new"),
    priority: ticketPriority().notNull().default("normal"),
    channel: ticketChannel().notNull().default("web"),
    categoryId: uuid().references(() => categories.id, { onDelete: "set null" }),
    requesterId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    organizationId: uuid().references(() => organizations.id, { onDelete: "set null" }),
    teamId: uuid().references(() => teams.id, { onDelete: "set null" }),
    assigneeId: uuid().references(() => users.id, { onDelete: "set null" }),
    tags: text().array().notNull().default(sql`'{}'::text[]`),
    /** Values of the ticket's custom fields, keyed by field id (see custom_fields). */
    customValues: jsonb().$type<CustomFieldValues>().notNull().default({}),
    /** Optimistic-concurrency counter: every update names the version it read. */
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    firstResponseAt: timestamp({ withTimezone: true }),
    solvedAt: timestamp({ withTimezone: true }),
    closedAt: timestamp({ withTimezone: true }),
    /** Set when this ticket was merged into another as a duplicate. */
    mergedIntoId: uuid().references((): AnyPgColumn => tickets.id, { onDelete: "set null" }),
    /** Set on a follow-up: the closed ticket whose reply opened this one. */
    followUpOfId: uuid().references((): AnyPgColumn => tickets.id, { onDelete: "set null" }),
    /** The nearest due time among the ticket's running SLA clocks (see ticket_slas); null when none runs. */
    slaDueAt: timestamp({ withTimezone: true }),
    /** When that nearest clock reaches 75% of its target. */
    slaAtRiskAt: timestamp({ withTimezone: true }),
    /** Since when the SLA clocks are paused (pending or on hold). */
    slaPausedAt: timestamp({ withTimezone: true }),
    /** The mailbox the ticket came in on (null: the app's SUPPORT_EMAIL); its replies go out from it. */
    mailboxId: uuid().references((): AnyPgColumn => mailboxes.id, { onDelete: "set null" }),
    subjectSearch: tsvector().generatedAlwaysAs((): SQL => sql`to_tsvector('english', ${tickets.subject})`),
    /**
     * The words of every message of the ticket, and of its public messages only (what staff and
     * what customers may find it by), without positions. Kept by triggers on messages (migration
     * 0017), so that search can intersect a word's tickets with a range of updated_at.
     */
    staffSearch: tsvector().notNull().default(sql`''::tsvector`),
    publicSearch: tsvector().notNull().default(sql`''::tsvector`),
    /**
     * The words of the ticket's text custom fields: all of them, and those customers see (not
     * agent-only). Kept by a trigger on custom_values (migration 0021), which knows the fields.
     */
    staffFieldSearch: tsvector().notNull().default(sql`''::tsvector`),
    publicFieldSearch: tsvector().notNull().default(sql`''::tsvector`),
  },
  (t) => [
    uniqueIndex("tickets_number_key").on(t.number),
    // "My tickets" in the portal, newest first.
    index("tickets_requester_queue_idx").on(t.requesterId, t.updatedAt.desc(), t.id.desc()),
    // Organization-shared tickets in the portal.
    index("tickets_organization_queue_idx").on(t.organizationId, t.updatedAt.desc(), t.id.desc()),
    // Desk views of one status ("Pending", "Recently solved", ...), most recently updated first.
    index("tickets_status_queue_idx").on(t.status, t.updatedAt.desc(), t.id.desc()),
    // "All open": every unsolved ticket, most recently updated first.
    index("tickets_unsolved_queue_idx").on(t.updatedAt.desc(), t.id.desc()).where(unsolved),
    // "My open" and per-assignee views.
    index("tickets_assignee_queue_idx").on(t.assigneeId, t.updatedAt.desc(), t.id.desc()).where(unsolved),
    // "Unassigned": only the unassigned, unsolved slice, oldest first.
    index("tickets_unassigned_queue_idx")
      .on(t.createdAt, t.id)
      .where(sql`${t.assigneeId} is null and ${unsolved}`),
    // Reports range over creation, first response and solve times. Each of
    // these indexes also holds every column a report filters or groups by,
    // so reports read the index alone (index-only scans), never the rows.
    index("tickets_created_report_idx").on(t.createdAt, ...reportDimensions(t)),
    // Search and tag filters.
    index("tickets_subject_search_idx").using("gin", t.subjectSearch),
    index("tickets_staff_search_idx").using("gin", t.staffSearch),
    index("tickets_public_search_idx").using("gin", t.publicSearch),
    index("tickets_staff_field_search_idx").using("gin", t.staffFieldSearch),
    index("tickets_public_field_search_idx").using("gin", t.publicFieldSearch),
    index("tickets_tags_idx").using("gin", t.tags),
    // Queue filters on custom field values (`custom_values @> '{"12":"x"}'`).
    index("tickets_custom_values_idx").using("gin", sql`${t.customValues} jsonb_path_ops`),
    index("tickets_solved_report_idx").on(t.solvedAt, t.createdAt, ...reportDimensions(t)),
    index("tickets_first_response_report_idx").on(t.firstResponseAt, t.createdAt, ...reportDimensions(t)),
    // The desk sidebar's counts on every desk page (server/tickets/view-counts): an index-only
    // scan over the tickets that are not closed, whatever the size of the closed history.
    index("tickets_desk_counts_idx")
      .on(t.status, t.teamId, t.assigneeId, t.slaAtRiskAt)
      .where(sql`${t.status} <> 'closed'`),
    // "Sort by due" (nulls last, as the index keeps them) and the "SLA at risk" view over unsolved tickets.
    index("tickets_sla_due_idx").on(t.slaDueAt, t.id).where(unsolved),
    // Deleting a ticket clears these references to it: without an index each deletion read every ticket.
    index("tickets_merged_into_idx").on(t.mergedIntoId).where(sql`${t.mergedIntoId} is not null`),
    index("tickets_follow_up_of_idx").on(t.followUpOfId).where(sql`${t.followUpOfId} is not null`),
  ],
);

export const messages = pgTable(
  "messages",
  {
    id: uuid().primaryKey().defaultRandom(),
    ticketId: uuid()
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    /** Null for system messages. */
    authorId: uuid().references(() => users.id, { onDelete: "set null" }),
    kind: messageKind().notNull(),
    body: text().notNull(),
    /** RFC 5322 Message-ID of the email this message came in as or went out as. */
    emailMessageId: text(),
    /** Set on a merge's copy: the duplicate's message it was copied from, so undoing the merge removes exactly the copies. */
    copiedFromId: uuid().references((): AnyPgColumn => messages.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    bodySearch: tsvector().generatedAlwaysAs((): SQL => sql`to_tsvector('english', ${messages.body})`),
  },
  (t) => [
    index("messages_ticket_thread_idx").on(t.ticketId, t.createdAt, t.id),
    index("messages_body_search_idx").using("gin", t.bodySearch),
    uniqueIndex("messages_email_message_id_key").on(t.emailMessageId),
    // Undoing a merge finds the copies of the duplicate's messages (and deleting a message finds its copies).
    index("messages_copied_from_idx").on(t.copiedFromId).where(sql`${t.copiedFromId} is not null`),
  ],
);

/**
 * The append-only history of a ticket: one row per change, written in the same
 * transaction as the change. Reports and the ticket timeline read it.
 */
export const ticketEvents = pgTable(
  "ticket_events",
  {
    // Ascending, so events written at the same instant keep their order.
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    ticketId: uuid()
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    /** Null when the system made the change (automations, timers). */
    actorId: uuid().references(() => users.id, { onDelete: "set null" }),
    /** What changed: "created", "status", "priority", "assignee", "reply", ... */
    field: varchar({ length: 40 }).notNull(),
    fromValue: text(),
    toValue: text(),
    /** Why, when the system made the change ("round-robin; 3 open"). */
    detail: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("ticket_events_timeline_idx").on(t.ticketId, t.createdAt),
    index("ticket_events_field_created_idx").on(t.field, t.createdAt),
    // Reopen-rate reports: status changes by time, read from the index alone.
    index("ticket_events_status_report_idx").on(t.createdAt, t.fromValue, t.toValue, t.ticketId).where(sql`${t.field} = 'status'`),
  ],
);
