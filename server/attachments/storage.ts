import "server-only";
import crypto from "node:crypto";
import path from "node:path";
import { dataDir, env } from "@/server/env";
import type { AttachmentStore, OpenedAttachment } from "./stores/attachment-store";
import { localFolderStore, storagePathFor as folderPathFor } from "./stores/local-folder-store";
import { s3Store } from "./stores/s3-store";
import { newStorageKey } from "./stores/storage-key";

/**
 * Attachment bytes, wherever they are kept: the one door the rest of the app
 * uses. The store is chosen once from the environment: an S3-compatible
 * bucket when S3_BUCKET is set, else the local folder DATA_DIR/attachments
 * (never public/). Every function takes the location so tests can use a
 * temporary folder (a path) or a bucket (a store).
 */
export type StorageLocation = string | AttachmentStore;
export type { AttachmentStore, OpenedAttachment };
export { newStorageKey };

/** The local folder; also where `npm run attachments:migrate` copies from. */
export const localStorageRoot = path.join(dataDir, "attachments");

export const defaultStorageRoot: StorageLocation = env.S3_BUCKET
  ? s3Store({
      bucket: env.S3_BUCKET,
      region: env.S3_REGION,
      endpoint: env.S3_ENDPOINT,
      forcePathStyle: env.S3_FORCE_PATH_STYLE,
      credentials: env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY ? { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY } : undefined,
    })
  : localStorageRoot;

/** A path means a local folder. */
export function storeAt(location: StorageLocation): AttachmentStore {
  return typeof location === "string" ? localFolderStore(location) : location;
}

/** The file for a key in a local folder; refuses anything that is not a key we made. */
export function storagePathFor(storageKey: string, storageRoot = localStorageRoot): string {
  return folderPathFor(storageKey, storageRoot);
}

export function sha256Hex(bytes: Uint8Array): string {
  return crypto.createHash("sha256").update(bytes).digest("hex");
}

/** Writes the bytes under a new key and returns the key. */
export async function writeAttachmentBytes(bytes: Uint8Array, location: StorageLocation = defaultStorageRoot): Promise<string> {
  const storageKey = newStorageKey();
  await storeAt(location).put(storageKey, bytes, bytes.byteLength);
  return storageKey;
}

/** All the stored bytes; throws when they are missing. */
export async function readAttachmentBytes(storageKey: string, location: StorageLocation = defaultStorageRoot): Promise<Buffer> {
  const opened = await storeAt(location).open(storageKey);
  if (!opened) throw new Error(`Attachment bytes ${storageKey} are missing from ${storeAt(location).description}.`);
  return Buffer.from(await new Response(opened.stream).arrayBuffer());
}

/** Removes stored bytes; a missing key is not an error. */
export async function deleteAttachmentBytes(storageKey: string, location: StorageLocation = defaultStorageRoot): Promise<void> {
  await storeAt(location).delete(storageKey);
}

/**
 * The stored bytes as a web stream (for a Response body) with their length,
 * or null when they are missing. The file or HTTP body underneath closes at
 * the end of the stream, on an error, or when the client goes away.
 */
export async function openAttachmentStream(storageKey: string, location: StorageLocation = defaultStorageRoot): Promise<OpenedAttachment | null> {
  return storeAt(location).open(storageKey);
}
