import "server-only";
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { attachments } from "@/db/schema";
import type { DbOrTx } from "@/db/types";
import { AppError } from "@/server/errors";
import { getSettings } from "@/server/settings/settings";
import { isUuid } from "./uuid";

/**
 * The second half of attaching a file: the transaction that writes a message
 * claims the sender's pending uploads for it. A claimed upload is no longer
 * pending, so it cannot be claimed twice, by anyone.
 */

export interface LinkAttachmentsInput {
  uploaderId: string;
  ticketId: string;
  messageId: string;
  attachmentIds: readonly string[];
  /** From settings.attachmentMaxCount. */
  maxCount: number;
}

/**
 * Attaches pending uploads of `uploaderId` to a message. All or nothing: if
 * any id is not such an upload (someone else's, already sent, unknown), it
 * throws INVALID and changes nothing; it runs in a savepoint, so that holds
 * even when the caller catches the error and carries on.
 */
export async function linkAttachments(tx: DbOrTx, input: LinkAttachmentsInput): Promise<void> {
  const ids = [...new Set(input.attachmentIds)];
  if (ids.length === 0) return;
  if (ids.length > input.maxCount) {
    throw new AppError("INVALID", `A message can have at most ${input.maxCount} attachment${input.maxCount === 1 ? "" : "s"}.`);
  }
  const unavailable = () => new AppError("INVALID", "One of the attachments is no longer available. Upload it again.");
  if (!ids.every(isUuid)) throw unavailable();

  await tx.transaction(async (savepoint) => {
    // Row locks make this safe against a parallel send: the loser re-reads messageId and matches nothing.
    const linked = await savepoint
      .update(attachments)
      .set({ ticketId: input.ticketId, messageId: input.messageId })
      // An article's image is not pending: it is never moved onto a message.
      .where(and(inArray(attachments.id, ids), eq(attachments.uploaderId, input.uploaderId), isNull(attachments.messageId), isNull(attachments.articleId)))
      .returning({ id: attachments.id });
    if (linked.length !== ids.length) throw unavailable();
  });
}

/** linkAttachments with the workspace's per-message limit; a no-op without ids. */
export async function attachUploadsToMessage(tx: DbOrTx, input: Omit<LinkAttachmentsInput, "maxCount">): Promise<void> {
  if (input.attachmentIds.length === 0) return;
  const { attachmentMaxCount } = await getSettings(tx);
  await linkAttachments(tx, { ...input, maxCount: attachmentMaxCount });
}

export interface MessageAttachment {
  id: string;
  messageId: string;
  fileName: string;
  contentType: string;
  size: number;
  /** An email part's Content-ID, which the message's cid: images name. */
  contentId: string | null;
}

/**
 * The attachments of a thread's messages, in one query. Pass only messages
 * the viewer may see (the thread from getTicketDetail already is); the
 * download route checks again on its own.
 */
export async function listAttachmentsForMessages(db: DbOrTx, messageIds: readonly string[]): Promise<MessageAttachment[]> {
  const ids = [...new Set(messageIds)].filter(isUuid);
  if (ids.length === 0) return [];
  const rows = await db
    .select({
      id: attachments.id,
      messageId: attachments.messageId,
      fileName: attachments.fileName,
      contentType: attachments.contentType,
      size: attachments.size,
      contentId: attachments.contentId,
    })
    .from(attachments)
    .where(inArray(attachments.messageId, ids))
    .orderBy(asc(attachments.createdAt), asc(attachments.id));
  // The filter on messageId makes it non-null; this tells the type system.
  return rows.flatMap((row) => (row.messageId ? [{ ...row, messageId: row.messageId }] : []));
}
