import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, varchar } from "drizzle-orm/pg-core";
import { webhookDeliveryStatuses, type ApiScope, type WebhookEventType } from "../../lib/vocabularies";
import { tickets } from "./tickets";
import { users } from "./users";

/**
 * API tokens: stored only as a SHA-256 hash of the secret (the token has 256
 * random bits, so a fast hash is enough) beside a short visible prefix that
 * people recognise in lists. A token acts as its owner.
 */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text().notNull(),
    /** The token's first characters, shown in lists (never enough to use it). */
    prefix: varchar({ length: 24 }).notNull(),
    /** Hex SHA-256 of the whole token. */
    secretHash: varchar({ length: 64 }).notNull(),
    scopes: text().array().$type<ApiScope[]>().notNull(),
    expiresAt: timestamp({ withTimezone: true }),
    lastUsedAt: timestamp({ withTimezone: true }),
    lastUsedAddress: text(),
    revokedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("api_tokens_secret_hash_key").on(t.secretHash),
    // "Your tokens" on the settings page.
    index("api_tokens_user_idx").on(t.userId, t.createdAt),
    index("api_tokens_created_idx").on(t.createdAt),
  ],
);

/**
 * The first answer to each `Idempotency-Key` a token sent on a POST, kept 24
 * hours: a retry with the same key and body gets the same answer and creates
 * nothing. A row without a response is a request still running.
 */
export const apiIdempotencyKeys = pgTable(
  "api_idempotency_keys",
  {
    tokenId: uuid()
      .notNull()
      .references(() => apiTokens.id, { onDelete: "cascade" }),
    key: varchar({ length: 255 }).notNull(),
    /** Hex SHA-256 of method, path and body: another body under the same key is refused. */
    requestHash: varchar({ length: 64 }).notNull(),
    responseStatus: integer(),
    responseBody: text(),
    responseHeaders: jsonb().$type<Record<string, string>>(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tokenId, t.key] }), index("api_idempotency_keys_created_idx").on(t.createdAt)],
);

/** Where admins asked to be told about changes, signed with a per-endpoint secret (Standard Webhooks). */
export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: uuid().primaryKey().defaultRandom(),
    url: text().notNull(),
    description: text().notNull().default(""),
    events: text().array().$type<WebhookEventType[]>().notNull(),
    /** message.created carries internal notes only when the endpoint asks for them. */
    includeInternalNotes: boolean().notNull().default(false),
    enabled: boolean().notNull().default(true),
    /** Standard Webhooks secret, "whsec_" + base64. */
    secret: text().notNull(),
    /** The secret before the last rotation, still signed with until `previousSecretExpiresAt`. */
    previousSecret: text(),
    previousSecretExpiresAt: timestamp({ withTimezone: true }),
    /** Set by the first failed delivery after a success; an endpoint failing for a day is disabled. */
    failingSince: timestamp({ withTimezone: true }),
    /** Why the endpoint was disabled automatically (null when an admin switched it off, or when enabled). */
    disabledReason: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("webhook_endpoints_created_idx").on(t.createdAt)],
);

export const webhookDeliveryStatus = pgEnum("webhook_delivery_status", webhookDeliveryStatuses);

/**
 * The webhook outbox: one row per event and endpoint, written in the same
 * transaction as the change, delivered by the worker with retries.
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** The Standard Webhooks `webhook-id`: the same for every attempt, so receivers can drop repeats. */
    messageId: varchar({ length: 64 }).notNull(),
    endpointId: uuid()
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    eventType: varchar({ length: 40 }).notNull(),
    /** The whole JSON body sent: { type, timestamp, data }. */
    payload: jsonb().notNull(),
    ticketId: uuid().references(() => tickets.id, { onDelete: "set null" }),
    status: webhookDeliveryStatus().notNull().default("pending"),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastAttemptAt: timestamp({ withTimezone: true }),
    responseStatus: integer(),
    /** The first characters of the receiver's answer, or what went wrong. */
    responseBodyHead: text(),
    lastError: text(),
    /** How long the last attempt took. */
    durationMs: integer(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("webhook_deliveries_message_endpoint_key").on(t.messageId, t.endpointId),
    // The worker's queue: only rows still to deliver are indexed.
    index("webhook_deliveries_due_idx").on(t.nextAttemptAt).where(sql`${t.status} in ('pending', 'delivering')`),
    // The delivery log of one endpoint, newest first.
    index("webhook_deliveries_endpoint_idx").on(t.endpointId, t.createdAt),
    // Deleting a ticket clears its deliveries' reference to it.
    index("webhook_deliveries_ticket_idx").on(t.ticketId).where(sql`${t.ticketId} is not null`),
  ],
);
