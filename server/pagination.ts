import { z } from "zod";
import { AppError } from "./errors";

/**
 * Keyset pagination cursors: the sort key and id of the last row seen,
 * encoded opaquely. Lists never use OFFSET, so page 500 costs what page 1 does.
 */
const cursorSchema = z.object({ at: z.iso.datetime(), id: z.uuid(), key: z.string().max(40).optional() });
/** The last row's sort position: its time, its id, and a leading sort key when the order has one. */
export type Cursor = { at: Date; id: string; key?: string };

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify({ at: cursor.at.toISOString(), id: cursor.id, key: cursor.key })).toString("base64url");
}

export function decodeCursor(value: string): Cursor {
  try {
    const parsed = cursorSchema.parse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
    return { at: new Date(parsed.at), id: parsed.id, key: parsed.key };
  } catch {
    throw new AppError("INVALID", "That page link is no longer valid. Start from the first page.");
  }
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Given limit + 1 fetched rows, returns the page and the cursor for the next one. */
export function toPage<T>(rows: T[], limit: number, keyOf: (row: T) => Cursor): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}
