import { sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { z } from "zod";
import { AppError } from "./errors";

/**
 * Keyset pagination cursors: the sort key and id of the last row seen,
 * encoded opaquely. Lists never use OFFSET, so page 500 costs what page 1 does.
 *
 * The time is the database's own value as ISO 8601 text, to the microsecond, never a JS Date:
 * PostgreSQL's timestamps have microseconds (now() in an UPDATE, column defaults) and a Date
 * keeps milliseconds. A cursor rounded down to its millisecond would skip, going forward, every
 * row after the last one seen that shares that millisecond (a batch closed by one statement
 * shares one now()), and going backward would show the last row again, forever.
 */
const cursorSchema = z.object({
  // Year 0000 passes the ISO 8601 pattern but is no PostgreSQL timestamp: it would fail in the query (a 500), not here.
  at: z.iso.datetime().refine((at) => !at.startsWith("0000-"), "no year 0"),
  id: z.uuid(),
  // Sort keys are enum values ("high", "none"): nothing else, so no NUL byte or odd text reaches SQL.
  key: z.string().regex(/^[a-z_]{1,40}$/).optional(),
});
/** The last row's sort position: its time (ISO 8601, as exact as the database keeps it), its id, and a leading sort key when the order has one. */
export type Cursor = { at: string; id: string; key?: string };

/** A timestamptz column as a cursor's time: ISO 8601 in UTC with all six fractional digits, the database's precision (null for null). */
export function cursorTime(column: SQLWrapper): SQL<string | null> {
  return sql<string | null>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify({ at: cursor.at, id: cursor.id, key: cursor.key })).toString("base64url");
}

export const INVALID_CURSOR_MESSAGE = "That page link is no longer valid. Start from the first page.";

/** The cursor a page link carries; anything but a cursor this app wrote is an INVALID AppError (a 400), never a query that fails. */
export function decodeCursor(value: string): Cursor {
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
  } catch {
    throw new AppError("INVALID", INVALID_CURSOR_MESSAGE);
  }
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * Given limit + 1 fetched rows, returns the page and the cursor for the next one. Each row
 * carries its sort time as `cursorAt` (selected with cursorTime), which the page leaves out.
 */
export function toPage<T extends { cursorAt: string | null }>(rows: T[], limit: number, keyOf: (row: T) => Cursor): Page<Omit<T, "cursorAt">> {
  const last = rows.length > limit ? rows[limit - 1] : undefined;
  return {
    items: rows.slice(0, limit).map(withoutCursorAt),
    nextCursor: last ? encodeCursor(keyOf(last)) : null,
  };
}

function withoutCursorAt<T extends { cursorAt: string | null }>(row: T): Omit<T, "cursorAt"> {
  const item: Omit<T, "cursorAt"> & { cursorAt?: string | null } = { ...row };
  delete item.cursorAt;
  return item;
}
