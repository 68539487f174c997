/**
 * Webhook delivery end to end: tickets changed through the domain functions,
 * the outbox rows they write, and the worker POSTing them to a real HTTP
 * receiver on 127.0.0.1, signed so that the standardwebhooks library
 * verifies them. The address guard refuses loopback unless allowed (the flag
 * is passed, never read from the environment here), redirects are not
 * followed, failures back off and end, a day of failures switches the
 * endpoint off and mails the admins, and two workers never send one
 * delivery twice.
 */
import crypto from "node:crypto";
import dns from "node:dns/promises";
import os from "node:os";
import { and, eq, inArray, like, sql } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { outbox, webhookDeliveries, webhookEndpoints, type WebhookEventType } from "@/db/schema";
import { single } from "@/db/rows";
import { addReply } from "@/server/tickets/add-reply";
import { createTicket } from "@/server/tickets/create-ticket";
import { updateTicket } from "@/server/tickets/update-ticket";
import { deliverDueWebhooks, webhookMaxAttempts, webhookRetryDelaysSeconds } from "@/server/webhooks/deliver-webhooks";
import { addressProblem, knownDestinationProblem } from "@/server/webhooks/safe-destination";
import { createUser, unique } from "../support/factories";
import { useTestDatabase } from "../support/test-db";
import { createTestEndpoint, startWebhookReceiver, switchOffEndpoints, testWebhookSecret, type WebhookReceiver } from "../support/webhook-receiver";

describe("webhook delivery", async () => {
  const { db } = await useTestDatabase();
  let receiver: WebhookReceiver;
  const endpoints: string[] = [];
  // This test's tickets: on a shared PostgreSQL, other test files' tickets fan out to these endpoints too.
  const mine: string[] = [];

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
  });
  afterAll(() => receiver.close());
  afterEach(async () => {
    await switchOffEndpoints(db, endpoints.splice(0));
    mine.splice(0);
  });

  async function endpoint(events: WebhookEventType[], options: { path?: string; url?: string; includeInternalNotes?: boolean } = {}) {
    const row = await createTestEndpoint(db, { url: options.url ?? `${receiver.origin}${options.path ?? receiver.path()}`, events, includeInternalNotes: options.includeInternalNotes });
    endpoints.push(row.id);
    return row;
  }
  const ofMine = (endpointId: string) => and(eq(webhookDeliveries.endpointId, endpointId), inArray(webhookDeliveries.ticketId, mine.length ? mine : [crypto.randomUUID()]));
  const deliveriesOf = (endpointId: string) => db.select().from(webhookDeliveries).where(ofMine(endpointId)).orderBy(webhookDeliveries.createdAt);
  /** A worker pass over this test's deliveries to the endpoint. */
  async function deliver(endpointId: string, allowPrivate = true, options: { limit?: number } = {}) {
    const deliveryIds = (await deliveriesOf(endpointId)).map((row) => row.id);
    return deliverDueWebhooks(db, { deliveryIds, allowPrivate, ...options });
  }
  const makeDue = (endpointId: string) => db.update(webhookDeliveries).set({ nextAttemptAt: sql`now() - interval '1 second'` }).where(ofMine(endpointId));
  const pathOf = (url: string) => new URL(url).pathname;

  async function openTicket(subject = "Export is broken") {
    const customer = await createUser(db, { name: unique("Customer") });
    const ticket = await createTicket(db, customer, { subject, body: "The export button does nothing." });
    mine.push(ticket.id);
    return { customer, ...ticket };
  }

  it("delivers ticket.created for a ticket made through createTicket, signed so standardwebhooks verifies it", async () => {
    const hook = await endpoint(["ticket.created"]);
    const ticket = await openTicket();
    expect(await deliver(hook.id)).toMatchObject({ succeeded: 1, retried: 0, failed: 0 });

    const [request] = receiver.at(pathOf(hook.url));
    expect(receiver.at(pathOf(hook.url))).toHaveLength(1);
    const [row] = await deliveriesOf(hook.id);
    expect(request?.headers).toMatchObject({ "content-type": "application/json", "webhook-id": row?.messageId });
    expect(request?.headers["user-agent"]).toMatch(/^Frontdesk-Webhooks\//);
    expect(request?.headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/=]+$/);
    const event = new Webhook(hook.secret).verify(request?.body ?? "", request?.headers ?? {}) as { type: string; timestamp: string; data: { ticket: { id: string; number: number; status: string }; message: { body: string } } };
    expect(event.type).toBe("ticket.created");
    expect(event.data.ticket).toMatchObject({ id: ticket.id, number: ticket.number, status: "new" });
    expect(event.data.message.body).toBe("The export button does nothing.");
    // Reading order in the body: type, timestamp, data, and the ticket's fields as the API lists them.
    expect(request?.body.startsWith('{"type":"ticket.created","timestamp":')).toBe(true);
    expect(request?.body).toContain(`"data":{"ticket":{"id":"${ticket.id}","number":${ticket.number},"subject":"Export is broken","status":"new",`);
    // A signature from another secret does not verify.
    expect(() => new Webhook(testWebhookSecret()).verify(request?.body ?? "", request?.headers ?? {})).toThrow();

    expect(row).toMatchObject({ status: "succeeded", attempts: 1, responseStatus: 200, responseBodyHead: "ok", lastError: null, ticketId: ticket.id });
    expect(row?.deliveredAt).toBeInstanceOf(Date);
    expect(row?.durationMs).toBeGreaterThanOrEqual(0);
    // Delivered is delivered: another pass sends nothing.
    expect(await deliver(hook.id)).toMatchObject({ succeeded: 0, retried: 0, failed: 0 });
  });

  it("refuses the same URL without the allow flag: nothing is sent, and the delivery says why", async () => {
    const hook = await endpoint(["ticket.created"]);
    await openTicket();
    expect(await deliver(hook.id, false)).toMatchObject({ succeeded: 0, retried: 1 });
    expect(receiver.at(pathOf(hook.url))).toEqual([]);
    const [row] = await deliveriesOf(hook.id);
    expect(row).toMatchObject({ status: "pending", attempts: 1, responseStatus: null, responseBodyHead: null });
    expect(row?.lastError).toMatch(/^Refused: 127\.0\.0\.1 is a loopback address/);
    // A name that means this machine is refused the same way, before any connection.
    const named = await endpoint(["ticket.created"], { url: `http://localhost:${receiver.port}/hooks/named` });
    await openTicket();
    await deliver(named.id, false);
    expect((await deliveriesOf(named.id))[0]?.lastError).toMatch(/^Refused: localhost is this machine/);
    expect(receiver.at("/hooks/named")).toEqual([]);
  });

  it("checks every address a name resolves to inside the connection, and connects when allowed", async () => {
    const hostname = os.hostname();
    const addresses = await dns.lookup(hostname, { all: true }).catch(() => []);
    const hook = await endpoint(["ticket.created"], { url: `http://${hostname}:${receiver.port}${receiver.path()}` });
    await openTicket();
    if (addresses.length > 0 && addresses.every((a) => addressProblem(a.address, true) === null && addressProblem(a.address, false) !== null)) {
      await deliver(hook.id, false);
      expect((await deliveriesOf(hook.id))[0]?.lastError).toMatch(new RegExp(`^Refused: ${hostname} resolves to .* address`));
      expect(receiver.at(pathOf(hook.url))).toEqual([]);
    }
    if (addresses.some((a) => a.address === "127.0.0.1")) {
      await makeDue(hook.id);
      expect(await deliver(hook.id, true)).toMatchObject({ succeeded: 1 });
      expect(receiver.at(pathOf(hook.url))).toHaveLength(1);
    }
  });

  it("signs with both secrets while a rotation overlaps, then with the new one only", async () => {
    const hook = await endpoint(["ticket.created"]);
    const previous = testWebhookSecret();
    await db.update(webhookEndpoints).set({ previousSecret: previous, previousSecretExpiresAt: sql`now() + interval '1 hour'` }).where(eq(webhookEndpoints.id, hook.id));
    await openTicket();
    await deliver(hook.id);
    const [overlap] = receiver.at(pathOf(hook.url));
    expect(overlap?.headers["webhook-signature"]?.split(" ")).toHaveLength(2);
    expect(new Webhook(hook.secret).verify(overlap?.body ?? "", overlap?.headers ?? {})).toMatchObject({ type: "ticket.created" });
    expect(new Webhook(previous).verify(overlap?.body ?? "", overlap?.headers ?? {})).toMatchObject({ type: "ticket.created" });

    await db.update(webhookEndpoints).set({ previousSecretExpiresAt: sql`now() - interval '1 second'` }).where(eq(webhookEndpoints.id, hook.id));
    await openTicket();
    await deliver(hook.id);
    const after = receiver.at(pathOf(hook.url))[1];
    expect(after?.headers["webhook-signature"]?.split(" ")).toHaveLength(1);
    expect(new Webhook(hook.secret).verify(after?.body ?? "", after?.headers ?? {})).toMatchObject({ type: "ticket.created" });
    expect(() => new Webhook(previous).verify(after?.body ?? "", after?.headers ?? {})).toThrow();
  });

  it("backs off on 500 answers on the schedule, records each answer, then fails the delivery", async () => {
    const path = receiver.path(() => ({ status: 500, body: `Internal error ${"x".repeat(3000)}` }));
    const hook = await endpoint(["ticket.created"], { path });
    await openTicket();
    for (let attempt = 1; attempt <= webhookMaxAttempts; attempt++) {
      const outcome = await deliver(hook.id);
      const [row] = await db
        .select({ status: webhookDeliveries.status, attempts: webhookDeliveries.attempts, responseStatus: webhookDeliveries.responseStatus, head: webhookDeliveries.responseBodyHead, lastError: webhookDeliveries.lastError, wait: sql<number>`extract(epoch from ${webhookDeliveries.nextAttemptAt} - now())::float8` })
        .from(webhookDeliveries)
        .where(ofMine(hook.id));
      expect(row).toMatchObject({ attempts: attempt, responseStatus: 500, lastError: "HTTP 500" });
      expect(row?.head).toHaveLength(1024);
      expect(row?.head?.startsWith("Internal error")).toBe(true);
      const delay = webhookRetryDelaysSeconds[attempt - 1];
      if (delay === undefined) {
        expect(outcome).toMatchObject({ failed: 1 });
        expect(row?.status).toBe("failed");
      } else {
        expect(outcome).toMatchObject({ retried: 1 });
        expect(row?.status).toBe("pending");
        expect(row?.wait).toBeGreaterThan(delay - 5);
        expect(row?.wait).toBeLessThanOrEqual(delay + 1);
        // Not due yet: a pass now sends nothing.
        expect(await deliver(hook.id)).toMatchObject({ succeeded: 0, retried: 0, failed: 0 });
        await makeDue(hook.id);
      }
    }
    expect(webhookRetryDelaysSeconds.reduce((sum, s) => sum + s, 0) / 3600).toBeGreaterThan(24);
    const requests = receiver.at(path);
    expect(requests).toHaveLength(webhookMaxAttempts);
    // Every attempt carries the same webhook-id, so a receiver can drop repeats.
    expect(new Set(requests.map((r) => r.headers["webhook-id"])).size).toBe(1);
    const [endpointRow] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, hook.id));
    expect(endpointRow?.failingSince).toBeInstanceOf(Date);
    expect(endpointRow?.enabled).toBe(true);
  });

  it("switches off an endpoint that failed for a day and mails every active admin once; its waiting deliveries go out when it is back", async () => {
    const [first, second] = [await createUser(db, { role: "admin" }), await createUser(db, { role: "admin" })];
    const retired = await createUser(db, { role: "admin", disabled: true });
    const path = receiver.path(() => ({ status: 503, body: "down" }));
    const hook = await endpoint(["ticket.created"], { path });
    await openTicket();
    await deliver(hook.id);
    await db.update(webhookEndpoints).set({ failingSince: sql`now() - interval '25 hours'` }).where(eq(webhookEndpoints.id, hook.id));
    await makeDue(hook.id);
    await deliver(hook.id);

    const endpointRow = single(await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, hook.id)), "endpoint");
    expect(endpointRow.enabled).toBe(false);
    expect(endpointRow.disabledReason).toMatch(/^Switched off by Frontdesk: every delivery failed for 24 hours \(since .+ UTC\)\. Last error: HTTP 503$/);
    const mails = await db.select().from(outbox).where(like(outbox.idempotencyKey, `webhook-disabled:${hook.id}:%`));
    const recipients = mails.map((m) => m.toAddress);
    expect(recipients).toEqual(expect.arrayContaining([first.email, second.email]));
    expect(recipients).not.toContain(retired.email);
    expect(mails.every((m) => m.template === "webhook-disabled" && m.subject === `Webhook endpoint switched off: ${hook.url}`)).toBe(true);
    expect(mails.find((m) => m.toAddress === first.email)?.text).toContain("HTTP 503");

    // Switched off, its delivery waits: no attempt is spent, and another failure mails no one again.
    const [waiting] = await deliveriesOf(hook.id);
    await makeDue(hook.id);
    expect(await deliver(hook.id)).toMatchObject({ succeeded: 0, retried: 0, failed: 0 });
    expect((await deliveriesOf(hook.id))[0]?.attempts).toBe(waiting?.attempts);
    // An admin fixes the receiver and switches the endpoint on: the delivery goes out, and the endpoint is healthy again.
    const fixed = `${receiver.origin}${receiver.path()}`;
    await db.update(webhookEndpoints).set({ url: fixed, enabled: true, failingSince: null, disabledReason: null }).where(eq(webhookEndpoints.id, hook.id));
    expect(await deliver(hook.id)).toMatchObject({ succeeded: 1 });
    expect(receiver.at(pathOf(fixed))[0]?.headers["webhook-id"]).toBe(waiting?.messageId);
    expect((await db.select().from(outbox).where(like(outbox.idempotencyKey, `webhook-disabled:${hook.id}:%`))).length).toBe(mails.length);
  });

  it("gives up on an answer that does not come in time, and records how long it waited", async () => {
    const hook = await endpoint(["ticket.created"], { path: receiver.path(() => "hang") });
    await openTicket();
    const deliveryIds = (await deliveriesOf(hook.id)).map((row) => row.id);
    expect(await deliverDueWebhooks(db, { deliveryIds, allowPrivate: true, timeoutMs: 300 })).toMatchObject({ retried: 1 });
    const [row] = await deliveriesOf(hook.id);
    expect(row).toMatchObject({ status: "pending", lastError: "No answer within 0.3 s.", responseStatus: null });
    expect(row?.durationMs).toBeGreaterThanOrEqual(290);
  });

  it("clears the failing time on the next success", async () => {
    let failing = true;
    const path = receiver.path(() => (failing ? { status: 502 } : { status: 204 }));
    const hook = await endpoint(["ticket.created"], { path });
    await openTicket();
    await deliver(hook.id);
    expect(single(await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, hook.id)), "endpoint").failingSince).toBeInstanceOf(Date);
    failing = false;
    await makeDue(hook.id);
    expect(await deliver(hook.id)).toMatchObject({ succeeded: 1 });
    expect(single(await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, hook.id)), "endpoint").failingSince).toBeNull();
  });

  it("lets two workers claim at once and delivers each event once; a claim that was never finished is retried later", async () => {
    const hook = await endpoint(["ticket.created"]);
    for (let i = 0; i < 8; i++) await openTicket(`Ticket ${i}`);
    const [a, b] = await Promise.all([deliver(hook.id, true, { limit: 5 }), deliver(hook.id, true, { limit: 5 })]);
    await deliver(hook.id);
    expect((a?.succeeded ?? 0) + (b?.succeeded ?? 0)).toBeGreaterThanOrEqual(5);
    const ids = receiver.at(pathOf(hook.url)).map((r) => r.headers["webhook-id"]);
    expect(ids).toHaveLength(8);
    expect(new Set(ids).size).toBe(8);
    expect((await deliveriesOf(hook.id)).every((row) => row.status === "succeeded" && row.attempts === 1)).toBe(true);

    // A worker claimed this one and died: it waits for the claim to expire, then goes out.
    await openTicket("Claimed by a worker that crashed");
    await db
      .update(webhookDeliveries)
      .set({ status: "delivering", attempts: 1, nextAttemptAt: sql`now() + interval '2 minutes'` })
      .where(and(ofMine(hook.id), eq(webhookDeliveries.status, "pending")));
    expect(await deliver(hook.id)).toMatchObject({ succeeded: 0 });
    await makeDue(hook.id);
    expect(await deliver(hook.id)).toMatchObject({ succeeded: 1 });
    expect(receiver.at(pathOf(hook.url))).toHaveLength(9);
  });

  it("does not follow a redirect (to a private address or anywhere): the 3xx is a failed attempt naming the Location", async () => {
    const target = receiver.path();
    for (const location of ["http://169.254.169.254/latest/meta-data/", `${receiver.origin}${target}`]) {
      const path = receiver.path(() => ({ status: 302, headers: { location } }));
      const hook = await endpoint(["ticket.created"], { path });
      await openTicket();
      expect(await deliver(hook.id)).toMatchObject({ retried: 1 });
      const [row] = await deliveriesOf(hook.id);
      expect(row).toMatchObject({ status: "pending", responseStatus: 302 });
      expect(row?.lastError).toBe(`HTTP 302: redirects are not followed; point the endpoint at ${location} instead.`);
    }
    expect(receiver.at(target)).toEqual([]);
  });

  it("sends ticket.updated with the changed fields", async () => {
    const hook = await endpoint(["ticket.updated"]);
    const agent = await createUser(db, { role: "agent" });
    const ticket = await openTicket();
    await updateTicket(db, agent, { number: ticket.number, version: 1, changes: { priority: "high", tags: ["vip", "billing"] } });
    await deliver(hook.id);
    const [request] = receiver.at(pathOf(hook.url));
    const event = new Webhook(hook.secret).verify(request?.body ?? "", request?.headers ?? {});
    expect(event).toMatchObject({
      type: "ticket.updated",
      data: {
        ticket: { number: ticket.number, priority: "high", tags: ["vip", "billing"], version: 2 },
        changes: { priority: { from: "normal", to: "high" }, tags: { from: [], to: ["vip", "billing"] } },
        actor_id: agent.id,
      },
    });
  });

  it("sends internal notes only to endpoints that opted in, and public replies to both", async () => {
    const [plain, notes] = [await endpoint(["message.created"]), await endpoint(["message.created"], { includeInternalNotes: true })];
    const agent = await createUser(db, { role: "agent" });
    const ticket = await openTicket();
    await addReply(db, agent, { ticketNumber: ticket.number, kind: "internal", body: "Looks like the CSV bug." });
    await addReply(db, agent, { ticketNumber: ticket.number, kind: "public", body: "We are on it." });
    await deliver(plain.id);
    await deliver(notes.id);
    const kinds = (hook: typeof plain) =>
      receiver.at(pathOf(hook.url)).map((r) => (new Webhook(hook.secret).verify(r.body, r.headers) as { data: { message: { kind: string; body: string } } }).data.message);
    expect(kinds(plain)).toEqual([expect.objectContaining({ kind: "public", body: "We are on it." })]);
    expect(kinds(notes)).toEqual([expect.objectContaining({ kind: "internal", body: "Looks like the CSV bug." }), expect.objectContaining({ kind: "public", body: "We are on it." })]);
  });

  it("sends nothing to an endpoint subscribed to other events", async () => {
    const hook = await endpoint(["satisfaction.rated", "ticket.merged"]);
    const agent = await createUser(db, { role: "agent" });
    const ticket = await openTicket();
    await addReply(db, agent, { ticketNumber: ticket.number, kind: "public", body: "Solved, I think.", status: "solved" });
    expect(await deliveriesOf(hook.id)).toEqual([]);
    await deliver(hook.id);
    expect(receiver.at(pathOf(hook.url))).toEqual([]);
  });

  it("judges addresses by range: only public unicast, private ones with the flag, link-local never", () => {
    const refused = [
      ["127.0.0.1", "loopback"],
      ["10.1.2.3", "private"],
      ["172.16.0.1", "private"],
      ["192.168.1.1", "private"],
      ["100.64.0.1", "carrier-grade NAT"],
      ["169.254.169.254", "link-local"],
      ["0.0.0.0", "unspecified"],
      ["224.0.0.1", "multicast"],
      ["255.255.255.255", "broadcast"],
      ["192.0.2.1", "reserved"],
      ["::1", "loopback"],
      ["fe80::1", "link-local"],
      ["fd12:3456::1", "unique local"],
      ["::ffff:127.0.0.1", "loopback"],
      ["::ffff:169.254.169.254", "link-local"],
      ["64:ff9b::a9fe:a9fe", "link-local"],
      ["2002:7f00:1::", "6to4"],
      ["::", "unspecified"],
    ];
    for (const [address, range] of refused) expect(addressProblem(address ?? "", false), address).toContain(range);
    for (const address of ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "64:ff9b::808:808"]) expect(addressProblem(address, false), address).toBeNull();
    for (const address of ["127.0.0.1", "10.1.2.3", "::1", "fd12:3456::1", "100.64.0.1"]) expect(addressProblem(address, true), address).toBeNull();
    for (const address of ["169.254.169.254", "fe80::1", "0.0.0.0", "224.0.0.1"]) expect(addressProblem(address, true), address).not.toBeNull();
  });

  it("tells an admin at save time what is known without DNS", () => {
    expect(knownDestinationProblem("https://hooks.example.com/frontdesk", false)).toBeNull();
    expect(knownDestinationProblem("http://93.184.216.34:8080/in", false)).toBeNull();
    expect(knownDestinationProblem("ftp://hooks.example.com/", false)).toMatch(/only https:\/\/ and http:\/\//);
    expect(knownDestinationProblem("http://[::1]:3000/", false)).toMatch(/::1 is a loopback address/);
    expect(knownDestinationProblem("http://169.254.169.254/latest", true)).toMatch(/link-local/);
    expect(knownDestinationProblem("http://app.localhost/", false)).toMatch(/app\.localhost is this machine/);
    expect(knownDestinationProblem("http://localhost:3000/", true)).toBeNull();
    expect(knownDestinationProblem("http://10.0.0.5/", true)).toBeNull();
  });
});
