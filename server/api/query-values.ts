import "server-only";
import { z } from "zod";

/**
 * Query-string values: everything arrives as text. A list may be given as
 * `status=open,pending` or as `status=open&status=pending`.
 */
export function listOf<T extends z.ZodType>(item: T, max: number) {
  return z.preprocess(
    (value) => (typeof value === "string" ? value.split(",").map((part) => part.trim()).filter(Boolean) : value),
    z.array(item).max(max),
  );
}

/** A path or query number such as a ticket number. */
export const ticketNumberParam = z.coerce.number().int().positive().max(2_147_483_647);
