/**
 * Ticket search through tickets.search: full text over subjects and the
 * messages the viewer may read (with English stemming), "#1042" and "1042"
 * by number, always inside the viewer's scope, keyset-paginated without
 * duplicates or gaps, and refusing empty or over-long queries. Every test
 * searches for nonsense words of its own, so a shared database cannot add hits.
 */
import { inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { tickets } from "@/db/schema";
import type { SessionUser } from "@/server/users/session-user";
import { callerFor, createCategory, createUser } from "../support/factories";
import { nonsenseWord } from "../support/nonsense-word";
import { useTestDatabase } from "../support/test-db";
import { codeOf } from "../support/trpc-errors";

describe("ticket search", async () => {
  const { db } = await useTestDatabase();
  const { category } = await createCategory(db);

  async function openTicket(requester: SessionUser, subject: string, body = "Something does not work as it should.") {
    return callerFor(db, requester).tickets.create({ subject, body, categoryId: category.id });
  }

  async function found(viewer: SessionUser, query: string) {
    const page = await callerFor(db, viewer).tickets.search({ query, limit: 100 });
    return page.items.map((t) => t.number);
  }

  it("finds tickets by a word of the subject or of a message", async () => {
    const customer = await createUser(db);
    const [inSubject, inBody, inReply] = [nonsenseWord(), nonsenseWord(), nonsenseWord()];
    const a = await openTicket(customer, `Problem with ${inSubject} settings`);
    const b = await openTicket(customer, "Another problem", `The ${inBody} page stays blank.`);
    await callerFor(db, customer).tickets.reply({ number: a.number, body: `Also the ${inReply} menu.`, kind: "public" });
    for (const viewer of [customer, await createUser(db, { role: "agent" })]) {
      expect(await found(viewer, inSubject)).toEqual([a.number]);
      expect(await found(viewer, inBody)).toEqual([b.number]);
      expect(await found(viewer, inReply)).toEqual([a.number]);
      expect(await found(viewer, inSubject.toUpperCase())).toEqual([a.number]);
    }
  });

  it("matches stemmed forms", async () => {
    const customer = await createUser(db);
    const word = nonsenseWord();
    const bySubject = await openTicket(customer, `${word} export fails`);
    const byBody = await openTicket(customer, "Board problem", `Exporting the ${word} board times out.`);
    // Both words must match in one subject or message, so the unique word keeps other tickets out.
    expect((await found(customer, `${word} exporting`)).sort()).toEqual([bySubject.number, byBody.number].sort());
    expect((await found(customer, `${word} exports`)).sort()).toEqual([bySubject.number, byBody.number].sort());
    expect(await found(customer, `${word} importing`)).toEqual([]);
  });

  it("finds a ticket by its number, with or without #", async () => {
    const customer = await createUser(db);
    const stranger = await createUser(db);
    const agent = await createUser(db, { role: "agent" });
    const ticket = await openTicket(customer, "Numbered ticket");
    for (const query of [`#${ticket.number}`, String(ticket.number), ` #${ticket.number} `]) {
      expect(await found(customer, query), query).toContain(ticket.number);
      expect(await found(agent, query), query).toContain(ticket.number);
      expect(await found(stranger, query), query).not.toContain(ticket.number);
    }
  });

  it("keeps customers inside their own tickets; agents find all", async () => {
    const [alice, bob] = [await createUser(db), await createUser(db)];
    const agent = await createUser(db, { role: "agent" });
    const word = nonsenseWord();
    const ofAlice = await openTicket(alice, `Invoice ${word} wrong`);
    const ofBob = await openTicket(bob, "Invoice question", `My ${word} invoice is wrong.`);
    expect(await found(alice, word)).toEqual([ofAlice.number]);
    expect(await found(bob, word)).toEqual([ofBob.number]);
    expect((await found(agent, word)).sort()).toEqual([ofAlice.number, ofBob.number].sort());
    expect(await found(alice, `#${ofBob.number}`)).not.toContain(ofBob.number);
  });

  it("finds internal-note words for agents only", async () => {
    const customer = await createUser(db);
    const agent = await createUser(db, { role: "agent" });
    const word = nonsenseWord();
    const ticket = await openTicket(customer, "Account locked");
    await callerFor(db, agent).tickets.reply({ number: ticket.number, body: `Locked because of ${word} fraud check.`, kind: "internal" });
    expect(await found(agent, word)).toEqual([ticket.number]);
    expect(await found(customer, word)).toEqual([]);
    // Not as a phrase, nor combined with a word the customer can see.
    expect(await found(customer, `"${word}"`)).toEqual([]);
    expect(await found(customer, `${word} check`)).toEqual([]);
  });

  it("pages through results with keyset cursors: no duplicates, none skipped, ties included", async () => {
    const customer = await createUser(db);
    const agent = await createUser(db, { role: "agent" });
    const word = nonsenseWord();
    const numbers: number[] = [];
    for (let i = 0; i < 7; i++) numbers.push((await openTicket(customer, `${word} report ${i}`)).number);
    // Three of them share one activity time, so the id must break the tie.
    const tie = new Date();
    await db.update(tickets).set({ updatedAt: tie }).where(inArray(tickets.number, numbers.slice(2, 5)));
    for (const viewer of [customer, agent]) {
      for (const limit of [1, 2, 3, 7, 8]) {
        const seen = await allPages(viewer, word, limit);
        expect(seen, `limit ${limit}`).toHaveLength(numbers.length);
        expect([...seen].sort(byNumber), `limit ${limit}`).toEqual([...numbers].sort(byNumber));
      }
    }
    const api = callerFor(db, customer);
    expect(await codeOf(api.tickets.search({ query: word, limit: 3, cursor: "not-a-cursor" }))).toBe("BAD_REQUEST");
  });

  it("refuses an empty or over-long query", async () => {
    const api = callerFor(db, await createUser(db));
    for (const query of ["", "   ", "x".repeat(201)]) {
      expect(await codeOf(api.tickets.search({ query, limit: 10 })), JSON.stringify(query)).toBe("BAD_REQUEST");
    }
    expect(await codeOf(api.tickets.search({ query: "x".repeat(200), limit: 10 }))).toBe("OK");
    expect(await codeOf(api.tickets.search({ query: "!!! & | :*", limit: 10 }))).toBe("OK");
  });

  async function allPages(viewer: SessionUser, query: string, limit: number) {
    const api = callerFor(db, viewer);
    const seen: number[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 20; pages++) {
      const page = await api.tickets.search({ query, limit, cursor });
      seen.push(...page.items.map((t) => t.number));
      if (!page.nextCursor) return seen;
      cursor = page.nextCursor;
    }
    throw new Error("pagination did not end");
  }
});

const byNumber = (a: number, b: number) => a - b;

