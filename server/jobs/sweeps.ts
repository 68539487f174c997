import "server-only";
import { and, isNull, lt, sql } from "drizzle-orm";
import { attachments, rateLimits } from "@/db/schema";
import type { Db } from "@/db/types";
import { sweepIdempotencyKeys } from "@/server/api/idempotency";
import { deleteAttachmentBytes } from "@/server/attachments/storage";
import { sweepPresence } from "@/server/tickets/presence";

// An upload never sent with a message within a day was abandoned (an article's image has no message, and is not an upload in waiting).
const PENDING_UPLOAD_HOURS = 24;

/** Removes what has expired: presence heartbeats, rate-limit counters, API idempotency keys, abandoned uploads (rows and bytes). */
export async function sweepExpired(db: Db, options: { storageRoot?: string } = {}) {
  await sweepPresence(db);
  await sweepIdempotencyKeys(db);
  const limits = await db.delete(rateLimits).where(lt(rateLimits.expire, sql`now()`)).returning({ key: rateLimits.key });
  const uploads = await db
    .delete(attachments)
    .where(and(isNull(attachments.messageId), isNull(attachments.articleId), lt(attachments.createdAt, sql`now() - make_interval(hours => ${PENDING_UPLOAD_HOURS})`)))
    .returning({ storageKey: attachments.storageKey });
  // Merged tickets share bytes between rows; abandoned uploads never were merged, so their bytes are theirs alone.
  for (const upload of uploads) await deleteAttachmentBytes(upload.storageKey, options.storageRoot);
  return { rateLimits: limits.length, uploads: uploads.length };
}
