/**
 * The ticket lifecycle through tRPC callers: every status transition an agent
 * or a requester may and may not make, what replies imply (reopen, follow-up,
 * first response), optimistic concurrency, the event log behind every
 * property change, bulk edits, merges, the desk's counts and the creation
 * rate limit. A refused change must leave the row and its events untouched.
 */
import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { messages, ticketEvents, tickets, ticketStatuses, type TicketStatus } from "@/db/schema";
import { single } from "@/db/rows";
import type { Db } from "@/db/types";
import { canTransition } from "@/lib/status-machine";
import type { SessionUser } from "@/server/users/session-user";
import { callerFor, createCategory, createUser, unique } from "../support/factories";
import { useTestDatabase } from "../support/test-db";
import { codeOf, errorOf } from "../support/trpc-errors";

describe("ticket lifecycle", async () => {
  const { db } = await useTestDatabase();

  async function openTicket(customer?: SessionUser) {
    const { category, team } = await createCategory(db);
    const requester = customer ?? (await createUser(db, { name: unique("Customer") }));
    const created = await callerFor(db, requester).tickets.create({ subject: "Export is broken", body: "The export button does nothing.", categoryId: category.id });
    return { requester, category, team, number: created.number, id: created.id };
  }

  it("lets an agent make exactly the transitions the status machine allows", async () => {
    const { number, id } = await openTicket();
    const agent = await createUser(db, { role: "agent" });
    for (const from of ticketStatuses) {
      for (const to of ticketStatuses) {
        await putInStatus(db, id, from);
        const before = await snapshot(db, id);
        const attempt = callerFor(db, agent).desk.update({ number, version: before.row.version, changes: { status: to } });
        if (from === to) {
          // Staying put is not a transition: accepted as a no-op, nothing written.
          expect(await attempt, `${from} → ${to}`).toEqual({ changed: false, version: before.row.version });
          expect(await snapshot(db, id), `${from} → ${to}`).toEqual(before);
        } else if (canTransition(from, to, "agent")) {
          expect(await attempt, `${from} → ${to}`).toEqual({ changed: true, version: before.row.version + 1 });
          const after = await snapshot(db, id);
          expect(after.row.status).toBe(to);
          expect(after.row.solvedAt === null, `solvedAt after ${from} → ${to}`).toBe(to !== "solved");
          expect(addedEvents(before, after)).toEqual([[agent.id, "status", from, to]]);
        } else {
          expect(await codeOf(attempt), `${from} → ${to}`).toBe("BAD_REQUEST");
          expect(await snapshot(db, id), `${from} → ${to} must write nothing`).toEqual(before);
        }
      }
    }
  });

  it("lets a requester mark only an unsolved ticket solved", async () => {
    const { number, id, requester } = await openTicket();
    for (const from of ticketStatuses) {
      await putInStatus(db, id, from);
      const before = await snapshot(db, id);
      const attempt = callerFor(db, requester).tickets.solve({ number });
      if (canTransition(from, "solved", "requester")) {
        expect(await attempt, from).toEqual({ status: "solved" });
        const after = await snapshot(db, id);
        expect(after.row).toMatchObject({ status: "solved", version: before.row.version + 1 });
        expect(after.row.solvedAt).toBeInstanceOf(Date);
        expect(addedEvents(before, after)).toEqual([[requester.id, "status", from, "solved"]]);
      } else {
        expect(await codeOf(attempt), from).toBe("BAD_REQUEST");
        expect(await snapshot(db, id), `${from} must write nothing`).toEqual(before);
      }
    }
  });

  it("sets solvedAt on solve, clears it on reopen, and supports send-and-solve", async () => {
    const { number, id, requester } = await openTicket();
    const agent = callerFor(db, await createUser(db, { role: "agent" }));
    const sent = await agent.tickets.reply({ number, body: "Fixed in 2.4, closing this.", kind: "public", status: "solved" });
    expect(sent).toMatchObject({ kind: "reply", status: "solved", version: 2 });
    // A refused "send and close" leaves no message behind.
    const before = await snapshot(db, id);
    expect(await codeOf(agent.tickets.reply({ number, body: "And closed.", kind: "public", status: "closed" }))).toBe("BAD_REQUEST");
    expect(await snapshot(db, id)).toEqual(before);
    const { ticket: solved, timeline } = await agent.tickets.get({ number });
    expect(solved.solvedAt).toBeInstanceOf(Date);
    expect(solved.firstResponseAt).toBeInstanceOf(Date);
    expect(timeline.map((e) => [e.field, e.fromValue, e.field === "first_response" ? "" : e.toValue])).toEqual(
      expect.arrayContaining([["status", "new", "solved"], ["first_response", null, ""]]),
    );

    await agent.desk.update({ number, version: solved.version, changes: { status: "open" } });
    expect((await agent.tickets.get({ number })).ticket).toMatchObject({ status: "open", solvedAt: null });
    await callerFor(db, requester).tickets.solve({ number });
    expect((await agent.tickets.get({ number })).ticket.solvedAt).toBeInstanceOf(Date);
  });

  it("sets first_response_at only on an agent's first public reply", async () => {
    const { number, id, requester } = await openTicket();
    const agent = callerFor(db, await createUser(db, { role: "agent" }));
    await agent.tickets.reply({ number, body: "Checking the logs first.", kind: "internal" });
    await callerFor(db, requester).tickets.reply({ number, body: "Any news?", kind: "public" });
    expect(await rowOf(db, id)).toMatchObject({ firstResponseAt: null, status: "new" });
    await agent.tickets.reply({ number, body: "Yes: a fix is on its way.", kind: "public" });
    const first = (await rowOf(db, id)).firstResponseAt;
    expect(first).toBeInstanceOf(Date);
    await agent.tickets.reply({ number, body: "It has shipped.", kind: "public" });
    expect((await rowOf(db, id)).firstResponseAt).toEqual(first);
  });

  it("reopens pending and solved tickets on a customer reply, and opens a follow-up on a closed one", async () => {
    const { number, id, requester, category } = await openTicket();
    const customer = callerFor(db, requester);
    for (const from of ["pending", "solved"] as const) {
      await putInStatus(db, id, from);
      expect(await customer.tickets.reply({ number, body: "Still broken.", kind: "public" })).toMatchObject({ kind: "reply", status: "open" });
      expect(await rowOf(db, id)).toMatchObject({ status: "open", solvedAt: null });
    }

    await putInStatus(db, id, "closed");
    const before = await snapshot(db, id);
    const agent = callerFor(db, await createUser(db, { role: "agent" }));
    expect(await codeOf(agent.tickets.reply({ number, body: "Too late.", kind: "public" }))).toBe("BAD_REQUEST");
    expect(await snapshot(db, id)).toEqual(before);

    const result = await customer.tickets.reply({ number, body: "It broke again after the update.", kind: "public" });
    if (result.kind !== "follow_up") throw new Error(`expected a follow-up, got ${result.kind}`);
    const followUp = single(await db.select().from(tickets).where(eq(tickets.number, result.number)), "ticket");
    expect(followUp).toMatchObject({ followUpOfId: id, requesterId: requester.id, status: "new", categoryId: category.id });
    const thread = await db.select().from(messages).where(eq(messages.ticketId, followUp.id));
    expect(thread.map((m) => [m.authorId, m.kind, m.body])).toEqual([[requester.id, "public", "It broke again after the update."]]);
    const after = await snapshot(db, id);
    expect(after.row).toEqual(before.row);
    expect(after.messages).toEqual(before.messages);
    expect(after.events.slice(before.events.length).map((e) => [e.actorId, e.field, e.toValue])).toEqual([[requester.id, "follow_up", String(result.number)]]);
  });

  it("refuses a stale version with a conflict naming who changed it, and writes nothing", async () => {
    const { number, id } = await openTicket();
    const alice = await createUser(db, { role: "agent", name: unique("Alice") });
    const bob = await createUser(db, { role: "agent", name: unique("Bob") });
    await callerFor(db, bob).desk.update({ number, version: 1, changes: { priority: "urgent" } });
    const before = await snapshot(db, id);
    const error = await errorOf(callerFor(db, alice).desk.update({ number, version: 1, changes: { priority: "low" } }));
    expect(error?.code).toBe("CONFLICT");
    expect(error?.message).toContain(bob.name);
    expect(await snapshot(db, id)).toEqual(before);
  });

  // Replies bump the version without writing an event: the conflict must still name whoever wrote last.
  it("names the customer whose reply made the version stale", async () => {
    const { number, requester } = await openTicket();
    const bob = await createUser(db, { role: "agent", name: unique("Bob") });
    const alice = await createUser(db, { role: "agent", name: unique("Alice") });
    const { version } = await callerFor(db, bob).desk.update({ number, version: 1, changes: { priority: "high" } });
    await callerFor(db, requester).tickets.reply({ number, body: "Adding a screenshot.", kind: "public" });
    const error = await errorOf(callerFor(db, alice).desk.update({ number, version, changes: { priority: "low" } }));
    expect(error?.code).toBe("CONFLICT");
    expect(error?.message).not.toContain(bob.name);
    expect(error?.message).toContain(requester.name);
  });

  it("refuses a reply written against an outdated thread unless forced", async () => {
    const { number, id, requester } = await openTicket();
    const agent = callerFor(db, await createUser(db, { role: "agent" }));
    const seen = (await agent.tickets.get({ number })).messages.at(-1)!.id;
    await callerFor(db, requester).tickets.reply({ number, body: "Never mind, found a workaround.", kind: "public" });
    const before = await snapshot(db, id);
    const error = await errorOf(agent.tickets.reply({ number, body: "Try clearing the cache.", kind: "public", lastSeenMessageId: seen }));
    expect(error?.code).toBe("CONFLICT");
    expect(error?.message).toContain(requester.name);
    expect(await snapshot(db, id)).toEqual(before);
    expect(await agent.tickets.reply({ number, body: "Try clearing the cache.", kind: "public", lastSeenMessageId: seen, force: true })).toMatchObject({ kind: "reply" });
  });

  it("keeps non-ASCII letters when normalizing tags", async () => {
    const { number, id } = await openTicket();
    const agent = await createUser(db, { role: "agent" });
    await callerFor(db, agent).desk.update({ number, version: 1, changes: { tags: ["Über Uns", "Café", "日本"] } });
    expect((await rowOf(db, id)).tags).toEqual(["über-uns", "café", "日本"]);
  });

  it("records one event per changed property and shows names in the timeline", async () => {
    const { number, id } = await openTicket();
    const actor = await createUser(db, { role: "agent" });
    const assignee = await createUser(db, { role: "agent", name: unique("Assignee") });
    const other = await createCategory(db);
    const api = callerFor(db, actor);
    const before = await snapshot(db, id);
    const tags = [" Billing Issue", "VIP!", "billing-issue", "vip"];
    const changes = { status: "pending" as const, priority: "urgent" as const, categoryId: other.category.id, teamId: other.team.id, assigneeId: assignee.id, tags };
    expect(await api.desk.update({ number, version: 1, changes })).toEqual({ changed: true, version: 2 });
    const after = await snapshot(db, id);
    expect(addedEvents(before, after)).toEqual([
      [actor.id, "status", "new", "pending"],
      [actor.id, "priority", "normal", "urgent"],
      [actor.id, "category", before.row.categoryId, other.category.id],
      [actor.id, "team", before.row.teamId, other.team.id],
      [actor.id, "assignee", null, assignee.id],
      [actor.id, "tags", null, "billing-issue, vip"],
    ]);
    // Written in the ticket's transaction: the events carry the row's own activity time.
    expect(after.events.slice(before.events.length).every((e) => e.createdAt.getTime() === after.row.updatedAt.getTime())).toBe(true);
    expect(after.row.tags).toEqual(["billing-issue", "vip"]);

    const timeline = (await api.tickets.get({ number })).timeline;
    expect(timeline.find((e) => e.field === "team" && e.toValue === other.team.name)).toBeDefined();
    expect(timeline.find((e) => e.field === "assignee")).toMatchObject({ fromValue: null, toValue: assignee.name, actorName: actor.name });

    const customer = await createUser(db);
    const disabled = await createUser(db, { role: "agent", disabled: true });
    for (const assigneeId of [customer.id, disabled.id]) {
      expect(await codeOf(api.desk.update({ number, version: 2, changes: { priority: "low", assigneeId } }))).toBe("BAD_REQUEST");
    }
    expect(await snapshot(db, id)).toEqual(after);
  });

  it("bulk-updates open tickets, skips closed ones with a reason, and refuses a bad assignee outright", async () => {
    const requester = await createUser(db);
    const [a, b, c] = [await openTicket(requester), await openTicket(requester), await openTicket(requester)];
    await putInStatus(db, c.id, "closed");
    const agent = await createUser(db, { role: "agent" });
    const api = callerFor(db, agent);
    const result = await api.desk.bulkUpdate({ numbers: [a.number, b.number, c.number], changes: { priority: "high", assigneeId: agent.id } });
    expect(result.updated).toEqual([a.number, b.number]);
    expect(result.unchanged).toEqual([]);
    expect(result.skipped).toEqual([{ number: c.number, reason: expect.stringMatching(/closed/) }]);
    for (const t of [a, b]) expect(await rowOf(db, t.id)).toMatchObject({ priority: "high", assigneeId: agent.id, version: 2 });
    expect(await rowOf(db, c.id)).toMatchObject({ priority: "normal", assigneeId: null });

    const before = await Promise.all([a, b].map((t) => snapshot(db, t.id)));
    const customer = await createUser(db);
    expect(await codeOf(api.desk.bulkUpdate({ numbers: [a.number, b.number], changes: { priority: "low", assigneeId: customer.id } }))).toBe("BAD_REQUEST");
    expect(await Promise.all([a, b].map((t) => snapshot(db, t.id)))).toEqual(before);
  });

  it("merges a duplicate: messages copied in order, source closed with a note, events on both", async () => {
    const requester = await createUser(db);
    const source = await openTicket(requester);
    const target = await openTicket(requester);
    const agent = await createUser(db, { role: "agent" });
    const api = callerFor(db, agent);
    await callerFor(db, requester).tickets.reply({ number: source.number, body: "Second message on the duplicate.", kind: "public" });
    await api.tickets.reply({ number: target.number, body: "Reply on the target.", kind: "public" });
    await api.tickets.reply({ number: source.number, body: "Note on the duplicate.", kind: "internal" });
    const sourceThread = (await snapshot(db, source.id)).messages;
    const targetBefore = new Set((await snapshot(db, target.id)).messages.map((m) => m.id));

    expect(await api.desk.merge({ sourceNumber: source.number, targetNumber: target.number })).toEqual({ targetNumber: target.number, copiedMessages: 3 });
    const merged = await snapshot(db, target.id);
    const added = merged.messages.filter((m) => !targetBefore.has(m.id));
    const copied = added.filter((m) => m.kind !== "system");
    expect(copied.map((m) => [m.authorId, m.kind, m.body, m.createdAt])).toEqual(sourceThread.map((m) => [m.authorId, m.kind, m.body, m.createdAt]));
    expect(added.filter((m) => m.kind === "system").map((m) => m.body)).toEqual([expect.stringContaining(`#${source.number}`)]);
    expect(merged.events.at(-1)).toMatchObject({ actorId: agent.id, field: "merged_from", toValue: String(source.number) });

    const closed = await snapshot(db, source.id);
    expect(closed.row).toMatchObject({ status: "closed", mergedIntoId: target.id });
    expect(closed.row.closedAt).toBeInstanceOf(Date);
    expect(closed.messages.at(-1)).toMatchObject({ kind: "internal", authorId: agent.id, body: expect.stringContaining(`#${target.number}`) });
    expect(closed.events.slice(-2).map((e) => [e.field, e.toValue])).toEqual([["merged_into", String(target.number)], ["status", "closed"]]);

    const other = await openTicket(requester);
    const untouched = await Promise.all([other, target, source].map((t) => snapshot(db, t.id)));
    for (const [from, into] of [[target.number, target.number], [other.number, source.number], [source.number, other.number]]) {
      expect(await codeOf(api.desk.merge({ sourceNumber: from!, targetNumber: into! })), `${from} → ${into}`).toBe("BAD_REQUEST");
    }
    expect(await Promise.all([other, target, source].map((t) => snapshot(db, t.id)))).toEqual(untouched);
  });

  it("counts what the desk queues list", async () => {
    const requester = await createUser(db);
    const agent = await createUser(db, { role: "agent" });
    const api = callerFor(db, agent);
    const tickets3 = [await openTicket(requester), await openTicket(requester), await openTicket(requester)];
    const team = tickets3[0]!.team;
    const statuses: TicketStatus[] = ["open", "solved", "pending"];
    for (const [i, t] of tickets3.entries()) {
      await api.desk.update({ number: t.number, version: 1, changes: { teamId: team.id, assigneeId: agent.id } });
      await putInStatus(db, t.id, statuses[i]!);
    }
    const teamQueue = await api.desk.queue({ view: "team", filters: { teamId: team.id }, limit: 100 });
    const mineQueue = await api.desk.queue({ view: "mine", limit: 100 });
    const counts = await api.desk.counts();
    expect(teamQueue.items.map((t) => t.number).sort()).toEqual([tickets3[0]!.number, tickets3[2]!.number].sort());
    expect(counts.teams.find((t) => t.id === team.id)?.open).toBe(teamQueue.items.length);
    expect(counts.views.mine).toBe(mineQueue.items.length);
    expect(counts.views.mine).toBe(1);
  });

  /** Opens the 20 tickets an hour a customer may open; returns the first. */
  async function spendCreationBudget(person: SessionUser) {
    const { category } = await createCategory(db);
    const input = { subject: "Another one", body: "Yet another request.", categoryId: category.id };
    const first = await callerFor(db, person).tickets.create(input);
    for (let i = 1; i < 20; i++) await callerFor(db, person).tickets.create(input);
    return { first, next: () => callerFor(db, person).tickets.create(input) };
  }

  it("rate-limits ticket creation by customers, not by agents", async () => {
    for (const role of ["customer", "agent"] as const) {
      const person = await createUser(db, { role });
      const { next } = await spendCreationBudget(person);
      const countOwn = () => db.$count(tickets, eq(tickets.requesterId, person.id));
      expect(await countOwn()).toBe(20);
      expect(await codeOf(next()), role).toBe(role === "customer" ? "TOO_MANY_REQUESTS" : "OK");
      expect(await countOwn()).toBe(role === "customer" ? 20 : 21);
    }
  });

  // A reply to a closed ticket opens a follow-up ticket, so it spends the same budget.
  it("counts follow-up tickets against the creation rate limit", async () => {
    const customer = await createUser(db);
    const { first, next } = await spendCreationBudget(customer);
    expect(await codeOf(next())).toBe("TOO_MANY_REQUESTS");
    await putInStatus(db, first.id, "closed");
    for (let i = 0; i < 3; i++) {
      expect(await codeOf(callerFor(db, customer).tickets.reply({ number: first.number, body: "One more.", kind: "public" }))).toBe("TOO_MANY_REQUESTS");
    }
    expect(await db.$count(tickets, eq(tickets.requesterId, customer.id))).toBe(20);
  });
});

/** Puts a ticket straight into a status, with the timestamps that go with it. */
async function putInStatus(db: Db, id: string, status: TicketStatus) {
  const now = new Date();
  const solvedAt = status === "solved" || status === "closed" ? now : null;
  await db.update(tickets).set({ status, solvedAt, closedAt: status === "closed" ? now : null }).where(eq(tickets.id, id));
}

async function rowOf(db: Db, id: string) {
  return single(await db.select().from(tickets).where(eq(tickets.id, id)), "ticket");
}

/** Everything a change could touch: the row, its thread and its events. */
async function snapshot(db: Db, id: string) {
  return {
    row: await rowOf(db, id),
    messages: await db.select().from(messages).where(eq(messages.ticketId, id)).orderBy(asc(messages.createdAt), asc(messages.id)),
    events: await db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, id)).orderBy(asc(ticketEvents.id)),
  };
}

type Snapshot = Awaited<ReturnType<typeof snapshot>>;

/** The events a change appended, as [actor, field, from, to]. */
function addedEvents(before: Snapshot, after: Snapshot) {
  return after.events.slice(before.events.length).map((e) => [e.actorId, e.field, e.fromValue, e.toValue]);
}
