import "server-only";
import { and, eq, isNull, or } from "drizzle-orm";
import { attachments, messages, tickets } from "@/db/schema";
import type { DbOrTx } from "@/db/types";
import { scoped, visibleMessagesWhere } from "@/server/tickets/ticket-scope";
import type { SessionUser } from "@/server/users/session-user";
import { isUuid } from "./uuid";

/**
 * Who may download an attachment, as one query: the same ticket scope and
 * message-kind rule as the ticket page (so a customer never gets an internal
 * note's file), plus the uploader for their own not-yet-sent upload.
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
  viewer: SessionUser,
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
          and(isNull(attachments.messageId), eq(attachments.uploaderId, viewer.id)),
          scoped(viewer, eq(tickets.id, attachments.ticketId), visibleMessagesWhere(viewer)),
        ),
      ),
    )
    .limit(1);
  return row ?? null;
}
