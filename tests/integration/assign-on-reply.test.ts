/**
 * Answering an unassigned ticket makes it yours (issue 14): an agent's
 * public reply assigns an unassigned ticket to them, recorded as an event,
 * through every door that replies (tRPC, the REST API, staff email), so a
 * second agent does not answer it again. Notes, requester replies and
 * tickets someone already owns stay as they are.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, describe, expect, it, vi } from "vitest";
import { ticketEvents, tickets } from "@/db/schema";
import { single } from "@/db/rows";
import { ingestRawEmail } from "@/server/email/inbound/ingest";
import { staffReplyAddressFor } from "@/server/email/reply-address";
import { getSettings } from "@/server/settings/settings";
import { composeEmail } from "../fixtures/mail/load-fixture";
import { callApi, tokenFor } from "../support/api-client";
import { callerFor, createCategory, createUser } from "../support/factories";
import { endRequestSessions } from "../support/request-session";
import { inRolledBackTransaction, useTestDatabase } from "../support/test-db";

vi.mock("@/server/db", async () => (await import("../support/request-session")).dbModule());
vi.mock("@/server/attachments/storage", async (original) => (await import("../support/request-session")).storageModule(await original()));

describe("first public reply assigns an unassigned ticket", async () => {
  const { db } = await useTestDatabase();
  afterAll(endRequestSessions);
  const storageRoot = fs.mkdtempSync(path.join(os.tmpdir(), "frontdesk-assign-on-reply-"));
  afterAll(() => fs.rmSync(storageRoot, { recursive: true, force: true }));

  async function unassignedTicket() {
    const { category } = await createCategory(db);
    const customer = await createUser(db);
    const created = await callerFor(db, customer).tickets.create({ subject: "Invoice question", body: "Why was I charged twice?", categoryId: category.id });
    const row = single(await db.select().from(tickets).where(eq(tickets.id, created.id)), "ticket");
    expect(row.assigneeId).toBeNull();
    return { customer, ticket: row };
  }

  const assigneeOf = async (id: string) => single(await db.select({ assigneeId: tickets.assigneeId }).from(tickets).where(eq(tickets.id, id)), "ticket").assigneeId;
  const assigneeEvents = (id: string) =>
    db
      .select({ actorId: ticketEvents.actorId, from: ticketEvents.fromValue, to: ticketEvents.toValue })
      .from(ticketEvents)
      .where(and(eq(ticketEvents.ticketId, id), eq(ticketEvents.field, "assignee")));

  it("is on by default", async () => {
    expect((await getSettings(db)).assignOnFirstReply).toBe(true);
  });

  it("leaves the ticket unassigned when an admin has turned the setting off", async () => {
    // Rolled back: other test files may share this database and its one settings row.
    await inRolledBackTransaction(db, async (tx) => {
      const settingsApi = callerFor(tx, await createUser(tx, { role: "admin" })).admin.settings;
      const current = await settingsApi.get();
      await settingsApi.update({ ...omitUpdatedAt(current), assignOnFirstReply: false });
      const { category } = await createCategory(tx);
      const created = await callerFor(tx, await createUser(tx)).tickets.create({ subject: "Invoice question", body: "Charged twice?", categoryId: category.id });
      await callerFor(tx, await createUser(tx, { role: "agent" })).tickets.reply({ number: created.number, body: "Looking into it." });
      const row = single(await tx.select({ assigneeId: tickets.assigneeId }).from(tickets).where(eq(tickets.id, created.id)), "ticket");
      expect(row.assigneeId).toBeNull();
    });
  });

  it("assigns the ticket to the agent who replies publicly, with an event", async () => {
    const { ticket } = await unassignedTicket();
    const agent = await createUser(db, { role: "agent" });
    await callerFor(db, agent).tickets.reply({ number: ticket.number, body: "Refunding the duplicate charge now." });
    expect(await assigneeOf(ticket.id)).toBe(agent.id);
    expect(await assigneeEvents(ticket.id)).toEqual([{ actorId: agent.id, from: null, to: agent.id }]);

    // A colleague's later reply does not take it over.
    const colleague = await createUser(db, { role: "agent" });
    await callerFor(db, colleague).tickets.reply({ number: ticket.number, body: "Adding: the refund takes 3 days.", force: true });
    expect(await assigneeOf(ticket.id)).toBe(agent.id);
    expect(await assigneeEvents(ticket.id)).toHaveLength(1);
  });

  it("leaves the ticket unassigned after an internal note or a requester's reply", async () => {
    const { customer, ticket } = await unassignedTicket();
    const agent = await createUser(db, { role: "agent" });
    await callerFor(db, agent).tickets.reply({ number: ticket.number, body: "Checking with billing.", kind: "internal" });
    await callerFor(db, customer).tickets.reply({ number: ticket.number, body: "Any news?" });
    expect(await assigneeOf(ticket.id)).toBeNull();
    expect(await assigneeEvents(ticket.id)).toEqual([]);
  });

  it("keeps a ticket someone already owns with its owner", async () => {
    const { ticket } = await unassignedTicket();
    const owner = await createUser(db, { role: "agent" });
    const agent = await createUser(db, { role: "agent" });
    await callerFor(db, owner).desk.update({ number: ticket.number, version: ticket.version, changes: { assigneeId: owner.id } });
    await callerFor(db, agent).tickets.reply({ number: ticket.number, body: "Covering for a colleague." });
    expect(await assigneeOf(ticket.id)).toBe(owner.id);
  });

  it("assigns on a reply through the REST API", async () => {
    const { ticket } = await unassignedTicket();
    const agent = await createUser(db, { role: "agent" });
    const answer = await callApi(db, "POST", `/tickets/${ticket.number}/messages`, { token: await tokenFor(db, agent), body: { body: "Refunded." } });
    expect(answer.status).toBe(201);
    expect(await assigneeOf(ticket.id)).toBe(agent.id);
    expect(await assigneeEvents(ticket.id)).toEqual([{ actorId: agent.id, from: null, to: agent.id }]);
  });

  it("assigns on a staff reply by email", async () => {
    const { ticket } = await unassignedTicket();
    const agent = await createUser(db, { role: "agent" });
    const outcome = await ingestRawEmail(
      db,
      composeEmail({
        from: agent.email,
        to: staffReplyAddressFor(ticket, agent.id),
        subject: "Re: Invoice question",
        body: "Refunded the duplicate charge.",
        headers: { "Authentication-Results": `mx.frontdesk.local; dmarc=pass header.from=${agent.email.split("@")[1]}` },
      }),
      { source: "test", storageRoot, log: () => {} },
    );
    expect(outcome).toMatchObject({ status: "reply_added", ticketNumber: ticket.number });
    expect(await assigneeOf(ticket.id)).toBe(agent.id);
  });
});

function omitUpdatedAt<T extends { updatedAt: Date }>(settings: T): Omit<T, "updatedAt"> {
  const editable: Partial<T> = { ...settings };
  delete editable.updatedAt;
  return editable as Omit<T, "updatedAt">;
}
