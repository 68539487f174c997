import "server-only";
import type { Readable } from "node:stream";

/**
 * Where attachment bytes live, behind one interface so the rest of the app
 * never knows whether it is a local folder (the default, one app server) or
 * an S3-compatible bucket (several app servers sharing files). Keys are made
 * by storage-key.ts and are the same in every store, so files move between
 * stores without touching the attachments table.
 */
export interface AttachmentStore {
  /** For logs and the migration report: "folder /srv/data/attachments", "s3://bucket". */
  readonly description: string;
  /** Stores the bytes under the key; a reader never sees half an object. A stream must carry exactly `size` bytes. */
  put(storageKey: string, body: Uint8Array | Readable, size: number): Promise<void>;
  /** The bytes as a web stream (for a Response body) with their length, or null when the key holds nothing. */
  open(storageKey: string): Promise<OpenedAttachment | null>;
  /** The stored size in bytes, or null when the key holds nothing (the "exists" check). */
  sizeOf(storageKey: string): Promise<number | null>;
  /** Removes the bytes; a missing key is not an error. */
  delete(storageKey: string): Promise<void>;
}

export interface OpenedAttachment {
  size: number;
  stream: ReadableStream<Uint8Array>;
}
