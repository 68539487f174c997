/**
 * The fan-out from every writer of tickets to the webhook outbox: each
 * domain function that creates, changes, answers, merges, solves or rates a
 * ticket writes the events its change means, in its own transaction (a
 * refused change writes none), with the ticket in the REST API's shape, one
 * webhook-id per event for every endpoint, internal notes only for endpoints
 * that opted in, and nothing for system messages or for endpoints that did
 * not subscribe. No HTTP here: webhook-delivery.test.ts sends them.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { teamMembers, teams, tickets, webhookDeliveries, webhookEventTypes } from "@/db/schema";
import { single } from "@/db/rows";
import { changedFields } from "@/server/events/ticket-activity";
import { uploadAttachment } from "@/server/attachments/upload";
import { ingestRawEmail } from "@/server/email/inbound/ingest";
import { replyAddressFor } from "@/server/email/reply-address";
import { autoCloseSolvedTickets } from "@/server/jobs/auto-close";
import { rateAsRequester } from "@/server/satisfaction/rate-ticket";
import { getSettings, updateSettings } from "@/server/settings/settings";
import { addReply } from "@/server/tickets/add-reply";
import { createTicket } from "@/server/tickets/create-ticket";
import { mergeTicket } from "@/server/tickets/merge-tickets";
import { solveAsRequester } from "@/server/tickets/solve-as-requester";
import { bulkUpdateTickets, updateTicket } from "@/server/tickets/update-ticket";
import type { SessionUser } from "@/server/users/session-user";
import { composeEmail, uniqueAddress } from "../fixtures/mail/load-fixture";
import { callerFor, createCategory, createUser, unique } from "../support/factories";
import { useTestDatabase } from "../support/test-db";
import { createTestEndpoint, switchOffEndpoints } from "../support/webhook-receiver";

type Event = { type: string; timestamp: string; data: Record<string, unknown> };

describe("webhook events from every ticket writer", async () => {
  const { db } = await useTestDatabase();
  const storageRoot = fs.mkdtempSync(path.join(os.tmpdir(), "frontdesk-webhook-events-"));
  // Two listeners to everything, one of them also to internal notes; nothing is sent from here.
  let everything: { id: string };
  let withNotes: { id: string };
  let agent: SessionUser;

  beforeAll(async () => {
    everything = await createTestEndpoint(db, { url: "https://receiver.example.test/all", events: [...webhookEventTypes] });
    withNotes = await createTestEndpoint(db, { url: "https://receiver.example.test/notes", events: [...webhookEventTypes], includeInternalNotes: true });
    agent = await createUser(db, { role: "agent", name: unique("Agent") });
  });
  afterAll(async () => {
    await switchOffEndpoints(db, [everything.id, withNotes.id]);
    fs.rmSync(storageRoot, { recursive: true, force: true });
  });

  /** The events an endpoint got for a ticket, in the order they happened. */
  async function eventsOf(ticketId: string, endpointId = withNotes.id): Promise<Event[]> {
    const rows = await db
      .select({ payload: webhookDeliveries.payload })
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.ticketId, ticketId), eq(webhookDeliveries.endpointId, endpointId)))
      .orderBy(asc(webhookDeliveries.createdAt));
    return rows.map((row) => row.payload as Event);
  }
  const typesOf = async (ticketId: string, endpointId?: string) => (await eventsOf(ticketId, endpointId)).map((e) => e.type);

  async function openTicket(options: { categoryId?: string; requester?: SessionUser } = {}) {
    const requester = options.requester ?? (await createUser(db, { name: unique("Customer") }));
    const created = await createTicket(db, requester, { subject: "Export is broken", body: "The export button does nothing.", categoryId: options.categoryId });
    return { requester, ...created };
  }
  const versionOf = async (id: string) => single(await db.select({ version: tickets.version }).from(tickets).where(eq(tickets.id, id)), "ticket").version;

  it("ticket.created from the portal: the ticket as the API shows it, and its first message with attachments", async () => {
    const requester = await createUser(db, { name: unique("Customer") });
    const file = await uploadAttachment(db, requester, { name: "steps.txt", bytes: new TextEncoder().encode("1. click export") }, { storageRoot });
    const created = await createTicket(db, requester, { subject: "Export is broken", body: "See the steps.", attachmentIds: [file.id] });
    const [event] = await eventsOf(created.id);
    expect(await typesOf(created.id)).toEqual(["ticket.created"]);
    expect(event?.data).toMatchObject({
      ticket: { id: created.id, number: created.number, subject: "Export is broken", status: "new", channel: "web", requester_id: requester.id, tags: [] },
      message: { ticket_number: created.number, kind: "public", body: "See the steps.", author: { id: requester.id, role: "customer" }, attachments: [{ id: file.id, file_name: "steps.txt" }] },
      follow_up_of_id: null,
    });
    // The same webhook-id for every endpoint of one event.
    const ids = await db.selectDistinct({ id: webhookDeliveries.messageId }).from(webhookDeliveries).where(and(eq(webhookDeliveries.ticketId, created.id), eq(webhookDeliveries.eventType, "ticket.created")));
    expect(ids).toHaveLength(1);
    expect(await typesOf(created.id, everything.id)).toEqual(["ticket.created"]);
  });

  it("ticket.created from email, and message.created for the customer's emailed reply", async () => {
    const ingest = (raw: Uint8Array) => ingestRawEmail(db, raw, { source: "test", storageRoot, log: () => {} });
    const from = uniqueAddress("mail");
    const outcome = await ingest(composeEmail({ from, subject: "Invoice missing" }));
    const ticket = single(await db.select({ id: tickets.id, number: tickets.number }).from(tickets).where(eq(tickets.number, outcome.ticketNumber ?? -1)), "ticket");
    await ingest(composeEmail({ from, to: replyAddressFor(ticket), subject: "Re: Invoice missing", body: "Any news?" }));
    const events = await eventsOf(ticket.id);
    expect(events.map((e) => e.type)).toEqual(["ticket.created", "message.created"]);
    expect(events[0]?.data).toMatchObject({ ticket: { channel: "email" } });
    expect(events[1]?.data).toMatchObject({ ticket_id: ticket.id, message: { kind: "public", body: "Any news?", author: { role: "customer" } } });
  });

  it("ticket.updated for an edit and a bulk edit, with the changed fields and who changed them; nothing for a refused edit", async () => {
    const { category } = await createCategory(db);
    const a = await openTicket({ categoryId: category.id });
    await updateTicket(db, agent, { number: a.number, version: await versionOf(a.id), changes: { status: "open", assigneeId: agent.id, tags: ["vip"] } });
    const [, updated] = await eventsOf(a.id);
    expect(updated).toMatchObject({
      type: "ticket.updated",
      data: {
        ticket: { status: "open", assignee_id: agent.id, tags: ["vip"] },
        changes: { status: { from: "new", to: "open" }, assignee_id: { from: null, to: agent.id }, tags: { from: [], to: ["vip"] } },
        actor_id: agent.id,
      },
    });
    await expect(updateTicket(db, agent, { number: a.number, version: 1, changes: { priority: "low" } })).rejects.toThrow(/changed ticket/);
    expect(await eventsOf(a.id)).toHaveLength(2);

    const b = await openTicket();
    await bulkUpdateTickets(db, agent, { numbers: [a.number, b.number], changes: { priority: "urgent", addTags: ["outage"] } });
    for (const ticket of [a, b]) {
      const last = (await eventsOf(ticket.id)).at(-1);
      expect(last).toMatchObject({ type: "ticket.updated", data: { changes: { priority: { from: "normal", to: "urgent" } }, actor_id: agent.id } });
    }
  });

  it("a reply: message.created, then the status it implies; solving also sends ticket.solved", async () => {
    const { requester, id, number } = await openTicket();
    await addReply(db, agent, { ticketNumber: number, kind: "public", body: "Try again now.", status: "solved" });
    const events = await eventsOf(id);
    expect(events.map((e) => e.type)).toEqual(["ticket.created", "message.created", "ticket.updated", "ticket.solved"]);
    expect(events[2]?.data).toMatchObject({ changes: { status: { from: "new", to: "solved" }, first_response_at: { from: null } }, actor_id: agent.id });
    expect(events[3]?.data).toMatchObject({ ticket: { status: "solved" }, actor_id: agent.id });
    // The requester's reply reopens it.
    await addReply(db, requester, { ticketNumber: number, kind: "public", body: "Still broken." });
    expect((await eventsOf(id)).slice(4).map((e) => [e.type, e.data.changes ?? null])).toEqual([
      ["message.created", null],
      ["ticket.updated", { status: { from: "solved", to: "open" } }],
    ]);
  });

  it("internal notes reach only endpoints that opted in", async () => {
    const { id, number } = await openTicket();
    await addReply(db, agent, { ticketNumber: number, kind: "internal", body: "Escalating to engineering." });
    expect(await typesOf(id, withNotes.id)).toEqual(["ticket.created", "message.created"]);
    expect(await typesOf(id, everything.id)).toEqual(["ticket.created"]);
  });

  it("a requester marking a ticket solved sends ticket.updated and ticket.solved", async () => {
    const { requester, id, number } = await openTicket();
    await solveAsRequester(db, requester, number);
    expect((await eventsOf(id)).slice(1)).toMatchObject([
      { type: "ticket.updated", data: { changes: { status: { from: "new", to: "solved" } }, actor_id: requester.id } },
      { type: "ticket.solved", data: { actor_id: requester.id } },
    ]);
  });

  it("a reply to a closed ticket opens a follow-up: ticket.created with follow_up_of_id", async () => {
    const { requester, id, number } = await openTicket();
    await db.update(tickets).set({ status: "closed", closedAt: new Date() }).where(eq(tickets.id, id));
    const result = await addReply(db, requester, { ticketNumber: number, kind: "public", body: "It broke again." });
    expect(result.kind).toBe("follow_up");
    const followUp = single(await db.select({ id: tickets.id }).from(tickets).where(eq(tickets.number, result.kind === "follow_up" ? result.number : -1)), "ticket");
    expect(await eventsOf(followUp.id)).toMatchObject([{ type: "ticket.created", data: { follow_up_of_id: id, message: { body: "It broke again." } } }]);
    // The closed ticket's timeline notes the follow-up, which is no property change.
    expect(await typesOf(id)).toEqual(["ticket.created"]);
  });

  it("automation rules and automatic assignment send ticket.updated with no actor, and a rule's note is an internal message", async () => {
    const admin = await createUser(db, { role: "admin" });
    const { category, team } = await createCategory(db);
    await db.update(teams).set({ assignmentMode: "round_robin" }).where(eq(teams.id, team.id));
    await db.insert(teamMembers).values({ teamId: team.id, userId: agent.id });
    await callerFor(db, admin).admin.automations.create({
      name: unique("Rule"),
      matchAll: true,
      runOnCreate: false,
      runOnUpdate: true,
      conditions: [{ field: "category", operator: "is", value: category.id }],
      actions: [
        { type: "set_priority", value: "high" },
        { type: "add_internal_note", value: "Raised by rule." },
      ],
    });
    const { id, number } = await openTicket({ categoryId: category.id });
    expect((await eventsOf(id)).map((e) => [e.type, e.data.changes ?? null, e.data.actor_id ?? null])).toEqual([
      ["ticket.created", null, null],
      ["ticket.updated", { assignee_id: { from: null, to: agent.id } }, null],
    ]);
    await updateTicket(db, agent, { number, version: await versionOf(id), changes: { status: "pending" } });
    const later = (await eventsOf(id)).slice(2);
    expect(later.map((e) => e.type)).toEqual(["ticket.updated", "message.created", "ticket.updated"]);
    expect(later[1]?.data).toMatchObject({ message: { kind: "internal", body: "Raised by rule.", author: null } });
    expect(later[2]?.data).toMatchObject({ changes: { priority: { from: "normal", to: "high" } }, actor_id: null });
    expect(await typesOf(id, everything.id)).not.toContain("message.created");
  });

  it("auto-close sends ticket.updated from solved to closed", async () => {
    const { id } = await openTicket();
    await db.update(tickets).set({ status: "solved", solvedAt: sql`now() - interval '60 days'` }).where(eq(tickets.id, id));
    await autoCloseSolvedTickets(db);
    expect((await eventsOf(id)).at(-1)).toMatchObject({ type: "ticket.updated", data: { ticket: { status: "closed" }, changes: { status: { from: "solved", to: "closed" } }, actor_id: null } });
  });

  it("a merge sends ticket.merged with source and target, and the source's closing; copied and system messages send nothing", async () => {
    const requester = await createUser(db, { name: unique("Customer") });
    const source = await openTicket({ requester });
    const target = await openTicket({ requester });
    await mergeTicket(db, agent, { sourceNumber: source.number, targetNumber: target.number });
    const events = (await eventsOf(source.id)).slice(1);
    expect(events.map((e) => e.type)).toEqual(["ticket.updated", "ticket.merged"]);
    expect(events[1]?.data).toMatchObject({
      source: { id: source.id, status: "closed", merged_into_id: target.id },
      target: { id: target.id, number: target.number },
      actor_id: agent.id,
    });
    expect(await typesOf(target.id)).toEqual(["ticket.created"]);
  });

  it("satisfaction.rated for a rating and for a comment added later, not for the same rating again; a bad rating's reopen is ticket.updated", async () => {
    const { requester, id, number } = await openTicket();
    await addReply(db, agent, { ticketNumber: number, kind: "public", body: "Fixed.", status: "solved" });
    const before = (await eventsOf(id)).length;
    await rateAsRequester(db, requester, { number, score: "good" });
    await rateAsRequester(db, requester, { number, score: "good" });
    await rateAsRequester(db, requester, { number, score: "good", comment: "Quick and kind." });
    const ratings = (await eventsOf(id)).slice(before);
    expect(ratings).toMatchObject([
      { type: "satisfaction.rated", data: { ticket: { id }, rating: { score: "good", comment: null } } },
      { type: "satisfaction.rated", data: { rating: { score: "good", comment: "Quick and kind." } } },
    ]);
    expect(ratings).toHaveLength(2);
    const { reopenOnBadRating } = await getSettings(db);
    await updateSettings(db, { reopenOnBadRating: true });
    try {
      await rateAsRequester(db, requester, { number, score: "bad", comment: "It broke again." });
    } finally {
      await updateSettings(db, { reopenOnBadRating });
    }
    expect((await eventsOf(id)).slice(before + 2)).toMatchObject([
      { type: "satisfaction.rated", data: { rating: { score: "bad", comment: "It broke again." } } },
      { type: "ticket.updated", data: { changes: { status: { from: "solved", to: "open" } }, actor_id: null } },
    ]);
  });

  it("writes nothing when no enabled endpoint listens, and nothing for endpoints of other events", async () => {
    const other = await createTestEndpoint(db, { url: "https://receiver.example.test/other", events: ["satisfaction.rated"] });
    await switchOffEndpoints(db, [everything.id, withNotes.id]);
    try {
      const { id, number } = await openTicket();
      await addReply(db, agent, { ticketNumber: number, kind: "public", body: "On it.", status: "pending" });
      // (Other test files' endpoints may listen on a shared PostgreSQL: only this file's are asked.)
      const ours = inArray(webhookDeliveries.endpointId, [everything.id, withNotes.id, other.id]);
      expect(await db.select().from(webhookDeliveries).where(and(eq(webhookDeliveries.ticketId, id), ours))).toEqual([]);
    } finally {
      await db.update(webhookDeliveries).set({ status: "failed" }).where(eq(webhookDeliveries.endpointId, other.id));
      await switchOffEndpoints(db, [other.id]);
      await db.execute(sql`update webhook_endpoints set enabled = true where id in (${everything.id}::uuid, ${withNotes.id}::uuid)`);
    }
  });

  it("reports property changes by resource field, folds repeats, and ignores timeline-only events", () => {
    expect(
      changedFields([
        { field: "priority", from: "normal", to: "high" },
        { field: "priority", from: "high", to: "urgent" },
        { field: "tags", from: null, to: "a, b" },
        { field: "team", from: "t1", to: "t2" },
        { field: "team", from: "t2", to: "t1" },
        { field: "sla_breached", to: "first_response" },
        { field: "automation", detail: "skipped" },
        { field: "created", to: "new" },
        { field: "satisfaction", to: "good" },
        { field: "cf:order_number", from: null, to: "ORD-1" },
      ]),
    ).toEqual({ priority: { from: "normal", to: "urgent" }, tags: { from: [], to: ["a", "b"] }, "custom_fields.order_number": { from: null, to: "ORD-1" } });
  });
});
