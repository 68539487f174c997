import { boolean, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { customFieldTargets, customFieldTypes, type CustomFieldOption } from "../../lib/custom-field-vocabulary";
import { categories } from "./teams";

export const customFieldTarget = pgEnum("custom_field_target", customFieldTargets);
export const customFieldType = pgEnum("custom_field_type", customFieldTypes);

/**
 * Admin-defined fields on tickets, users or organizations. Values live on the
 * record itself (`custom_values`, keyed by field id), so deactivating a field
 * or renaming its key never loses what was stored.
 */
export const customFields = pgTable(
  "custom_fields",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    target: customFieldTarget().notNull(),
    key: text().notNull(),
    label: text().notNull(),
    helpText: text().notNull().default(""),
    /** Fixed once created: stored values were validated against it. */
    type: customFieldType().notNull(),
    options: jsonb().$type<CustomFieldOption[]>().notNull().default([]),
    position: integer().notNull().default(0),
    active: boolean().notNull().default(true),
    /** Customers must fill it in to submit a ticket whose form shows it. */
    requiredForCustomers: boolean().notNull().default(false),
    /** Agents must fill it in before the ticket is solved. */
    requiredOnSolve: boolean().notNull().default(false),
    /** Never shown to customers, in the portal, emails or the API they use. */
    agentOnly: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("custom_fields_target_key_key").on(t.target, t.key), index("custom_fields_target_position_idx").on(t.target, t.position, t.id)],
);

/** Ticket forms: which ticket fields the portal asks for in each category, and in what order. */
export const ticketFormFields = pgTable(
  "ticket_form_fields",
  {
    categoryId: uuid()
      .notNull()
      .references(() => categories.id, { onDelete: "cascade" }),
    fieldId: integer()
      .notNull()
      .references(() => customFields.id, { onDelete: "cascade" }),
    position: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.categoryId, t.fieldId] }), index("ticket_form_fields_field_idx").on(t.fieldId)],
);
