import "server-only";
import crypto from "node:crypto";
import { Readable, Transform } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { asc, gt } from "drizzle-orm";
import { attachments } from "@/db/schema";
import type { DbOrTx } from "@/db/types";
import type { AttachmentStore } from "./stores/attachment-store";

/**
 * Copies every attachment's bytes from one store to another (the local
 * folder to a bucket: `npm run attachments:migrate`). Keys are the same in
 * every store, so the attachments table does not change. Each copy is
 * checked against the size and sha256 the table recorded at upload, on the
 * way out of the source and again read back from the target. A run can be
 * stopped and started again: an object already in the target with the right
 * size is left alone. Source files are removed only when asked, and only
 * after every attachment is verified in the target.
 */

export interface CopyOptions {
  from: AttachmentStore;
  to: AttachmentStore;
  /** Copies in flight at once. */
  concurrency?: number;
  /** After a run with no failure, remove the source bytes (each target object's sha256 is verified first). */
  deleteSource?: boolean;
  /** Called after each attachment. */
  onProgress?: (progress: CopyProgress) => void;
  /** Stop when this many have failed and none has worked (a wrong bucket or key fails every file alike). */
  giveUpAfter?: number;
}

export interface CopyProgress {
  done: number;
  total: number;
  bytesCopied: number;
}

export interface CopyFailure {
  attachmentId: string;
  storageKey: string;
  reason: string;
}

export interface CopyReport {
  total: number;
  /** Copied in this run and verified in the target. */
  copied: number;
  /** Already in the target with the right size (and the right sha256 when deleting). */
  alreadyThere: number;
  bytesCopied: number;
  failures: CopyFailure[];
  /** Source files removed (deleteSource only). */
  deleted: number;
  /** True when the run stopped early: every attachment tried so far failed (see giveUpAfter). */
  gaveUp: boolean;
}

interface Row {
  id: string;
  storageKey: string;
  size: number;
  sha256: string;
}

const pageSize = 500;
export const defaultCopyConcurrency = 4;
const defaultGiveUpAfter = 50;

export async function copyAttachmentsToStore(db: DbOrTx, options: CopyOptions): Promise<CopyReport> {
  const { from, to } = options;
  const concurrency = Math.max(1, Math.min(options.concurrency ?? defaultCopyConcurrency, 64));
  const total = await db.$count(attachments);
  const giveUpAfter = options.giveUpAfter ?? defaultGiveUpAfter;
  const report: CopyReport = { total, copied: 0, alreadyThere: 0, bytesCopied: 0, failures: [], deleted: 0, gaveUp: false };
  const hopeless = () => report.failures.length >= giveUpAfter && report.copied + report.alreadyThere === 0;
  const verified: Row[] = [];
  let done = 0;

  async function copyOne(row: Row): Promise<void> {
    if (hopeless()) return;
    try {
      const present = await to.sizeOf(row.storageKey);
      // Removing the source rests on the target's bytes, so then a present object is read back and hashed too.
      if (present === row.size && (!options.deleteSource || (await hashOf(to, row.storageKey))?.sha256 === row.sha256)) {
        report.alreadyThere += 1;
      } else {
        await copyVerified(from, to, row);
        report.copied += 1;
        report.bytesCopied += row.size;
      }
      if (options.deleteSource) verified.push(row);
    } catch (error) {
      report.failures.push({ attachmentId: row.id, storageKey: row.storageKey, reason: error instanceof Error ? error.message : String(error) });
    } finally {
      done += 1;
      options.onProgress?.({ done, total: Math.max(total, done), bytesCopied: report.bytesCopied });
    }
  }

  // Keyset pages in id order: bounded memory, and rows added during the run are still reached.
  let after: string | undefined;
  for (;;) {
    const page: Row[] = await db
      .select({ id: attachments.id, storageKey: attachments.storageKey, size: attachments.size, sha256: attachments.sha256 })
      .from(attachments)
      .where(after ? gt(attachments.id, after) : undefined)
      .orderBy(asc(attachments.id))
      .limit(pageSize);
    if (page.length === 0) break;
    await inParallel(page, concurrency, copyOne);
    if (hopeless()) {
      report.gaveUp = true;
      break;
    }
    after = page.at(-1)?.id;
  }
  report.total = Math.max(total, done);

  if (options.deleteSource && report.failures.length === 0) {
    await inParallel(verified, concurrency, async (row) => {
      if ((await from.sizeOf(row.storageKey)) === null) return;
      await from.delete(row.storageKey);
      report.deleted += 1;
    });
  }
  return report;
}

/** Streams the source into the target, hashing on the way; then reads the target back and hashes it again. */
async function copyVerified(from: AttachmentStore, to: AttachmentStore, row: Row): Promise<void> {
  const opened = await from.open(row.storageKey);
  if (!opened) throw new Error(`missing from ${from.description}`);
  if (opened.size !== row.size) {
    await opened.stream.cancel();
    throw new Error(`${from.description} holds ${opened.size} bytes, the table records ${row.size}`);
  }
  const hash = crypto.createHash("sha256");
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  const source = Readable.fromWeb(opened.stream as NodeReadableStream<Uint8Array>);
  source.once("error", (error) => hashing.destroy(error));
  const body = source.pipe(hashing);
  await to.put(row.storageKey, body, row.size);
  const sent = hash.digest("hex");
  if (sent !== row.sha256) {
    await to.delete(row.storageKey);
    throw new Error(`the bytes in ${from.description} do not match the recorded sha256 (${sent}, recorded ${row.sha256}); not copied`);
  }
  const stored = await hashOf(to, row.storageKey);
  if (!stored) throw new Error(`not found in ${to.description} right after it was stored`);
  if (stored.size !== row.size || stored.sha256 !== row.sha256) {
    throw new Error(`read back from ${to.description} as ${stored.size} bytes with sha256 ${stored.sha256}, expected ${row.size} bytes with ${row.sha256}`);
  }
}

async function hashOf(store: AttachmentStore, storageKey: string): Promise<{ size: number; sha256: string } | null> {
  const opened = await store.open(storageKey);
  if (!opened) return null;
  const hash = crypto.createHash("sha256");
  let size = 0;
  const reader = opened.stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    hash.update(value);
    size += value.byteLength;
  }
  return { size, sha256: hash.digest("hex") };
}

/** Runs `work` over `items` with at most `limit` at a time. */
async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      await work(item);
    }
  });
  await Promise.all(lanes);
}
