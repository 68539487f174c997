import "server-only";
import { eq } from "drizzle-orm";
import { attachments } from "@/db/schema";
import type { DbOrTx } from "@/db/types";
import { AttachmentTooLargeError, cleanFileName } from "@/server/attachments/inspect-file";
import { uploadAttachment } from "@/server/attachments/upload";
import { isAppError } from "@/server/errors";
import { getSettings } from "@/server/settings/settings";
import type { SessionUser } from "@/server/users/session-user";
import type { InboundFile } from "./parse-email";

/**
 * An email's files become uploads of its sender, under the portal's rules
 * (type from the content, size and count from the settings), ready for the
 * message that carries them to claim. A file the rules refuse is skipped,
 * not fatal: the message still lands, and the skipped names are reported.
 */

export interface StoredAttachments {
  attachmentIds: string[];
  /** "name (why)" for each file left out. */
  skipped: string[];
}

export interface StoreAttachmentsOptions {
  storageRoot?: string;
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
  const { attachmentMaxCount } = await getSettings(tx);
  const stored: StoredAttachments = { attachmentIds: [], skipped: [] };
  for (const file of files) {
    const name = cleanFileName(file.name);
    if (stored.attachmentIds.length >= attachmentMaxCount) {
      stored.skipped.push(`${name} (over the limit of ${attachmentMaxCount} files per message)`);
      continue;
    }
    try {
      const uploaded = await uploadAttachment(tx, uploader, { name: file.name, bytes: file.bytes }, { storageRoot: options.storageRoot });
      const [row] = await tx.select({ storageKey: attachments.storageKey }).from(attachments).where(eq(attachments.id, uploaded.id));
      if (row) options.onStored(row.storageKey);
      stored.attachmentIds.push(uploaded.id);
    } catch (error) {
      if (!isAppError(error)) throw error;
      stored.skipped.push(`${name} (${whySkipped(error)})`);
    }
  }
  return stored;
}

function whySkipped(error: Error): string {
  if (error instanceof AttachmentTooLargeError) return "too large";
  if (error.message.startsWith("This file is not a type we accept")) return "not an accepted file type";
  if (error.message === "The file is empty.") return "empty";
  return error.message;
}
