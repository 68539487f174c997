import "server-only";
import { z } from "zod";

/**
 * A page of a list: the items and, when there are more, the cursor and the
 * full link of the next page (the same query with `cursor` set).
 */
export function pageOf<T extends z.ZodType>(item: T, id: string) {
  return z
    .object({
      data: z.array(item),
      next_cursor: z.string().nullable(),
      next: z.string().nullable().meta({ description: "The URL of the next page, or null on the last page." }),
    })
    .meta({ id });
}

export function pageBody<T>(request: Request, items: T[], nextCursor: string | null) {
  let next: string | null = null;
  if (nextCursor) {
    const url = new URL(request.url);
    url.searchParams.set("cursor", nextCursor);
    next = url.pathname + url.search;
  }
  return { data: items, next_cursor: nextCursor, next };
}

/** The paging parameters every list takes. */
export const pageQuery = {
  cursor: z.string().max(300).optional().meta({ description: "The next_cursor of the previous page." }),
  limit: z.coerce.number().int().min(1).max(100).default(25),
};
