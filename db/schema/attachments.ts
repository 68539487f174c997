import { bigint, index, integer, pgTable, text, timestamp, uuid, varchar } from "drizzle-orm/pg-core";
import { articles } from "./knowledge";
import { messages, tickets } from "./tickets";
import { users } from "./users";

/**
 * Files on tickets. Uploaded first (no message yet), then attached to the
 * message that sends them, in that message's transaction. Images in
 * help-center articles are files too, held by their article instead. Bytes live under
 * the data folder by a server-made key, never under public/.
 */
export const attachments = pgTable(
  "attachments",
  {
    id: uuid().primaryKey().defaultRandom(),
    ticketId: uuid().references(() => tickets.id, { onDelete: "cascade" }),
    messageId: uuid().references(() => messages.id, { onDelete: "cascade" }),
    /** An image of a knowledge-base article: read by whoever may read the article. */
    articleId: integer().references(() => articles.id, { onDelete: "cascade" }),
    uploaderId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The name as uploaded, cleaned for display and download only. */
    fileName: varchar({ length: 255 }).notNull(),
    /** Detected from the content, not taken from the client. */
    contentType: varchar({ length: 127 }).notNull(),
    size: bigint({ mode: "number" }).notNull(),
    sha256: varchar({ length: 64 }).notNull(),
    storageKey: text().notNull(),
    /** An email part's Content-ID (without brackets), so the message's inline cid: images keep working. */
    contentId: varchar({ length: 255 }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("attachments_message_idx").on(t.messageId),
    // A ticket's files (and deleting a ticket deletes them).
    index("attachments_ticket_idx").on(t.ticketId), index("attachments_uploader_pending_idx").on(t.uploaderId, t.createdAt),
    index("attachments_article_idx").on(t.articleId)],
);
