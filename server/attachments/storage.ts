import "server-only";
import crypto from "node:crypto";
import fs from "node:fs/promises";
import type { FileHandle } from "node:fs/promises";
import path from "node:path";
import { dataDir } from "@/server/env";

/**
 * Attachment bytes on local disk, under the data folder (never public/).
 * Keys are made here (`yyyy/mm/<uuid>`) and never contain anything the client
 * sent, so a file name cannot steer where bytes land. Every function takes the
 * storage root so tests can use a temporary folder.
 */
export const defaultStorageRoot = path.join(dataDir, "attachments");

const storageKeyPattern = /^\d{4}\/\d{2}\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const readChunkBytes = 64 * 1024;

/** A fresh key for new bytes: month folders keep directories small. */
export function newStorageKey(now = new Date()): string {
  const month = String(now.getUTCMonth() + 1).padStart(2, "0");
  return `${now.getUTCFullYear()}/${month}/${crypto.randomUUID()}`;
}

/** The file for a key; refuses anything that is not a key we made (defence in depth against a bad row). */
export function storagePathFor(storageKey: string, storageRoot = defaultStorageRoot): string {
  if (!storageKeyPattern.test(storageKey)) throw new Error(`Not an attachment storage key: ${JSON.stringify(storageKey)}`);
  return path.join(path.resolve(storageRoot), ...storageKey.split("/"));
}

export function sha256Hex(bytes: Uint8Array): string {
  return crypto.createHash("sha256").update(bytes).digest("hex");
}

/**
 * Writes the bytes under a new key and returns the key. The bytes go to a
 * temporary file beside the target, are flushed, then renamed into place, so
 * a reader never sees half a file and a crash leaves only a stray .tmp.
 */
export async function writeAttachmentBytes(bytes: Uint8Array, storageRoot = defaultStorageRoot): Promise<string> {
  const storageKey = newStorageKey();
  const target = storagePathFor(storageKey, storageRoot);
  await fs.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
  const temporary = `${target}.${crypto.randomUUID()}.tmp`;
  try {
    const handle = await fs.open(temporary, "wx", 0o600);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temporary, target);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
  return storageKey;
}

export async function readAttachmentBytes(storageKey: string, storageRoot = defaultStorageRoot): Promise<Buffer> {
  return fs.readFile(storagePathFor(storageKey, storageRoot));
}

/** Removes stored bytes; a missing file is not an error. */
export async function deleteAttachmentBytes(storageKey: string, storageRoot = defaultStorageRoot): Promise<void> {
  await fs.rm(storagePathFor(storageKey, storageRoot), { force: true });
}

/**
 * The stored bytes as a web stream (for a Response body) with their length,
 * or null when the file is missing. The file handle closes at the end of the
 * stream, on an error, or when the client goes away.
 */
export async function openAttachmentStream(
  storageKey: string,
  storageRoot = defaultStorageRoot,
): Promise<{ size: number; stream: ReadableStream<Uint8Array> } | null> {
  let handle: FileHandle;
  try {
    handle = await fs.open(storagePathFor(storageKey, storageRoot), "r");
  } catch (error) {
    if (isMissingFile(error)) return null;
    throw error;
  }
  let size: number;
  try {
    size = (await handle.stat()).size;
  } catch (error) {
    await handle.close();
    throw error;
  }
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const buffer = new Uint8Array(readChunkBytes);
        const { bytesRead } = await handle.read(buffer, 0, readChunkBytes, null);
        if (bytesRead === 0) {
          await handle.close();
          controller.close();
          return;
        }
        controller.enqueue(buffer.subarray(0, bytesRead));
      } catch (error) {
        await handle.close().catch(() => undefined);
        controller.error(error);
      }
    },
    async cancel() {
      await handle.close();
    },
  });
  return { size, stream };
}

function isMissingFile(error: unknown): boolean {
  return error instanceof Error && "code" in error && error.code === "ENOENT";
}
