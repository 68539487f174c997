/**
 * Keyset pages over rows that share a timestamp to the microsecond. PostgreSQL's now() has
 * microseconds and is one value for a whole transaction, so the auto-close job (one UPDATE) and
 * column defaults (several rows in one INSERT) give a batch of rows the same microsecond time,
 * finer than a JS Date holds. Paging through such a batch a few rows at a time must still show
 * every row exactly once. PGlite's now() has millisecond resolution, so only PostgreSQL
 * (TEST_DATABASE_URL) can fail these; on PGlite they must pass all the same.
 */
import { inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { outbox, tickets, ticketSorts } from "@/db/schema";
import { listMailbox } from "@/server/email/mailbox";
import { autoCloseSolvedTickets } from "@/server/jobs/auto-close";
import type { Page } from "@/server/pagination";
import { getSettings } from "@/server/settings/settings";
import { listDeskView, listPortalTickets, searchTickets } from "@/server/tickets/ticket-lists";
import { createUser, unique } from "../support/factories";
import { nonsenseWord } from "../support/nonsense-word";
import { useTestDatabase } from "../support/test-db";

const BATCH = 5;
const LIMIT = 2;

/** Every id on every page, in page order; stops after a bounded number of pages, for a list that repeats itself. */
async function pageThrough<T extends { id: string }>(fetch: (cursor: string | undefined) => Promise<Page<T>>, maxPages = 50): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < maxPages; pages++) {
    const page = await fetch(cursor);
    seen.push(...page.items.map((item) => item.id));
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return seen;
}

describe("cursor precision", async () => {
  const { db } = await useTestDatabase();

  it("pages through tickets the auto-close job closed in one batch without skipping any", async () => {
    const agent = await createUser(db, { role: "agent" });
    const customer = await createUser(db);
    const word = nonsenseWord();
    const { autoCloseDays } = await getSettings(db);
    const solvedAt = new Date(Date.now() - (autoCloseDays + 1) * 86_400_000);
    const rows = await db
      .insert(tickets)
      .values(Array.from({ length: BATCH }, (_, i) => ({ subject: `${word} ${i}`, requesterId: customer.id, status: "solved" as const, solvedAt })))
      .returning({ id: tickets.id });
    const ids = rows.map((row) => row.id).sort();

    await autoCloseSolvedTickets(db);
    const closed = await db.select({ status: tickets.status }).from(tickets).where(inArray(tickets.id, ids));
    expect(closed.map((row) => row.status)).toEqual(Array(BATCH).fill("closed"));

    const search = await pageThrough((cursor) => searchTickets(db, agent, { query: word, cursor, limit: LIMIT }));
    const customerSearch = await pageThrough((cursor) => searchTickets(db, customer, { query: word, cursor, limit: LIMIT }));
    const portal = await pageThrough((cursor) => listPortalTickets(db, customer, { scope: "mine", cursor, limit: LIMIT }));
    expect({ search: search.sort(), customerSearch: customerSearch.sort(), portal: portal.sort() }).toEqual({ search: ids, customerSearch: ids, portal: ids });
  });

  it("pages through desk views in every sort over tickets that share one microsecond time", async () => {
    const agent = await createUser(db, { role: "agent" });
    const customer = await createUser(db);
    const rows = await db
      .insert(tickets)
      .values(Array.from({ length: BATCH }, (_, i) => ({ subject: `Shared time ${i}`, requesterId: customer.id, status: "open" as const })))
      .returning({ id: tickets.id });
    const ids = rows.map((row) => row.id).sort();
    // As any SQL writer (or a row written before cursors kept microseconds) leaves them.
    await db
      .update(tickets)
      .set({ createdAt: sql`now()`, updatedAt: sql`now()`, slaDueAt: sql`now() + interval '1 day'` })
      .where(inArray(tickets.id, ids));

    const seen: Record<string, string[]> = {};
    for (const sort of ticketSorts) {
      const list = await pageThrough((cursor) => listDeskView(db, agent, { view: "open", filters: { requesterId: customer.id }, sort, cursor, limit: LIMIT }), 10);
      seen[sort] = list.sort();
    }
    expect(seen).toEqual(Object.fromEntries(ticketSorts.map((sort) => [sort, ids])));
  });

  it("pages through the mailbox over emails written in one transaction", async () => {
    const batch = unique("shared-time");
    const rows = await db
      .insert(outbox)
      .values(
        Array.from({ length: BATCH }, (_, i) => ({
          idempotencyKey: `${batch}-${i}`,
          template: "test",
          toAddress: `${batch}-${i}@example.test`,
          subject: `Shared time ${i}`,
          html: "<p>Hello</p>",
          text: "Hello",
          messageIdHeader: `<${batch}-${i}@example.test>`,
          status: "stored" as const,
        })),
      )
      .returning({ id: outbox.id, createdAt: outbox.createdAt });
    const ids = rows.map((row) => row.id).sort();
    const batchAt = rows[0]!.createdAt.getTime();

    // The mailbox is shared by every test: page from the newest email until a page ends older than this batch.
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 1000; pages++) {
      const page = await listMailbox(db, { status: "stored", cursor, limit: LIMIT });
      seen.push(...page.items.map((email) => email.id));
      const last = page.items.at(-1);
      if (!page.nextCursor || !last || last.createdAt.getTime() < batchAt) break;
      cursor = page.nextCursor;
    }
    expect(seen.filter((id) => ids.includes(id)).sort()).toEqual(ids);
  });
});
