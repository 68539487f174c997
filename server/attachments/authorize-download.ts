import "server-only";
import { and, eq, exists, isNull, or } from "drizzle-orm";
import { articles, attachments, messages, tickets } from "@/db/schema";
import type { DbOrTx } from "@/db/types";
import { readableArticles } from "@/server/knowledge/article-scope";
import { scoped, visibleMessagesWhere } from "@/server/tickets/ticket-scope";
import type { SessionUser } from "@/server/users/session-user";
import { isUuid } from "./uuid";

/**
 * Who may download an attachment, as one query: the same ticket scope and
 * message-kind rule as the ticket page (so a customer never gets an internal
 * note's file), plus the uploader for their own not-yet-sent upload. An
 * image of a knowledge-base article goes to whoever may read that article
 * (the one article rule, article-scope.ts), signed in or not; a visitor
 * with no session can read nothing else.
 */

export interface DownloadableAttachment {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  storageKey: string;
}

/** The attachment if the viewer may download it; null when it is missing or not theirs to see (callers answer both alike). */
export async function findDownloadableAttachment(
  db: DbOrTx,
  viewer: SessionUser | null,
  attachmentId: string,
): Promise<DownloadableAttachment | null> {
  if (!isUuid(attachmentId)) return null;
  const [row] = await db
    .select({
      id: attachments.id,
      fileName: attachments.fileName,
      contentType: attachments.contentType,
      size: attachments.size,
      storageKey: attachments.storageKey,
    })
    .from(attachments)
    .leftJoin(messages, eq(messages.id, attachments.messageId))
    .leftJoin(tickets, eq(tickets.id, messages.ticketId))
    .where(
      and(
        eq(attachments.id, attachmentId),
        or(
          articleImageReadableBy(db, viewer),
          viewer ? and(isNull(attachments.messageId), isNull(attachments.articleId), eq(attachments.uploaderId, viewer.id)) : undefined,
          viewer ? scoped(viewer, eq(tickets.id, attachments.ticketId), visibleMessagesWhere(viewer)) : undefined,
        ),
      ),
    )
    .limit(1);
  return row ?? null;
}

/** The attachment is an image of an article this viewer may read. */
function articleImageReadableBy(db: DbOrTx, viewer: SessionUser | null) {
  return exists(
    db
      .select({ id: articles.id })
      .from(articles)
      .where(and(eq(articles.id, attachments.articleId), readableArticles(viewer))),
  );
}
