import { expect } from "vitest";
import type { DbOrTx } from "@/db/types";
import { searchTickets } from "@/server/tickets/ticket-lists";
import type { SessionUser } from "@/server/users/session-user";
import { callerFor } from "./factories";

/**
 * The ticket numbers a viewer finds for a query, through the API (recent window first) and
 * through the per-ticket documents alone (no recent window, no read-all shortcut); both must agree.
 */
export async function foundBySearch(db: DbOrTx, viewer: SessionUser, query: string): Promise<number[]> {
  const page = await callerFor(db, viewer).tickets.search({ query, limit: 100 });
  const byDocuments = await searchTickets(db, viewer, { query, limit: 100 }, 0, 0);
  const numbers = page.items.map((t) => t.number);
  expect(byDocuments.items.map((t) => t.number), `documents only, ${query}`).toEqual(numbers);
  return numbers;
}
