/**
 * Ticket search's two steps where they meet. searchTickets first looks for a page among the most
 * recently updated tickets and collects every match only when that window holds less than a page
 * and one more. With the window shrunk to a few tickets, each test lays out a timeline around its
 * edge and checks every page, cursor after cursor, against a plain scan of that timeline: the
 * viewer's matches, most recently updated first, the id breaking ties. It also checks which step
 * gave each page, so that both steps are tested, and the edge is where it should be.
 *
 * The window counts every ticket in the database, so a timeline is dated after all of them (a day
 * past the latest) and deleted when its test ends.
 */
import { inArray, max } from "drizzle-orm";
import { describe, expect, it, onTestFinished, vi } from "vitest";
import { messages, tickets, ticketStatuses } from "@/db/schema";
import { searchTickets } from "@/server/tickets/ticket-lists";
import type { SessionUser } from "@/server/users/session-user";
import { createUser } from "../support/factories";
import { nonsenseWord } from "../support/nonsense-word";
import { useTestDatabase } from "../support/test-db";

/**
 * A timeline has one character a ticket, newest first:
 *   s  the word in the subject               m  the word in a public reply only
 *   i  the word in an internal note only     o  the word in the subject of another customer's ticket
 *   b  the word in the subject, a public reply and an internal note (one hit, not three)
 *   .  no word
 * "|" ends the window: its size is the number of tickets before it. Tickets in "(…)" share one
 * updated_at, so their ids order them. Tickets without the word are all new and those with it take
 * each status in turn, so the walks over the other statuses reach past the edge, and the merge of
 * the walks must cut them there.
 */
const seenBy = { customer: "smb", agent: "smbio" } as const;
type Role = keyof typeof seenBy;
type Step = "window" | "every match";
interface Laid {
  label: string;
  id: string;
  at: number;
  mark: string;
}

describe("ticket search at the edge of its recent window", async () => {
  const { db } = await useTestDatabase();
  const agent = await createUser(db, { role: "agent" });
  // Each step reads its page with one select, so one call means the window answered.
  const selects = vi.spyOn(db, "select");

  it("answers from the window alone while it holds more than a page", async () => {
    const steps = await expectPlainScan("ssms.sm|......", [2, 3, 5, 6]);
    expect(steps.agent).toEqual(["window", "window", "every match"]);
    expect(steps.customer).toEqual(steps.agent);
  });

  it("collects every match when the window holds exactly a page", async () => {
    expect((await expectPlainScan("s.s.s.|s.s", [3, 1, 2])).customer).toEqual(["every match", "every match"]);
    expect((await expectPlainScan("s.s.s.|....", [3, 1, 2])).customer).toEqual(["every match"]);
  });

  it("needs a page and one more inside the window, not just past its edge", async () => {
    expect((await expectPlainScan("s.s.ss|....", [3, 1, 2, 4])).customer).toEqual(["window", "every match"]);
    expect((await expectPlainScan("s.s.s.|s...", [3, 1, 2, 4])).customer).toEqual(["every match", "every match"]);
  });

  it("pages through matches on both sides of the edge", async () => {
    expect((await expectPlainScan("..s.ss|s.s.s", [2, 1, 3, 4])).customer).toEqual(["window", "window", "every match"]);
  });

  it("finds matches that are all older than the window", async () => {
    expect((await expectPlainScan("......|ssss.s", [3, 1, 2, 6])).customer).toEqual(["every match", "every match"]);
  });

  it("finds subject and message matches alike, a ticket matching in several places once", async () => {
    expect((await expectPlainScan("smbm.s|mbs.m", [3, 1, 2, 4])).customer).toEqual(["window", "window", "every match"]);
  });

  it("counts internal notes for agents only, in both steps", async () => {
    expect(await expectPlainScan("iisis.|s.i.s", [2, 1, 3])).toEqual({
      customer: ["every match", "every match"],
      agent: ["window", "window", "window", "every match"],
    });
  });

  it("keeps a customer to their own tickets in both steps", async () => {
    expect(await expectPlainScan("oosos.|s.o.s", [2, 1, 3])).toEqual({
      customer: ["every match", "every match"],
      agent: ["window", "window", "window", "every match"],
    });
  });

  it("pages with every limit across the edge and through ties, without duplicates or gaps", async () => {
    const layout = await layOut("s.m(sis|bs)o.(ms)i..(s.b)s..i.o.m");
    const steps = new Set<Step>();
    for (const role of ["customer", "agent"] as const) {
      for (let limit = 1; limit <= 12; limit++) {
        const pages = await searchedPages(layout, role, limit);
        expect(pages, `${role}, ${limit} a page`).toEqual(plainPages(layout, role, limit));
        for (const page of pages) steps.add(page.step);
      }
    }
    expect([...steps].sort()).toEqual(["every match", "window"]);
  });

  /**
   * Checks every page, for both roles and each limit, against the plain scan. Returns, for each
   * role, the steps that gave the pages at the first limit.
   */
  async function expectPlainScan(timeline: string, limits: number[]) {
    const layout = await layOut(timeline);
    const steps: Record<Role, Step[]> = { customer: [], agent: [] };
    for (const role of ["customer", "agent"] as const) {
      for (const limit of limits) {
        const pages = await searchedPages(layout, role, limit);
        expect(pages, `${role}, ${limit} a page`).toEqual(plainPages(layout, role, limit));
        if (limit === limits[0]) steps[role] = pages.map((page) => page.step);
      }
    }
    return steps;
  }

  type Layout = Awaited<ReturnType<typeof layOut>>;

  async function layOut(timeline: string) {
    const word = nonsenseWord();
    const viewers: Record<Role, SessionUser> = { customer: await createUser(db), agent };
    const other = await createUser(db);
    const [latest] = await db.select({ at: max(tickets.updatedAt) }).from(tickets);
    const start = Math.max(Date.now(), latest?.at?.getTime() ?? 0) + 24 * 3600_000;
    const laid: Laid[] = [];
    onTestFinished(async () => {
      await db.delete(tickets).where(inArray(tickets.id, laid.map((t) => t.id)));
    });

    let window = 0;
    let slot = 0;
    let tied = false;
    let withWord = 0;
    for (const mark of timeline) {
      if (mark === "|") window = laid.length;
      else if (mark === "(" || mark === ")") {
        tied = mark === "(";
        slot++;
      } else {
        const label = `${mark}${laid.length}`;
        const at = start - slot * 1000;
        const [row] = await db
          .insert(tickets)
          .values({
            subject: `${"sob".includes(mark) ? word : "Printer"} trouble ${label}`,
            requesterId: mark === "o" ? other.id : viewers.customer.id,
            status: mark === "." ? "new" : ticketStatuses[withWord++ % ticketStatuses.length],
            updatedAt: new Date(at),
          })
          .returning({ id: tickets.id });
        if (!row) throw new Error("ticket not inserted");
        laid.push({ label, id: row.id, at, mark });
        if (!tied) slot++;
      }
    }
    await db.insert(messages).values(
      laid.flatMap(({ id: ticketId, mark }) => [
        { ticketId, kind: "public" as const, body: "It stopped working this morning." },
        ...("mb".includes(mark) ? [{ ticketId, kind: "public" as const, body: `The ${word} page is still blank.` }] : []),
        ...("ib".includes(mark) ? [{ ticketId, kind: "internal" as const, body: `Checked the ${word} logs.` }] : []),
      ]),
    );
    return { word, viewers, laid, window };
  }

  /** Every page searchTickets gives, following its cursors, by the labels of the timeline. */
  async function searchedPages(layout: Layout, role: Role, limit: number) {
    const labels = new Map(layout.laid.map((t) => [t.id, t.label]));
    const pages: { items: string[]; step: Step }[] = [];
    let cursor: string | undefined;
    do {
      selects.mockClear();
      const page = await searchTickets(db, layout.viewers[role], { query: layout.word, cursor, limit }, layout.window);
      const step = selects.mock.calls.length === 1 ? "window" : "every match";
      pages.push({ items: page.items.map((t) => labels.get(t.id) ?? `#${t.number}`), step });
      cursor = page.nextCursor ?? undefined;
    } while (cursor && pages.length < 50);
    return pages;
  }

  /** The pages of a plain scan, and which step should give each: the window when it holds a page and one more. */
  function plainPages(layout: Layout, role: Role, limit: number) {
    const seen = (t: Laid) => seenBy[role].includes(t.mark);
    const order = [...layout.laid].sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1));
    const matches = order.filter(seen);
    const pages: { items: string[]; step: Step }[] = [];
    let after = 0;
    for (let from = 0; from === 0 || from < matches.length; from += limit) {
      const items = matches.slice(from, from + limit);
      const inWindow = order.slice(after, after + layout.window).filter(seen).length;
      pages.push({ items: items.map((t) => t.label), step: inWindow > limit ? "window" : "every match" });
      const last = items.at(-1);
      if (last) after = order.indexOf(last) + 1;
    }
    return pages;
  }
});
