import { sql, type SQL } from "drizzle-orm";
import { boolean, index, integer, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { articleStates, articleVisibilities } from "../../lib/knowledge-vocabulary";
import { tsvector } from "./custom-types";
import { organizations, users } from "./users";

export const articleState = pgEnum("article_state", articleStates);
export const articleVisibility = pgEnum("article_visibility", articleVisibilities);

/**
 * The knowledge base: categories hold sections, sections hold articles.
 * Ids are small integers because they are part of public addresses
 * (`/help/articles/<id>-<slug>`).
 */
export const articleCategories = pgTable(
  "article_categories",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    name: text().notNull(),
    description: text().notNull().default(""),
    position: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("article_categories_position_idx").on(t.position, t.id)],
);

export const articleSections = pgTable(
  "article_sections",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    categoryId: integer()
      .notNull()
      .references(() => articleCategories.id, { onDelete: "restrict" }),
    name: text().notNull(),
    description: text().notNull().default(""),
    position: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("article_sections_category_position_idx").on(t.categoryId, t.position, t.id)],
);

export const articles = pgTable(
  "articles",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    sectionId: integer()
      .notNull()
      .references(() => articleSections.id, { onDelete: "restrict" }),
    title: text().notNull(),
    slug: text().notNull(),
    /** Markdown, rendered sanitized like ticket messages. */
    body: text().notNull(),
    state: articleState().notNull().default("draft"),
    visibility: articleVisibility().notNull().default("public"),
    /** With visibility `signed_in`: only members of this organization (and staff) read it. */
    organizationId: uuid().references(() => organizations.id, { onDelete: "set null" }),
    authorId: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp({ withTimezone: true }),
    /** Title weighs more than body in the ranking. */
    search: tsvector()
      .notNull()
      .generatedAlwaysAs(
        (): SQL => sql`setweight(to_tsvector('english', ${articles.title}), 'A') || setweight(to_tsvector('english', ${articles.body}), 'B')`,
      ),
  },
  (t) => [
    index("articles_search_idx").using("gin", t.search),
    index("articles_section_state_idx").on(t.sectionId, t.state, t.updatedAt),
    index("articles_state_updated_idx").on(t.state, t.updatedAt),
  ],
);

/** Every write to an article keeps a snapshot: who, when, what it said. */
export const articleRevisions = pgTable(
  "article_revisions",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    articleId: integer()
      .notNull()
      .references(() => articles.id, { onDelete: "cascade" }),
    /** What the write did: created, edited, published, archived, restored. */
    action: text().notNull(),
    authorId: uuid().references(() => users.id, { onDelete: "set null" }),
    title: text().notNull(),
    body: text().notNull(),
    state: articleState().notNull(),
    visibility: articleVisibility().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("article_revisions_article_idx").on(t.articleId, t.createdAt)],
);

/** "Was this helpful?" answers; `userId` is null for anonymous visitors. */
export const articleFeedback = pgTable(
  "article_feedback",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    articleId: integer()
      .notNull()
      .references(() => articles.id, { onDelete: "cascade" }),
    helpful: boolean().notNull(),
    comment: text(),
    userId: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("article_feedback_article_idx").on(t.articleId, t.createdAt)],
);
