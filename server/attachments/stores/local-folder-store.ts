import "server-only";
import crypto from "node:crypto";
import fs from "node:fs/promises";
import type { FileHandle } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { AttachmentStore, OpenedAttachment } from "./attachment-store";
import { assertStorageKey } from "./storage-key";

/** Attachment bytes in a local folder (never public/): the default, for one app server. */

const readChunkBytes = 64 * 1024;

/** The file for a key under a folder. */
export function storagePathFor(storageKey: string, storageRoot: string): string {
  assertStorageKey(storageKey);
  return path.join(path.resolve(storageRoot), ...storageKey.split("/"));
}

export function localFolderStore(storageRoot: string): AttachmentStore {
  return {
    description: `folder ${path.resolve(storageRoot)}`,
    put: (storageKey, body) => writeFileAtomically(storagePathFor(storageKey, storageRoot), body),
    open: (storageKey) => openFileStream(storagePathFor(storageKey, storageRoot)),
    async sizeOf(storageKey) {
      try {
        return (await fs.stat(storagePathFor(storageKey, storageRoot))).size;
      } catch (error) {
        if (isMissingFile(error)) return null;
        throw error;
      }
    },
    delete: (storageKey) => fs.rm(storagePathFor(storageKey, storageRoot), { force: true }),
  };
}

/**
 * The bytes go to a temporary file beside the target, are flushed, then
 * renamed into place, so a reader never sees half a file and a crash leaves
 * only a stray .tmp.
 */
async function writeFileAtomically(target: string, body: Uint8Array | Readable): Promise<void> {
  await fs.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
  const temporary = `${target}.${crypto.randomUUID()}.tmp`;
  try {
    const handle = await fs.open(temporary, "wx", 0o600);
    try {
      if (body instanceof Uint8Array) await handle.writeFile(body);
      else await pipeline(body, handle.createWriteStream({ autoClose: false }));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temporary, target);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
}

/** The file handle closes at the end of the stream, on an error, or when the client goes away. */
async function openFileStream(file: string): Promise<OpenedAttachment | null> {
  let handle: FileHandle;
  try {
    handle = await fs.open(file, "r");
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
