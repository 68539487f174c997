import "server-only";
import { sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { encodeCursor, INVALID_CURSOR_MESSAGE, parseCursor, type Cursor } from "@/lib/page-cursor";
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

/** A timestamptz column as a cursor's time: ISO 8601 in UTC with all six fractional digits, the database's precision (null for null). */
export function cursorTime(column: SQLWrapper): SQL<string | null> {
  return sql<string | null>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

/** The cursor a page link carries; anything but a cursor this app wrote is an INVALID AppError (a 400), never a query that fails. */
export function decodeCursor(value: string): Cursor {
  const cursor = parseCursor(value);
  if (!cursor) throw new AppError("INVALID", INVALID_CURSOR_MESSAGE);
  return cursor;
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
