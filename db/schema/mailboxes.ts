import { sql } from "drizzle-orm";
import { bigint, boolean, check, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, varchar } from "drizzle-orm/pg-core";
import {
  imapProcessedActions,
  mailAuthMethods,
  mailboxInboundTransports,
  mailboxOutboundTransports,
  mailConnectionSecurities,
} from "../../lib/vocabularies";
import { categories, teams } from "./teams";
import { tickets } from "./tickets";
import { users } from "./users";

export const mailboxInboundTransport = pgEnum("mailbox_inbound_transport", mailboxInboundTransports);
export const mailboxOutboundTransport = pgEnum("mailbox_outbound_transport", mailboxOutboundTransports);
export const mailConnectionSecurity = pgEnum("mail_connection_security", mailConnectionSecurities);
export const mailAuthMethod = pgEnum("mail_auth_method", mailAuthMethods);
export const imapProcessedAction = pgEnum("imap_processed_action", imapProcessedActions);

/**
 * The support addresses a team already has (support@, billing@, it@): where
 * mail comes in (IMAP, or pushed to us) and how replies go out (SMTP or
 * Resend). A ticket remembers the mailbox it came in on and is answered from
 * it. Secrets (passwords, OAuth tokens) are stored encrypted, never in the clear.
 */
export const mailboxes = pgTable(
  "mailboxes",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Lower-case; the From of replies and the base of the signed per-ticket Reply-To. */
    address: varchar({ length: 254 }).notNull(),
    displayName: varchar({ length: 120 }).notNull(),
    defaultTeamId: uuid().references(() => teams.id, { onDelete: "set null" }),
    defaultCategoryId: uuid().references(() => categories.id, { onDelete: "set null" }),
    enabled: boolean().notNull().default(true),

    inboundTransport: mailboxInboundTransport().notNull().default("push"),
    imapHost: varchar({ length: 255 }),
    imapPort: integer(),
    imapSecurity: mailConnectionSecurity().notNull().default("tls"),
    imapAuth: mailAuthMethod().notNull().default("password"),
    imapUsername: varchar({ length: 254 }),
    /** Encrypted: the IMAP password, or the OAuth2 refresh token. */
    imapSecret: text(),
    imapFolder: varchar({ length: 200 }).notNull().default("INBOX"),
    imapProcessedAction: imapProcessedAction().notNull().default("mark_seen"),
    imapMoveToFolder: varchar({ length: 200 }),
    /** OAuth2 (XOAUTH2): where and as whom a refresh token is exchanged for an access token. */
    oauthTokenUrl: text(),
    oauthClientId: text(),
    /** Encrypted. */
    oauthClientSecret: text(),
    /** Encrypted; the last access token and when it stops working. */
    oauthAccessToken: text(),
    oauthAccessTokenExpiresAt: timestamp({ withTimezone: true }),
    /** The folder's UIDVALIDITY and the highest UID already handled: nothing is read twice or skipped across restarts. */
    imapUidValidity: bigint({ mode: "number" }),
    imapLastUid: bigint({ mode: "number" }).notNull().default(0),
    /** What the inbound connection is doing, for the admin page: connecting, idle (IDLE), polling, error. */
    inboundState: varchar({ length: 30 }).notNull().default("not started"),
    inboundError: text(),
    inboundCheckedAt: timestamp({ withTimezone: true }),

    outboundTransport: mailboxOutboundTransport().notNull().default("resend"),
    smtpHost: varchar({ length: 255 }),
    smtpPort: integer(),
    smtpSecurity: mailConnectionSecurity().notNull().default("starttls"),
    smtpUsername: varchar({ length: 254 }),
    /** Encrypted. */
    smtpSecret: text(),

    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("mailboxes_address_key").on(t.address),
    check("mailboxes_address_lower", sql`${t.address} = lower(${t.address})`),
    check("mailboxes_imap_port", sql`${t.imapPort} is null or ${t.imapPort} between 1 and 65535`),
    check("mailboxes_smtp_port", sql`${t.smtpPort} is null or ${t.smtpPort} between 1 and 65535`),
  ],
);

/** People copied on a ticket: they get its public replies and may answer by email or in the portal. */
export const ticketCcs = pgTable(
  "ticket_ccs",
  {
    ticketId: uuid()
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    addedById: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.ticketId, t.userId] }), index("ticket_ccs_user_idx").on(t.userId)],
);

/** Staff following a ticket: they get the notifications its assignee gets. */
export const ticketFollowers = pgTable(
  "ticket_followers",
  {
    ticketId: uuid()
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.ticketId, t.userId] }), index("ticket_followers_user_idx").on(t.userId)],
);
