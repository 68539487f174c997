/**
 * The desk queue's server rules: what "My open" lists and counts, a search
 * inside a view staying inside it, and Undo for bulk and single edits (each
 * ticket put back through the normal update path on the version the edit
 * left it at; a ticket changed since is left alone and named).
 */
import { asc, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { outbox, ticketEvents, tickets, type TicketStatus } from "@/db/schema";
import { single } from "@/db/rows";
import type { SessionUser } from "@/server/users/session-user";
import { callerFor, createCategory, createUser, unique } from "../support/factories";
import { useTestDatabase } from "../support/test-db";
import { codeOf } from "../support/trpc-errors";

describe("desk queue", async () => {
  const { db } = await useTestDatabase();

  async function ticketFor(requester: SessionUser, subject = "Export is broken") {
    const { category } = await createCategory(db);
    const created = await callerFor(db, requester).tickets.create({ subject, body: "The export button does nothing.", categoryId: category.id });
    return { number: created.number, id: created.id };
  }

  /** Sets a ticket's row directly (arranging a scene, not under test). */
  async function arrange(id: string, values: { status?: TicketStatus; assigneeId?: string | null; priority?: "low" | "normal" | "high" | "urgent" }) {
    const solvedAt = values.status === "solved" || values.status === "closed" ? new Date() : null;
    await db.update(tickets).set({ ...values, ...(values.status ? { solvedAt } : {}) }).where(eq(tickets.id, id));
  }

  const rowOf = async (id: string) => single(await db.select().from(tickets).where(eq(tickets.id, id)), "ticket");

  it("lists and counts under My open only the new and open tickets assigned to me", async () => {
    const requester = await createUser(db);
    const agent = await createUser(db, { role: "agent" });
    const statuses: TicketStatus[] = ["new", "open", "pending", "on_hold", "solved"];
    const made: Record<string, number> = {};
    for (const status of statuses) {
      const t = await ticketFor(requester);
      await arrange(t.id, { status, assigneeId: agent.id });
      made[status] = t.number;
    }
    const api = callerFor(db, agent);
    const mine = await api.desk.queue({ view: "mine", limit: 100 });
    expect(mine.items.map((t) => t.number).sort()).toEqual([made.new, made.open].sort());
    expect((await api.desk.counts()).views.mine).toBe(2);
    // Pending and on hold keep their own views.
    expect((await api.desk.queue({ view: "pending", filters: { assigneeId: agent.id }, limit: 100 })).items.map((t) => t.number)).toEqual([made.pending]);
  });

  it("searches inside a view when asked to, and everywhere otherwise", async () => {
    const requester = await createUser(db);
    const agent = await createUser(db, { role: "agent" });
    const word = unique("zebra").replace("-", "");
    const waiting = await ticketFor(requester, `Printer ${word} jams`);
    const open = await ticketFor(requester, `Scanner ${word} stuck`);
    await arrange(waiting.id, { status: "pending" });
    await arrange(open.id, { status: "open" });
    const api = callerFor(db, agent);

    const inPending = await api.desk.queue({ view: "pending", query: word, limit: 25 });
    expect(inPending.items.map((t) => t.number)).toEqual([waiting.number]);
    const inOpenUnassigned = await api.desk.queue({ view: "unassigned", filters: { status: ["open"] }, query: word, limit: 25 });
    expect(inOpenUnassigned.items.map((t) => t.number)).toEqual([open.number]);
    const everywhere = await api.tickets.search({ query: word, limit: 25 });
    expect(everywhere.items.map((t) => t.number).sort()).toEqual([waiting.number, open.number].sort());
  });

  it("undoes a bulk edit ticket by ticket, on the versions it left, and says what it could not undo", async () => {
    const requester = await createUser(db);
    const agent = await createUser(db, { role: "agent", name: unique("Agent") });
    const colleague = await createUser(db, { role: "agent", name: unique("Colleague") });
    const [a, b, c] = [await ticketFor(requester), await ticketFor(requester), await ticketFor(requester)];
    await arrange(a.id, { status: "pending", priority: "low" });
    await arrange(b.id, { status: "open", assigneeId: colleague.id });
    await arrange(c.id, { status: "closed" });
    const api = callerFor(db, agent);

    const result = await api.desk.bulkUpdate({ numbers: [a.number, b.number, c.number], changes: { status: "solved", assigneeId: colleague.id, priority: "high" } });
    expect(result.updated).toEqual([a.number, b.number]);
    expect(result.skipped).toEqual([{ number: c.number, reason: "closed" }]);
    expect(result.undo).toEqual([
      { number: a.number, version: (await rowOf(a.id)).version, changes: { status: "pending", priority: "low", assigneeId: null } },
      { number: b.number, version: (await rowOf(b.id)).version, changes: { status: "open", priority: "normal" } },
    ]);

    // Someone else touches b before the undo: b must keep their change.
    const bNow = await rowOf(b.id);
    await callerFor(db, colleague).desk.update({ number: b.number, version: bNow.version, changes: { priority: "urgent" } });
    const eventsBefore = await db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, a.id));
    // Only these tickets' mail: other test files write to the same outbox at the same time.
    const mailOfThese = async () => (await db.select().from(outbox).where(inArray(outbox.ticketId, [a.id, b.id, c.id]))).length;
    const mailBefore = await mailOfThese();

    const undone = await api.desk.undo({ items: result.undo });
    expect(undone.restored).toEqual([{ number: a.number, version: (await rowOf(a.id)).version }]);
    expect(undone.notRestored).toEqual([{ number: b.number, reason: "changed since" }]);
    expect(undone.notes).toEqual(
      expect.arrayContaining([`The requester of #${a.number} was already emailed that it was solved.`, `${colleague.name} was already emailed about being assigned #${a.number}.`]),
    );
    expect(await rowOf(a.id)).toMatchObject({ status: "pending", priority: "low", assigneeId: null, solvedAt: null });
    expect(await rowOf(b.id)).toMatchObject({ status: "solved", priority: "urgent", assigneeId: colleague.id });
    // Through the normal path: the undo is on the record, and sends no mail of its own.
    const added = (await db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, a.id)).orderBy(asc(ticketEvents.createdAt))).slice(eventsBefore.length);
    expect(added.map((e) => [e.actorId, e.field, e.fromValue, e.toValue])).toEqual(
      expect.arrayContaining([
        [agent.id, "status", "solved", "pending"],
        [agent.id, "priority", "high", "low"],
      ]),
    );
    expect(await mailOfThese()).toBe(mailBefore);

    // The same undo again finds a moved on and b still changed: nothing is written twice.
    const again = await api.desk.undo({ items: result.undo });
    expect(again.restored).toEqual([]);
    expect(again.notRestored.map((n) => n.number)).toEqual([a.number, b.number]);
  });

  it("undoes a solve back to pending on the new version, and only as an undo", async () => {
    const requester = await createUser(db);
    const agent = await createUser(db, { role: "agent" });
    const t = await ticketFor(requester);
    await arrange(t.id, { status: "pending" });
    const api = callerFor(db, agent);
    const before = await rowOf(t.id);

    const solved = await api.desk.update({ number: t.number, version: before.version, changes: { status: "solved" } });
    expect(solved).toEqual({ changed: true, version: expect.any(Number) });
    // An ordinary edit still may not jump from solved to pending.
    expect(await codeOf(api.desk.update({ number: t.number, version: solved.version, changes: { status: "pending" } }))).toBe("BAD_REQUEST");

    const undone = await api.desk.undo({ items: [{ number: t.number, version: solved.version, changes: { status: "pending" } }] });
    expect(undone.restored).toEqual([{ number: t.number, version: solved.version + 1 }]);
    expect(await rowOf(t.id)).toMatchObject({ status: "pending", solvedAt: null, version: solved.version + 1 });

    // An undo takes back only moves an agent could have made forwards: never to closed.
    const refused = await api.desk.undo({ items: [{ number: t.number, version: solved.version + 1, changes: { status: "closed" } }] });
    expect(refused).toMatchObject({ restored: [], notRestored: [{ number: t.number, reason: "cannot go from pending to closed" }] });
    expect((await rowOf(t.id)).status).toBe("pending");
  });
});
