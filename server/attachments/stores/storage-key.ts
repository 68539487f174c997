import "server-only";
import crypto from "node:crypto";

/**
 * Storage keys (`yyyy/mm/<uuid>`) are made here and never contain anything
 * the client sent, so a file name cannot steer where bytes land, in a folder
 * or a bucket.
 */
const storageKeyPattern = /^\d{4}\/\d{2}\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A fresh key for new bytes: month prefixes keep directories (and bucket listings) small. */
export function newStorageKey(now = new Date()): string {
  const month = String(now.getUTCMonth() + 1).padStart(2, "0");
  return `${now.getUTCFullYear()}/${month}/${crypto.randomUUID()}`;
}

/** Refuses anything that is not a key we made (defence in depth against a bad row). */
export function assertStorageKey(storageKey: string): void {
  if (!storageKeyPattern.test(storageKey)) throw new Error(`Not an attachment storage key: ${JSON.stringify(storageKey)}`);
}
