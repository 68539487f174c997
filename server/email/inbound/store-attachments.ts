import "server-only";
import { eq } from "drizzle-orm";
import { attachments, messages } from "@/db/schema";
import type { DbOrTx } from "@/db/types";
import { BlockedFileError } from "@/server/attachments/blocked-extensions";
import { cleanFileName } from "@/server/attachments/file-name";
import { AttachmentTooLargeError, formatMegabytes } from "@/server/attachments/inspect-file";
import type { StorageLocation } from "@/server/attachments/storage";
import { uploadAttachment } from "@/server/attachments/upload";
import { isAppError } from "@/server/errors";
import { getSettings } from "@/server/settings/settings";
import type { SessionUser } from "@/server/users/session-user";
import type { InboundFile } from "./parse-email";

/**
 * An email's files become uploads of its sender, under the portal's rules
 * (any type within the size limit, except the admins' blocked extensions;
 * the type recorded from the content), ready for the message that carries
 * them to claim. A file the rules refuse is not fatal: the message still
 * lands, the skipped names are reported in the inbound log, and
 * noteFilesNotKept says so on the ticket, so no file is ever lost silently.
 */

export interface StoredAttachments {
  attachmentIds: string[];
  /** "name (why)" for each file left out, e.g. "invoice.exe (.exe files are blocked by the admin)". */
  skipped: string[];
}

export interface StoreAttachmentsOptions {
  storageRoot?: StorageLocation;
  /** Called with each storage key written, so the caller can delete the bytes if its transaction fails. */
  onStored: (storageKey: string) => void;
}

export async function storeEmailAttachments(
  tx: DbOrTx,
  uploader: SessionUser,
  files: readonly InboundFile[],
  options: StoreAttachmentsOptions,
): Promise<StoredAttachments> {
  if (files.length === 0) return { attachmentIds: [], skipped: [] };
  const { attachmentMaxCount, attachmentMaxBytes } = await getSettings(tx);
  const stored: StoredAttachments = { attachmentIds: [], skipped: [] };
  for (const file of files) {
    const name = cleanFileName(file.name);
    if (stored.attachmentIds.length >= attachmentMaxCount) {
      stored.skipped.push(`${name} (over the limit of ${attachmentMaxCount} files per message)`);
      continue;
    }
    try {
      const uploaded = await uploadAttachment(tx, uploader, { name: file.name, bytes: file.bytes }, { storageRoot: options.storageRoot, contentId: file.contentId });
      const [row] = await tx.select({ storageKey: attachments.storageKey }).from(attachments).where(eq(attachments.id, uploaded.id));
      if (row) options.onStored(row.storageKey);
      stored.attachmentIds.push(uploaded.id);
    } catch (error) {
      if (!isAppError(error)) throw error;
      stored.skipped.push(`${name} (${whySkipped(error, attachmentMaxBytes)})`);
    }
  }
  return stored;
}

function whySkipped(error: Error, maxBytes: number): string {
  if (error instanceof BlockedFileError) return error.reason;
  if (error instanceof AttachmentTooLargeError) return `larger than the ${formatMegabytes(maxBytes)} limit`;
  if (error.message === "The file is empty.") return "empty";
  return error.message;
}

/**
 * Says on the ticket which files of the email were not kept, as a system
 * message (staff read it in the thread; customers never see system
 * messages), placed after the email's own message. Call it in the
 * transaction that stored the files, once the email's message is on
 * `ticketId`; a no-op when every file was kept.
 */
export async function noteFilesNotKept(tx: DbOrTx, ticketId: string, stored: Pick<StoredAttachments, "skipped">): Promise<void> {
  if (stored.skipped.length === 0) return;
  // The email's message was stamped with the clock earlier in this transaction: a millisecond on, the note sorts after it.
  const createdAt = new Date(Date.now() + 1);
  await tx.insert(messages).values({ ticketId, authorId: null, kind: "system", body: `Not kept: ${stored.skipped.join(", ")}`, createdAt });
}
