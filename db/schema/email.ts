import { sql } from "drizzle-orm";
import { index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid, varchar } from "drizzle-orm/pg-core";
import { mailboxes } from "./mailboxes";
import { messages, tickets } from "./tickets";

export const outboxStatuses = ["pending", "sending", "sent", "failed", "stored", "delivered", "bounced"] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];
/**
 * pending → sending → sent, or back to pending with a later attempt, or failed; "stored": kept locally (no provider configured).
 * After sent, the provider's delivery events (Resend's email.delivered / email.bounced) move it to delivered or bounced.
 */
export const outboxStatus = pgEnum("outbox_status", outboxStatuses);

/**
 * Outgoing mail, written in the same transaction as the change that causes
 * it and delivered afterwards by the worker. Rendered at enqueue time, so
 * what the mailbox page shows is exactly what is (or was) sent.
 */
export const outbox = pgTable(
  "outbox",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Also sent to the provider, so a retried send is never delivered twice. */
    idempotencyKey: varchar({ length: 200 }).notNull(),
    template: varchar({ length: 60 }).notNull(),
    toAddress: text().notNull(),
    /** Copied recipients (the ticket's CCs on a public reply). */
    ccAddresses: text().array().notNull().default(sql`'{}'::text[]`),
    /** The mailbox it is sent from and through (null: SUPPORT_EMAIL and the app's Resend account). */
    mailboxId: uuid().references(() => mailboxes.id, { onDelete: "set null" }),
    subject: text().notNull(),
    html: text().notNull(),
    text: text().notNull(),
    /** Our RFC 5322 Message-ID for this email, with angle brackets. */
    messageIdHeader: text().notNull(),
    inReplyTo: text(),
    references: text(),
    replyTo: text(),
    ticketId: uuid().references(() => tickets.id, { onDelete: "set null" }),
    /** The ticket message this email carries, when it carries one. */
    ticketMessageId: uuid().references(() => messages.id, { onDelete: "set null" }),
    status: outboxStatus().notNull().default("pending"),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastError: text(),
    providerMessageId: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("outbox_idempotency_key").on(t.idempotencyKey),
    uniqueIndex("outbox_message_id_header_key").on(t.messageIdHeader),
    // The worker's queue: only rows still to deliver are indexed.
    index("outbox_due_idx").on(t.nextAttemptAt).where(sql`${t.status} in ('pending', 'sending')`),
    index("outbox_ticket_idx").on(t.ticketId, t.createdAt),
    index("outbox_ticket_message_idx").on(t.ticketMessageId),
    index("outbox_created_idx").on(t.createdAt),
    // The provider's delivery reports (delivered, bounced) name the email by the provider's id.
    index("outbox_provider_message_idx").on(t.providerMessageId).where(sql`${t.providerMessageId} is not null`),
  ],
);

export const inboundStatuses = ["ticket_created", "reply_added", "ignored", "rejected"] as const;
export type InboundStatus = (typeof inboundStatuses)[number];
export const inboundStatus = pgEnum("inbound_status", inboundStatuses);

/**
 * Every inbound email seen, keyed by its Message-ID: the unique index is what
 * makes a second delivery of the same email (even a concurrent one) a no-op.
 */
export const inboundMessages = pgTable(
  "inbound_messages",
  {
    id: uuid().primaryKey().defaultRandom(),
    messageIdHeader: text().notNull(),
    fromAddress: text(),
    subject: text(),
    status: inboundStatus().notNull(),
    /** Why it was ignored or rejected, or how it was routed. */
    reason: text(),
    ticketId: uuid().references(() => tickets.id, { onDelete: "set null" }),
    ticketMessageId: uuid().references(() => messages.id, { onDelete: "set null" }),
    /** The mailbox it came in through, when known. */
    mailboxId: uuid().references(() => mailboxes.id, { onDelete: "set null" }),
    size: integer().notNull().default(0),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("inbound_messages_message_id_key").on(t.messageIdHeader),
    index("inbound_messages_received_idx").on(t.receivedAt),
    // Deleting a ticket (or a message) clears the inbound log's references to it.
    index("inbound_messages_ticket_idx").on(t.ticketId).where(sql`${t.ticketId} is not null`),
    index("inbound_messages_ticket_message_idx").on(t.ticketMessageId).where(sql`${t.ticketMessageId} is not null`),
  ],
);
