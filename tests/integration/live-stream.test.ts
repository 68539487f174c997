/**
 * The live stream (GET /api/live): changes are pushed to open pages as
 * Server-Sent Events, heard only after the writer's transaction commits, and
 * filtered per person by the one scope rule: a customer's stream never
 * carries another customer's ticket, an internal note or presence. Streams
 * resume with Last-Event-ID, are bounded per person, end for a disabled
 * account, and (on PostgreSQL) hear changes made through another connection,
 * as another app process would make them, also after the listening
 * connection was cut.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as liveRoute } from "@/app/api/live/route";
import { openDatabase } from "@/db/client";
import { tickets } from "@/db/schema";
import { LIVE_RETRY_MS } from "@/lib/live-events";
import { LISTENER_APPLICATION_NAME, stopLiveListener } from "@/server/live/live-listener";
import { LIVE_EVICTED_RETRY_MS, MAX_LIVE_STREAMS_PER_USER } from "@/server/live/live-stream";
import { mayViewTicketRow, visibleTicketsCondition } from "@/server/tickets/ticket-scope";
import type { SessionUser } from "@/server/users/session-user";
import { readLiveStream, type ReceivedEvent } from "../support/live-stream-reader";
import { callerFor, createCategory, createOrganization, createUser } from "../support/factories";
import { endRequestSessions, presentSessionOf } from "../support/request-session";
import { onPostgres, useTestDatabase } from "../support/test-db";

vi.mock("@/server/auth/index", async () => (await import("../support/request-session")).authModule());
vi.mock("@/server/db", async () => (await import("../support/request-session")).dbModule());
// On PostgreSQL the listener opens its own connection to DATABASE_URL, which is the test database here.
vi.mock("@/server/env", async (original) => {
  const actual = await original<typeof import("@/server/env")>();
  return { ...actual, env: { ...actual.env, DATABASE_URL: process.env.TEST_DATABASE_URL } };
});

describe("live stream", async () => {
  const { db } = await useTestDatabase();
  let agentA: SessionUser;
  let agentB: SessionUser;
  let categoryId = "";
  const opened: { close: () => void }[] = [];

  beforeAll(async () => {
    agentA = await createUser(db, { role: "agent" });
    agentB = await createUser(db, { role: "agent" });
    ({
      category: { id: categoryId },
    } = await createCategory(db));
  });
  afterAll(async () => {
    for (const stream of opened) stream.close();
    await stopLiveListener(db);
    endRequestSessions();
  });

  async function connect(user: SessionUser | null, lastEventId?: string) {
    presentSessionOf(db, user?.id ?? null);
    const abort = new AbortController();
    const headers = lastEventId ? { "Last-Event-ID": lastEventId } : undefined;
    const response = await liveRoute(new Request("http://localhost/api/live", { headers, signal: abort.signal }));
    return { response, abort };
  }

  async function stream(user: SessionUser, lastEventId?: string) {
    const { response, abort } = await connect(user, lastEventId);
    expect(response.status).toBe(200);
    const reader = readLiveStream(response, abort);
    opened.push(reader);
    // The opening id line: from here the browser has a Last-Event-ID to resume from.
    await vi.waitFor(() => expect(reader.lastEventId()).not.toBe(""));
    return reader;
  }

  async function newTicket(requester: SessionUser, subject = "Live updates please") {
    const { number } = await callerFor(db, requester).tickets.create({ subject, body: "The page should update by itself.", categoryId });
    return number;
  }

  const about = (number: number) => (event: ReceivedEvent) => "number" in event.data && event.data.number === number;

  it("refuses a request without a session (401)", async () => {
    const { response } = await connect(null);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: expect.any(String) });
  });

  it("answers as an event stream that proxies neither cache, compress nor buffer, and asks the browser to retry", async () => {
    const reader = await stream(agentA);
    expect(reader.retry()).toBe(LIVE_RETRY_MS);
    const { response } = await connect(agentA);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(response.headers.get("cache-control")).toContain("no-store");
    expect(response.headers.get("cache-control")).toContain("no-transform");
    expect(response.headers.get("x-accel-buffering")).toBe("no");
    await response.body?.cancel();
  });

  it("brings agent B's reply and status change on a ticket to agent A's stream within 2 s, with the counts", async () => {
    const customer = await createUser(db);
    const number = await newTicket(customer);
    const a = await stream(agentA);
    const started = Date.now();
    await callerFor(db, agentB).tickets.reply({ number, body: "We are looking into it.", status: "pending" });

    const message = await a.waitFor((e) => about(number)(e) && e.name === "message", 2_000);
    expect(message.data).toEqual({ event: "message", number, kind: "public", authorId: agentB.id });
    expect(message.id).toMatch(/\.\d+$/);
    const change = await a.waitFor((e) => about(number)(e) && e.name === "ticket", 2_000);
    expect(change.data).toMatchObject({ event: "ticket", number, version: expect.any(Number) });
    const counts = await a.waitFor((e) => e.name === "counts" && e.at >= started, 2_000);
    expect(counts.at - started).toBeLessThan(2_000);
    expect(counts.data).toEqual({ event: "counts" });
  });

  it("debounces counts: a burst of twelve changes in four writes moves the counts at most once per write", async () => {
    const customer = await createUser(db);
    const numbers = [await newTicket(customer), await newTicket(customer), await newTicket(customer)];
    const a = await stream(agentA);
    const before = a.events.length;
    for (const priority of ["high", "low", "urgent", "normal"] as const) {
      await callerFor(db, agentB).desk.bulkUpdate({ numbers, changes: { priority } });
    }
    await a.waitFor((e) => e.name === "counts", 2_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const burst = a.events.slice(before);
    const ours = (e: (typeof burst)[number]) => e.name === "ticket" && numbers.includes((e.data as { number: number }).number);
    expect(burst.filter(ours).length).toBeGreaterThanOrEqual(12);
    // On a shared test database other files' tickets move the counts too, each
    // at most once; ours (twelve changes in four writes) at most once per write.
    const others = burst.filter((e) => e.name === "ticket" && !ours(e)).length;
    expect(burst.filter((e) => e.name === "counts").length).toBeLessThanOrEqual(4 + others);
  });

  it("tells agents when someone arrives on or starts typing on a ticket, not at every heartbeat", async () => {
    const customer = await createUser(db);
    const number = await newTicket(customer);
    const a = await stream(agentA);
    await callerFor(db, agentB).desk.heartbeat({ number, composing: false });
    await a.waitFor((e) => about(number)(e) && e.name === "presence", 2_000);
    await callerFor(db, agentB).desk.heartbeat({ number, composing: false });
    await callerFor(db, agentB).desk.heartbeat({ number, composing: true });
    await vi.waitFor(() => expect(a.events.filter((e) => about(number)(e) && e.name === "presence")).toHaveLength(2), { timeout: 2_000 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(a.events.filter((e) => about(number)(e) && e.name === "presence")).toHaveLength(2);
  });

  it("never carries another customer's ticket, an internal note or presence to a customer (leak count over many events = 0)", async () => {
    const shared = await createOrganization(db, { sharesTickets: true });
    const other = await createOrganization(db, { sharesTickets: true });
    const customer = await createUser(db, { organizationId: shared.id });
    const colleague = await createUser(db, { organizationId: shared.id });
    const stranger = await createUser(db, { organizationId: other.id });
    const own = await newTicket(customer, "My own ticket");
    const colleagues = await newTicket(colleague, "My colleague's ticket");
    const strangers = await newTicket(stranger, "Someone else's ticket");

    // The live rule and the query rule agree on these three tickets.
    const rows = await db.select().from(tickets).where(sql`${tickets.number} in (${own}, ${colleagues}, ${strangers})`);
    const visible = await db.select({ number: tickets.number }).from(tickets).where(sql`${tickets.number} in (${own}, ${colleagues}, ${strangers}) and ${visibleTicketsCondition(customer) ?? sql`true`}`);
    expect(rows.filter((row) => mayViewTicketRow(customer, row)).map((row) => row.number).sort()).toEqual(visible.map((row) => row.number).sort());

    const c = await stream(customer);
    const agent = callerFor(db, agentB);
    const rounds = 8;
    for (let round = 0; round < rounds; round += 1) {
      await agent.tickets.reply({ number: own, body: `A public answer, round ${round}.` });
      await agent.tickets.reply({ number: own, body: `An internal note, round ${round}: refund approved.`, kind: "internal" });
      await agent.desk.heartbeat({ number: own, composing: round % 2 === 0 });
      await agent.tickets.reply({ number: strangers, body: `A public answer to the stranger, round ${round}.` });
      await agent.tickets.reply({ number: strangers, body: `A note on the stranger's ticket, round ${round}.`, kind: "internal" });
      await agent.desk.bulkUpdate({ numbers: [strangers], changes: { priority: round % 2 === 0 ? "high" : "low" } });
      await agent.desk.heartbeat({ number: strangers, composing: round % 2 === 0 });
    }
    await agent.tickets.reply({ number: colleagues, body: "A public answer the organization shares." });
    // A last public reply on the customer's own ticket: once it is in, everything before it has been delivered.
    await agent.tickets.reply({ number: own, body: "The last public answer." });
    await vi.waitFor(() => expect(c.events.filter((e) => about(own)(e) && e.name === "message")).toHaveLength(rounds + 1), { timeout: 5_000 });

    const leaks = c.events.filter(
      (e) =>
        !("number" in e.data) ||
        (e.data.number !== own && e.data.number !== colleagues) ||
        e.name === "presence" ||
        (e.data.event === "message" && e.data.kind !== "public") ||
        (e.data.event === "message" && e.data.authorId !== null && e.data.authorId !== customer.id),
    );
    expect(leaks).toEqual([]);
    expect(c.events.filter((e) => about(colleagues)(e) && e.name === "message")).toHaveLength(1);
    expect(c.events.filter((e) => about(own)(e) && e.name === "ticket").length).toBeGreaterThan(0);
  });

  it("replays what a reconnecting browser missed after its Last-Event-ID, and asks for a resync when it cannot", async () => {
    const customer = await createUser(db);
    const number = await newTicket(customer);
    // The witness stays connected throughout: the replay must be exactly what it heard.
    const witness = await stream(agentA);
    const first = await stream(agentA);
    await callerFor(db, agentB).desk.bulkUpdate({ numbers: [number], changes: { priority: "high" } });
    await first.waitFor(about(number), 2_000);
    const resumeFrom = first.lastEventId();
    first.close();

    await callerFor(db, agentB).tickets.reply({ number, body: "Written while A was offline." });
    await callerFor(db, agentB).desk.bulkUpdate({ numbers: [number], changes: { priority: "low" } });
    const [final] = await db.select({ version: tickets.version }).from(tickets).where(sql`${tickets.number} = ${number}`);
    await witness.waitFor((e) => about(number)(e) && e.data.event === "ticket" && e.data.version === final?.version, 2_000);

    const again = await stream(agentA, resumeFrom);
    await again.waitFor((e) => about(number)(e) && e.name === "message", 2_000);
    const heardBy = (reader: typeof witness) => reader.events.filter((e) => about(number)(e) && e.id !== null && Number(e.id.split(".")[1]) > Number(resumeFrom.split(".")[1]));
    await vi.waitFor(() => expect(heardBy(again).map((e) => e.id)).toEqual(heardBy(witness).map((e) => e.id)), { timeout: 2_000 });
    expect(heardBy(again).map((e) => e.name)).toContain("message");
    expect(again.events.some((e) => e.name === "resync")).toBe(false);

    // An id from another process (or before a restart) cannot be replayed: refetch everything.
    const stranger = await stream(agentA, "someoneelse.12");
    await stranger.waitFor((e) => e.name === "resync", 2_000);
  });

  it("emits nothing for a change whose transaction rolls back", async () => {
    const customer = await createUser(db);
    const rolledBack = await newTicket(customer);
    const committed = await newTicket(customer);
    const a = await stream(agentA);
    await expect(
      db.transaction(async (tx) => {
        await callerFor(tx, agentB).tickets.reply({ number: rolledBack, body: "This reply is never sent." });
        await callerFor(tx, agentB).desk.bulkUpdate({ numbers: [rolledBack], changes: { priority: "urgent" } });
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    await callerFor(db, agentB).tickets.reply({ number: committed, body: "This one is." });
    await a.waitFor(about(committed), 2_000);
    expect(a.events.filter(about(rolledBack))).toEqual([]);
  });

  it(`keeps ${MAX_LIVE_STREAMS_PER_USER} streams per person: one more ends the oldest, which is asked to come back in a minute`, async () => {
    const agent = await createUser(db, { role: "agent" });
    const streams = [];
    for (let i = 0; i < MAX_LIVE_STREAMS_PER_USER; i += 1) streams.push(await stream(agent));
    const [oldest, ...others] = streams;
    const newest = await stream(agent);
    await oldest!.waitForEnd();
    expect(oldest!.retry()).toBe(LIVE_EVICTED_RETRY_MS);
    expect(others.some((reader) => reader.ended())).toBe(false);
    // A closed tab frees its place: the next stream ends nobody.
    others[0]!.close();
    await others[0]!.waitForEnd();
    await stream(agent);
    expect([newest, ...others.slice(1)].some((reader) => reader.ended())).toBe(false);
  });

  it("ends a disabled account's stream at its next check", async () => {
    const agent = await createUser(db, { role: "agent" });
    const admin = await createUser(db, { role: "admin" });
    const customer = await createUser(db);
    const number = await newTicket(customer);
    const s = await stream(agent);
    await callerFor(db, admin).admin.users.setDisabled({ userId: agent.id, disabled: true });
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 61_000 });
    try {
      await callerFor(db, agentB).desk.bulkUpdate({ numbers: [number], changes: { priority: "high" } });
      await s.waitForEnd(2_000);
    } finally {
      vi.useRealTimers();
    }
    expect(s.events.filter(about(number))).toEqual([]);
  });

  it.skipIf(!onPostgres)("hears a change committed through another connection (another app process), also after the listening connection is cut", async () => {
    const customer = await createUser(db);
    const number = await newTicket(customer);
    const elsewhere = await openDatabase({ url: process.env.TEST_DATABASE_URL ?? "" });
    try {
      const a = await stream(agentA);
      await callerFor(elsewhere.db, agentB).tickets.reply({ number, body: "Sent from another process." });
      await a.waitFor((e) => about(number)(e) && e.name === "message", 2_000);

      // The database drops the listening connection (a restart, a failover): streams resync, then hear changes again.
      await elsewhere.db.execute(sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = ${LISTENER_APPLICATION_NAME}`);
      await a.waitFor((e) => e.name === "resync", 20_000);
      await callerFor(elsewhere.db, agentB).desk.bulkUpdate({ numbers: [number], changes: { priority: "urgent" } });
      await a.waitFor((e) => about(number)(e) && e.name === "ticket", 2_000);
    } finally {
      await elsewhere.close();
    }
  });
});
