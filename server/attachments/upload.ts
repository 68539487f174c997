import "server-only";
import { and, count, eq, gt, isNull, sql } from "drizzle-orm";
import { attachments } from "@/db/schema";
import { single } from "@/db/rows";
import type { DbOrTx } from "@/db/types";
import { AppError } from "@/server/errors";
import { getSettings } from "@/server/settings/settings";
import type { SessionUser } from "@/server/users/session-user";
import { inspectFile } from "./inspect-file";
import { defaultStorageRoot, deleteAttachmentBytes, sha256Hex, writeAttachmentBytes, type StorageLocation } from "./storage";

/**
 * The first half of attaching a file: check it, store the bytes, record a
 * pending row (no ticket, no message). The message that sends it links it
 * later (link-attachments.ts), in that message's transaction.
 */

/** Pending (not yet sent) uploads one person may make per window: enough for any reply, too few to fill a disk. */
export const pendingUploadLimit = { count: 20, windowMinutes: 60 } as const;

// Namespace for the per-uploader advisory lock (an arbitrary constant).
const uploadLockNamespace = 4_217_001;

export interface UploadedAttachment {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
}

export interface UploadOptions {
  /** Where bytes go (a folder's path, or a store); tests pass a temporary folder. */
  storageRoot?: StorageLocation;
  /** An email part's Content-ID (without brackets), so the message's inline cid: images find the file. */
  contentId?: string | null;
  /** Held by this knowledge-base article from the start (an image in its body), so never pending. */
  articleId?: number;
  /** Only these detected types are kept; anything else is refused with `refusal` (before any bytes are stored). */
  acceptedTypes?: { types: ReadonlySet<string>; refusal: string };
}

export async function uploadAttachment(
  db: DbOrTx,
  uploader: SessionUser,
  file: { name: string; bytes: Uint8Array },
  options: UploadOptions = {},
): Promise<UploadedAttachment> {
  const storageRoot = options.storageRoot ?? defaultStorageRoot;
  const { attachmentMaxBytes, blockedExtensions } = await getSettings(db);
  const inspected = await inspectFile(file, { maxBytes: attachmentMaxBytes, blockedExtensions });
  if (options.acceptedTypes && !options.acceptedTypes.types.has(inspected.contentType)) throw new AppError("INVALID", options.acceptedTypes.refusal);
  const sha256 = sha256Hex(file.bytes);

  let storageKey: string | undefined;
  try {
    return await db.transaction(async (tx) => {
      // One upload at a time per person, so parallel requests cannot all pass the count below.
      await tx.execute(sql`select pg_advisory_xact_lock(${uploadLockNamespace}::int, hashtext(${uploader.id}::text))`);
      if (options.articleId === undefined) await assertPendingBudget(tx, uploader.id);
      storageKey = await writeAttachmentBytes(file.bytes, storageRoot);
      return single(
        await tx
          .insert(attachments)
          .values({ uploaderId: uploader.id, ...inspected, sha256, storageKey, contentId: options.contentId ?? null, articleId: options.articleId ?? null })
          .returning({
            id: attachments.id,
            fileName: attachments.fileName,
            contentType: attachments.contentType,
            size: attachments.size,
          }),
        "attachment",
      );
    });
  } catch (error) {
    // No row, no file: the bytes of a failed upload do not stay behind.
    if (storageKey) await deleteAttachmentBytes(storageKey, storageRoot);
    throw error;
  }
}

async function assertPendingBudget(tx: DbOrTx, uploaderId: string): Promise<void> {
  const since = new Date(Date.now() - pendingUploadLimit.windowMinutes * 60_000);
  const [row] = await tx
    .select({ pending: count() })
    .from(attachments)
    .where(and(eq(attachments.uploaderId, uploaderId), isNull(attachments.messageId), isNull(attachments.articleId), gt(attachments.createdAt, since)));
  if ((row?.pending ?? 0) >= pendingUploadLimit.count) {
    throw new AppError(
      "RATE_LIMITED",
      `You have uploaded ${pendingUploadLimit.count} files in the last hour that are not on a message yet. Send them with a reply, or try again later.`,
    );
  }
}
