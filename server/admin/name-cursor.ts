import "server-only";
import { z } from "zod";
import { AppError } from "@/server/errors";
import { INVALID_CURSOR_MESSAGE } from "@/lib/page-cursor";

/**
 * Keyset cursor for lists sorted by name: the name and id of the last row
 * seen, opaque to the client. (server/pagination.ts covers time-sorted lists.)
 */
// No NUL byte: PostgreSQL cannot compare text holding one, and the query would fail with a 500.
const nameCursorSchema = z.object({ name: z.string().max(1000).refine((name) => !name.includes("\0")), id: z.uuid() });
export type NameCursor = z.infer<typeof nameCursorSchema>;

export function encodeNameCursor(cursor: NameCursor): string {
  return Buffer.from(JSON.stringify({ name: cursor.name, id: cursor.id })).toString("base64url");
}

export function decodeNameCursor(value: string): NameCursor {
  try {
    return nameCursorSchema.parse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
  } catch {
    throw new AppError("INVALID", INVALID_CURSOR_MESSAGE);
  }
}

