/**
 * Search through the per-ticket documents (tickets.staff_search and public_search, kept by the
 * triggers of migration 0017). A document that misses a message's words hides the ticket from
 * search, and one that keeps an internal note's words in the public document shows it to a
 * customer, so each write that changes a thread is followed here by a search: replies, internal
 * notes, merges and their undo, a message edited or deleted in SQL. The documents must also
 * equal what the messages say, by the privacy rule of ticket-scope.
 *
 * Then the widening windows of updated_at: a timeline spread over years is paged, every limit,
 * for a customer and an agent, with the recent window off (so the documents answer every page),
 * against a plain scan, as in search-window.test.ts.
 */
import { eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it, onTestFinished } from "vitest";
import { messageKinds, messages, tickets, ticketStatuses, type MessageKind } from "@/db/schema";
import { searchTickets } from "@/server/tickets/ticket-lists";
import { visibleMessageKinds } from "@/server/tickets/ticket-scope";
import type { SessionUser } from "@/server/users/session-user";
import { callerFor, createCategory, createUser } from "../support/factories";
import { nonsenseWord } from "../support/nonsense-word";
import { foundBySearch } from "../support/search-found";
import { useTestDatabase } from "../support/test-db";

describe("search documents", async () => {
  const { db } = await useTestDatabase();
  const { category } = await createCategory(db);
  const agent = await createUser(db, { role: "agent" });

  async function openTicket(requester: SessionUser, subject: string, body = "Something does not work as it should.") {
    return callerFor(db, requester).tickets.create({ subject, body, categoryId: category.id });
  }

  const found = (viewer: SessionUser, query: string) => foundBySearch(db, viewer, query);

  /** The ticket's documents equal its messages' words, split by what a customer may read. */
  async function expectDocumentsCurrent(number: number) {
    const customerKinds = visibleMessageKinds({ role: "customer" });
    const id = await ticketId(number);
    const words = (kinds: readonly MessageKind[]) =>
      sql<string>`(select strip(tsvector_agg(${messages.bodySearch}))::text from ${messages} where ${messages.ticketId} = ${id} and ${inArray(messages.kind, [...kinds])})`;
    const [row] = await db
      .select({ staff: sql<string>`${tickets.staffSearch}::text`, public: sql<string>`${tickets.publicSearch}::text`, staffWords: words(messageKinds), publicWords: words(customerKinds) })
      .from(tickets)
      .where(eq(tickets.id, id));
    expect(row?.staff, `#${number}, staff`).toBe(row?.staffWords);
    expect(row?.public, `#${number}, public`).toBe(row?.publicWords);
  }

  it("finds a reply's words at once, and an internal note's by staff only", async () => {
    const customer = await createUser(db);
    const [replied, noted, both] = [nonsenseWord(), nonsenseWord(), nonsenseWord()];
    const ticket = await openTicket(customer, "Export stuck");
    expect(await found(customer, replied)).toEqual([]);
    await callerFor(db, customer).tickets.reply({ number: ticket.number, body: `The ${replied} export still spins.`, kind: "public" });
    await callerFor(db, agent).tickets.reply({ number: ticket.number, body: `Checked ${noted} logs, also ${both}.`, kind: "internal" });
    await callerFor(db, agent).tickets.reply({ number: ticket.number, body: `Hi, we fixed ${both}.`, kind: "public" });
    await expectDocumentsCurrent(ticket.number);
    for (const viewer of [customer, agent]) expect(await found(viewer, replied)).toEqual([ticket.number]);
    expect(await found(agent, noted)).toEqual([ticket.number]);
    expect(await found(customer, noted)).toEqual([]);
    expect(await found(customer, `${noted} or ${replied}`)).toEqual([ticket.number]);
    expect(await found(customer, both)).toEqual([ticket.number]);
  });

  it("needs every word of a query in one subject or message, as before the documents", async () => {
    const customer = await createUser(db);
    const [first, second] = [nonsenseWord(), nonsenseWord()];
    const split = await openTicket(customer, `About ${first}`, `Only ${second} here.`);
    const together = await openTicket(customer, "Two words", `Both ${first} and ${second} here.`);
    const splitInMessages = await openTicket(customer, "Split", `Only ${first} here.`);
    await callerFor(db, customer).tickets.reply({ number: splitInMessages.number, body: `And ${second} here.`, kind: "public" });
    const noteHalf = await openTicket(customer, "Half in a note", `Only ${first} here.`);
    await callerFor(db, agent).tickets.reply({ number: noteHalf.number, body: `Both ${first} ${second} in the note.`, kind: "internal" });
    expect(await found(customer, `${first} ${second}`)).toEqual([together.number]);
    expect((await found(agent, `${first} ${second}`)).sort()).toEqual([together.number, noteHalf.number].sort());
    expect((await found(customer, first)).sort()).toEqual([split.number, together.number, splitInMessages.number, noteHalf.number].sort());
  });

  it("follows a merge and its undo", async () => {
    const customer = await createUser(db);
    const [fromSource, noteOfSource] = [nonsenseWord(), nonsenseWord()];
    const source = await openTicket(customer, "Duplicate", `The ${fromSource} widget is broken.`);
    await callerFor(db, agent).tickets.reply({ number: source.number, body: `Seen ${noteOfSource} before.`, kind: "internal" });
    const target = await openTicket(customer, "Original report");
    await callerFor(db, agent).desk.merge({ sourceNumber: source.number, targetNumber: target.number });
    await expectDocumentsCurrent(target.number);
    for (const viewer of [customer, agent]) expect((await found(viewer, fromSource)).sort()).toEqual([source.number, target.number].sort());
    expect((await found(agent, noteOfSource)).sort()).toEqual([source.number, target.number].sort());
    expect(await found(customer, noteOfSource)).toEqual([]);

    await callerFor(db, agent).desk.undoMerge({ sourceNumber: source.number });
    await expectDocumentsCurrent(target.number);
    for (const viewer of [customer, agent]) expect(await found(viewer, fromSource)).toEqual([source.number]);
    expect(await found(agent, noteOfSource)).toEqual([source.number]);
  });

  it("keeps another requester's merged public words from the target's customer", async () => {
    const [alice, bob] = [await createUser(db), await createUser(db)];
    const word = nonsenseWord();
    const ofBob = await openTicket(bob, "Same problem", `My ${word} account is locked.`);
    const ofAlice = await openTicket(alice, "Locked out");
    await callerFor(db, agent).desk.merge({ sourceNumber: ofBob.number, targetNumber: ofAlice.number });
    await expectDocumentsCurrent(ofAlice.number);
    expect(await found(alice, word)).toEqual([]);
    expect(await found(bob, word)).toEqual([ofBob.number]);
    expect((await found(agent, word)).sort()).toEqual([ofBob.number, ofAlice.number].sort());
  });

  it("rebuilds a ticket's documents when a message is edited, moved or deleted", async () => {
    const customer = await createUser(db);
    const [before, after, gone] = [nonsenseWord(), nonsenseWord(), nonsenseWord()];
    const ticket = await openTicket(customer, "Edited thread", `The ${before} page.`);
    const other = await openTicket(customer, "Other thread");
    await callerFor(db, customer).tickets.reply({ number: ticket.number, body: `Also ${gone}.`, kind: "public" });
    const [first] = await db.select({ id: messages.id, ticketId: messages.ticketId }).from(messages).where(sql`${messages.body} like ${`%${before}%`}`);
    if (!first) throw new Error("message not found");

    await db.update(messages).set({ body: `The ${after} page.` }).where(eq(messages.id, first.id));
    expect(await found(customer, before)).toEqual([]);
    expect(await found(customer, after)).toEqual([ticket.number]);

    await db.update(messages).set({ kind: "internal" }).where(eq(messages.id, first.id));
    expect(await found(customer, after)).toEqual([]);
    expect(await found(agent, after)).toEqual([ticket.number]);

    await db.update(messages).set({ ticketId: (await ticketId(other.number)) }).where(eq(messages.id, first.id));
    expect(await found(agent, after)).toEqual([other.number]);

    await db.delete(messages).where(sql`${messages.body} like ${`%${gone}%`}`);
    expect(await found(customer, gone)).toEqual([]);
    await expectDocumentsCurrent(ticket.number);
    await expectDocumentsCurrent(other.number);
  });

  async function ticketId(number: number) {
    const [row] = await db.select({ id: tickets.id }).from(tickets).where(eq(tickets.number, number));
    if (!row) throw new Error(`#${number} not found`);
    return row.id;
  }

  /**
   * A timeline spread over years, newest first, as days before now and a mark:
   *   s  the word in the subject   m  the word in a public reply   i  the word in an internal note
   *   o  the word in another customer's subject   x  the two words of the pair in two messages
   *   p  the two words in one public reply   .  no word
   * Marks after the same number of days share one updated_at, so their ids order them.
   */
  const timeline: [number, string][] = [
    [0.01, "s"], [0.2, "i"], [0.5, "."], [0.9, "m"], [2, "x"], [3, "p"], [3, "s"], [3, "i"], [6, "o"], [8, "m"],
    [20, "s"], [29, "x"], [35, "i"], [50, "p"], [110, "m"], [130, "s"], [200, "o"], [360, "i"], [370, "m"], [800, "s"], [2000, "p"],
  ];
  // Who finds the word (or either word): x holds it in a public message too; only p holds the pair.
  const seenBy = { customer: "smpx", agent: "smpxio" } as const;

  it("pages through widening windows of updated_at, every limit, as a plain scan would", async () => {
    const [word, pair] = [nonsenseWord(), nonsenseWord()];
    const customer = await createUser(db);
    const other = await createUser(db);
    const now = Date.now();
    const laid: { id: string; at: number; mark: string; label: string }[] = [];
    onTestFinished(async () => {
      await db.delete(tickets).where(inArray(tickets.id, laid.map((t) => t.id)));
    });
    for (const [index, [days, mark]] of timeline.entries()) {
      const at = now - days * 86_400_000;
      const [row] = await db
        .insert(tickets)
        .values({
          subject: `${"so".includes(mark) ? word : "Printer"} trouble ${index}`,
          requesterId: mark === "o" ? other.id : customer.id,
          status: ticketStatuses[index % ticketStatuses.length],
          updatedAt: new Date(at),
        })
        .returning({ id: tickets.id });
      if (!row) throw new Error("ticket not inserted");
      laid.push({ id: row.id, at, mark, label: `${mark}${index}` });
    }
    await db.insert(messages).values(
      laid.flatMap(({ id: ticketId, mark }) => [
        { ticketId, kind: "public" as const, body: "It stopped working this morning." },
        ...(mark === "m" ? [{ ticketId, kind: "public" as const, body: `The ${word} page is blank.` }] : []),
        ...(mark === "i" ? [{ ticketId, kind: "internal" as const, body: `Checked the ${word} logs.` }] : []),
        ...(mark === "x" ? [{ ticketId, kind: "public" as const, body: `The ${word} page.` }, { ticketId, kind: "public" as const, body: `The ${pair} page.` }] : []),
        ...(mark === "p" ? [{ ticketId, kind: "public" as const, body: `The ${word} and ${pair} pages.` }] : []),
      ]),
    );
    const viewers = { customer, agent };
    const labels = new Map(laid.map((t) => [t.id, t.label]));
    const order = [...laid].sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1));
    for (const [query, hits] of [[word, null], [`${word} ${pair}`, "p"], [`${pair} or ${word}`, null]] as const) {
      for (const role of ["customer", "agent"] as const) {
        const expected = order.filter((t) => (hits ?? seenBy[role]).includes(t.mark)).map((t) => t.label);
        for (const limit of [1, 4, 30]) {
          // The recent window off or tiny; every candidate read at once, or widening windows.
          for (const [recentWindow, fewMatches] of [[0, 0], [3, 0], [0, 2000]]) {
            const seen: string[] = [];
            let cursor: string | undefined;
            for (let pages = 0; pages < 40; pages++) {
              const page = await searchTickets(db, viewers[role], { query, cursor, limit }, recentWindow, fewMatches);
              expect(page.items.length, `${query}, ${role}, ${limit} a page`).toBeLessThanOrEqual(limit);
              seen.push(...page.items.map((t) => labels.get(t.id) ?? `#${t.number}`));
              if (!page.nextCursor) break;
              cursor = page.nextCursor;
            }
            expect(seen, `${query === word ? "word" : query.includes(" or ") ? "either" : "pair"}, ${role}, ${limit} a page, window ${recentWindow}, few ${fewMatches}`).toEqual(expected);
          }
        }
      }
    }
  });
});
