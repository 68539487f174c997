import { z } from "zod";

/**
 * The format of a keyset page link's cursor: the sort key and id of the last
 * row seen, as base64url JSON. Pure, so the proxy can refuse a tampered link
 * with a 400 before any page renders, by the same rule the lists decode with.
 */

export const INVALID_CURSOR_MESSAGE = "That page link is no longer valid. Start from the first page.";

const cursorSchema = z.object({
  // Year 0000 passes the ISO 8601 pattern but is no PostgreSQL timestamp: it would fail in the query (a 500), not here.
  at: z.iso.datetime().refine((at) => !at.startsWith("0000-"), "no year 0"),
  id: z.uuid(),
  // Sort keys are enum values ("high", "none"): nothing else, so no NUL byte or odd text reaches SQL.
  key: z.string().regex(/^[a-z_]{1,40}$/).optional(),
});

/** The last row's sort position: its time (ISO 8601, as exact as the database keeps it), its id, and a leading sort key when the order has one. */
export type Cursor = { at: string; id: string; key?: string };

/** Longer than any cursor this app writes. */
const MAX_CURSOR_LENGTH = 300;

export function encodeCursor(cursor: Cursor): string {
  const json = JSON.stringify({ at: cursor.at, id: cursor.id, key: cursor.key });
  const base64 = btoa(String.fromCharCode(...new TextEncoder().encode(json)));
  return base64.replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** The cursor a page link carries, or null when it is not one this app wrote. */
export function parseCursor(value: string): Cursor | null {
  if (value.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]*$/.test(value)) return null;
  try {
    const binary = atob(value.replaceAll("-", "+").replaceAll("_", "/"));
    const json = new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
    const parsed = cursorSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
