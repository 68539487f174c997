import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { CustomFieldValues } from "../../lib/custom-field-vocabulary";
import { organizationDomainJoin, userRole } from "./enums";

export const organizations = pgTable(
  "organizations",
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    /** Email domain whose senders belong to this organization (e.g. "acme.com"). */
    domain: text(),
    /** When true, every member can follow every ticket of the organization. */
    sharesTickets: boolean().notNull().default(false),
    /** How a sender at `domain` becomes a member: never at once, since anyone can type any address. */
    domainJoin: organizationDomainJoin().notNull().default("verified_email"),
    /** Values of organization custom fields, keyed by field id. */
    customValues: jsonb().$type<CustomFieldValues>().notNull().default({}),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("organizations_name_key").on(t.name), uniqueIndex("organizations_domain_key").on(t.domain)],
);

export const users = pgTable(
  "users",
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    /** Always stored lower-cased, so the unique index is case-insensitive. */
    email: text().notNull(),
    emailVerified: timestamp({ withTimezone: true, mode: "date" }),
    image: text(),
    role: userRole().notNull().default("customer"),
    /** The organization this person belongs to, with its reach (shared tickets): set only once the membership is confirmed. */
    organizationId: uuid().references(() => organizations.id, { onDelete: "set null" }),
    /** The organization their email domain matches, waiting for the address to be verified or an admin to approve. */
    pendingOrganizationId: uuid().references(() => organizations.id, { onDelete: "set null" }),
    passwordHash: text(),
    /** Set while an agent is away: automatic assignment skips them. */
    awayAt: timestamp({ withTimezone: true }),
    /** Set when an admin disables the account; sessions stop working at once. */
    disabledAt: timestamp({ withTimezone: true }),
    /** Values of user custom fields, keyed by field id. */
    customValues: jsonb().$type<CustomFieldValues>().notNull().default({}),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("users_email_key").on(t.email),
    index("users_organization_idx").on(t.organizationId),
    // The admin's list of people waiting to join an organization.
    index("users_pending_organization_idx").on(t.pendingOrganizationId).where(sql`${t.pendingOrganizationId} is not null`),
    // Staff lists (assignee pickers, admin) filter by role.
    index("users_staff_idx").on(t.role).where(sql`${t.role} <> 'customer'`),
  ],
);

// Auth.js tables, shaped as @auth/drizzle-adapter expects (email sign-in links).
export const accounts = pgTable(
  "accounts",
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text().notNull(),
    provider: text().notNull(),
    providerAccountId: text().notNull(),
    refresh_token: text(),
    access_token: text(),
    expires_at: integer(),
    token_type: text(),
    scope: text(),
    id_token: text(),
    session_state: text(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] })],
);

export const sessions = pgTable("sessions", {
  sessionToken: text().primaryKey(),
  userId: uuid()
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  expires: timestamp({ withTimezone: true, mode: "date" }).notNull(),
});

export const verificationTokens = pgTable(
  "verification_tokens",
  {
    identifier: text().notNull(),
    token: text().notNull(),
    expires: timestamp({ withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);
