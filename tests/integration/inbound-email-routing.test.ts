/**
 * Inbound email, replies: which ticket a reply lands on (signed reply
 * address, then In-Reply-To/References, then the subject number, always for
 * a sender who may see the ticket), what it does there (trimmed body,
 * reopen, follow-up, agent reply), that the same Message-ID is ingested once
 * even when delivered twice at once, and that a refused email leaves nothing
 * half-written.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { attachments, inboundMessages, messages, outbox, ticketEvents, tickets, users } from "@/db/schema";
import { single } from "@/db/rows";
import { ingestRawEmail } from "@/server/email/inbound/ingest";
import { replyAddressFor, staffReplyAddressFor } from "@/server/email/reply-address";
import { consumeRateLimit, rateLimitPolicies } from "@/server/rate-limit";
import { createTicket } from "@/server/tickets/create-ticket";
import { mergeTicket } from "@/server/tickets/merge-tickets";
import type { SessionUser } from "@/server/users/session-user";
import { composeEmail, mailFixture, newMessageId, uniqueAddress } from "../fixtures/mail/load-fixture";
import { createOrganization, createUser } from "../support/factories";
import { useTestDatabase } from "../support/test-db";

describe("inbound email: replies", async () => {
  const { db } = await useTestDatabase();
  const storageRoot = fs.mkdtempSync(path.join(os.tmpdir(), "frontdesk-inbound-"));
  afterAll(() => fs.rmSync(storageRoot, { recursive: true, force: true }));

  const ingest = (raw: Uint8Array, root = storageRoot) => ingestRawEmail(db, raw, { source: "test", storageRoot: root, log: () => {} });
  const openTicket = (requester: SessionUser, subject = "Cannot export invoices to CSV") =>
    createTicket(db, requester, { subject, body: "The export button does nothing.", channel: "web" });
  const threadOf = (ticketId: string) => db.select().from(messages).where(eq(messages.ticketId, ticketId)).orderBy(asc(messages.createdAt), asc(messages.id));
  const ticketById = async (id: string) => single(await db.select().from(tickets).where(eq(tickets.id, id)), "ticket");

  /** An email we sent about the ticket, as the outbox records it; returns its Message-ID. */
  async function sentAbout(ticket: { id: string }): Promise<string> {
    const messageIdHeader = `<reply.${crypto.randomUUID()}@frontdesk.local>`;
    await db.insert(outbox).values({
      idempotencyKey: `test:${messageIdHeader}`,
      template: "public-reply",
      toAddress: "someone@example.test",
      subject: "Re: ticket",
      html: "<p>Hi</p>",
      text: "Hi",
      messageIdHeader,
      ticketId: ticket.id,
      status: "stored",
    });
    return messageIdHeader;
  }

  async function gmailReply(customer: SessionUser, ticket: { id: string; number: number }, messageId = newMessageId()) {
    const sent = await sentAbout(ticket);
    return mailFixture("gmail-reply.eml", {
      FROM: customer.email,
      TO: replyAddressFor(ticket),
      IN_REPLY_TO: sent,
      REFERENCES: `<ticket.${ticket.id}@frontdesk.local> ${sent}`,
      TICKET_NUMBER: ticket.number,
      MESSAGE_ID: messageId,
    });
  }

  describe("replies from mail clients land on their ticket with the quoted history trimmed", () => {
    it("Gmail: by the signed reply address", async () => {
      const customer = await createUser(db);
      const ticket = await openTicket(customer);
      const outcome = await ingest(await gmailReply(customer, ticket));
      expect(outcome).toMatchObject({ status: "reply_added", ticketNumber: ticket.number, duplicate: false });
      expect(outcome.reason).toContain("found by reply address");
      const thread = await threadOf(ticket.id);
      expect(thread).toHaveLength(2);
      expect(thread[1]).toMatchObject({ kind: "public", authorId: customer.id, emailMessageId: outcome.messageId });
      expect(thread[1]?.body).toBe("Thanks, clearing the cache fixed the export. GMAIL-NEW-TEXT\n\nOne more question: can the CSV use semicolons instead of commas?");
      const row = single(await db.select().from(inboundMessages).where(eq(inboundMessages.messageIdHeader, outcome.messageId)), "inbound");
      expect(row).toMatchObject({ status: "reply_added", ticketId: ticket.id, ticketMessageId: thread[1]?.id });
    });

    it("Outlook: by In-Reply-To, cutting at the From/Sent block", async () => {
      const customer = await createUser(db, { name: "Bob Smith" });
      const ticket = await openTicket(customer);
      const sent = await sentAbout(ticket);
      const outcome = await ingest(mailFixture("outlook-reply.eml", { FROM: customer.email, IN_REPLY_TO: sent, REFERENCES: sent, TICKET_NUMBER: ticket.number }));
      expect(outcome).toMatchObject({ status: "reply_added", ticketNumber: ticket.number });
      expect(outcome.reason).toContain("found by In-Reply-To/References");
      const body = (await threadOf(ticket.id))[1]?.body ?? "";
      expect(body).toContain("Hi Sam,\n\nIt still fails for our second user. OUTLOOK-NEW-TEXT");
      for (const history of ["QUOTED-HISTORY-MARKER", "Sent:", "From:", "________"]) expect(body).not.toContain(history);
    });

    it("Apple Mail: by the reply address among To, without 'Sent from my iPhone' or the quote", async () => {
      const customer = await createUser(db);
      const ticket = await openTicket(customer);
      const unknownId = newMessageId();
      const outcome = await ingest(
        mailFixture("apple-mail-reply.eml", { FROM: customer.email, TO: replyAddressFor(ticket), IN_REPLY_TO: unknownId, REFERENCES: unknownId, TICKET_NUMBER: ticket.number }),
      );
      expect(outcome).toMatchObject({ status: "reply_added", ticketNumber: ticket.number });
      expect((await threadOf(ticket.id))[1]?.body).toBe("It broke again this morning — same spinner, no file. APPLE-NEW-TEXT");
    });

    it("by References naming an email that came in earlier on the ticket", async () => {
      const customer = await createUser(db);
      const first = await ingest(composeEmail({ from: customer.email, subject: "Printer offline" }));
      const second = await ingest(composeEmail({ from: customer.email, subject: "Re: Printer offline", references: `${newMessageId()} ${first.messageId}`, body: "Also the scanner." }));
      expect(second).toMatchObject({ status: "reply_added", ticketNumber: first.ticketNumber });
    });
  });

  it("routes by the reply address first, then In-Reply-To/References, then the subject number", async () => {
    const customer = await createUser(db);
    const [a, b, c] = [await openTicket(customer, "A"), await openTicket(customer, "B"), await openTicket(customer, "C")];
    const sentB = await sentAbout(b);
    const subject = `Re: [#${c.number}] C`;

    const byToken = await ingest(composeEmail({ from: customer.email, to: replyAddressFor(a), inReplyTo: sentB, subject }));
    expect(byToken).toMatchObject({ status: "reply_added", ticketNumber: a.number });
    const byReference = await ingest(composeEmail({ from: customer.email, inReplyTo: sentB, subject }));
    expect(byReference).toMatchObject({ status: "reply_added", ticketNumber: b.number });
    const bySubject = await ingest(composeEmail({ from: customer.email, subject }));
    expect(bySubject).toMatchObject({ status: "reply_added", ticketNumber: c.number });
    expect(bySubject.reason).toContain("found by subject");
  });

  it("never posts a stranger's mail on someone's ticket: a valid number or reply address opens a new ticket instead", async () => {
    const owner = await createUser(db);
    const ticket = await openTicket(owner);
    const otherCustomer = await createUser(db);
    const attempts = [
      composeEmail({ from: uniqueAddress("stranger"), subject: `Re: [#${ticket.number}] Cannot export invoices to CSV` }),
      composeEmail({ from: uniqueAddress("stranger"), to: replyAddressFor(ticket), subject: "Re: your ticket" }),
      composeEmail({ from: otherCustomer.email, to: replyAddressFor(ticket), inReplyTo: await sentAbout(ticket), subject: `[#${ticket.number}]` }),
    ];
    for (const raw of attempts) {
      const outcome = await ingest(raw);
      expect(outcome.status).toBe("ticket_created");
      expect(outcome.ticketNumber).not.toBe(ticket.number);
    }
    expect(await threadOf(ticket.id)).toHaveLength(1);
  });

  it("does not route by a reply address whose signature is forged", async () => {
    const customer = await createUser(db);
    const target = await openTicket(customer, "Target");
    const other = await openTicket(customer, "Other");
    const forged = replyAddressFor(target).replace(/-[0-9a-f]{16}@/, "-0123456789abcdef@");
    expect(forged).not.toBe(replyAddressFor(target));

    const alone = await ingest(composeEmail({ from: customer.email, to: forged, subject: "Re: Target" }));
    expect(alone.status).toBe("ticket_created");
    const withSubject = await ingest(composeEmail({ from: customer.email, to: forged, subject: `Re: [#${other.number}] Other` }));
    expect(withSubject).toMatchObject({ status: "reply_added", ticketNumber: other.number });
    expect(await threadOf(target.id)).toHaveLength(1);
  });

  it("lets an organization colleague reply only where the organization shares its tickets", async () => {
    for (const sharesTickets of [true, false]) {
      const organization = await createOrganization(db, { sharesTickets });
      const requester = await createUser(db, { organizationId: organization.id });
      const colleague = await createUser(db, { organizationId: organization.id });
      const ticket = await openTicket(requester);
      const outcome = await ingest(composeEmail({ from: colleague.email, subject: `Re: [#${ticket.number}] Cannot export` }));
      expect(outcome.status, `sharesTickets: ${sharesTickets}`).toBe(sharesTickets ? "reply_added" : "ticket_created");
    }
  });

  it("adds an agent's emailed reply as a public agent reply (first response, new → open)", async () => {
    const customer = await createUser(db);
    const agent = await createUser(db, { role: "agent" });
    const ticket = await openTicket(customer);
    const outcome = await ingest(composeEmail({ from: agent.email, to: staffReplyAddressFor(ticket, agent.id), subject: "Re: export", body: "Fixed on our side, please retry." }));
    expect(outcome.status).toBe("reply_added");
    expect(outcome.reason).toContain(`agent ${agent.email}`);
    expect((await threadOf(ticket.id))[1]).toMatchObject({ kind: "public", authorId: agent.id, body: "Fixed on our side, please retry." });
    const after = await ticketById(ticket.id);
    expect(after.status).toBe("open");
    expect(after.firstResponseAt).not.toBeNull();

    // A subject number alone is not enough for staff mail: an agent's From is easy to forge. Nothing is posted.
    const bySubject = await ingest(composeEmail({ from: agent.email, subject: `Re: [#${ticket.number}] export`, body: "Click this link to re-enter your card." }));
    expect(bySubject.status).toBe("rejected");
    expect(bySubject.ticketNumber).toBeUndefined();
    expect(await threadOf(ticket.id)).toHaveLength(2);
  });

  it("reopens a solved ticket when the requester replies by email", async () => {
    const customer = await createUser(db);
    const ticket = await openTicket(customer);
    await db.update(tickets).set({ status: "solved", solvedAt: new Date() }).where(eq(tickets.id, ticket.id));
    const outcome = await ingest(await gmailReply(customer, ticket));
    expect(outcome).toMatchObject({ status: "reply_added", ticketNumber: ticket.number });
    expect(outcome.reason).toContain("ticket now open");
    expect(await ticketById(ticket.id)).toMatchObject({ status: "open", solvedAt: null });
    const reopened = await db
      .select()
      .from(ticketEvents)
      .where(and(eq(ticketEvents.ticketId, ticket.id), eq(ticketEvents.field, "status")));
    expect(reopened).toMatchObject([{ actorId: customer.id, fromValue: "solved", toValue: "open" }]);
  });

  it("opens a linked follow-up when the requester replies to a closed ticket", async () => {
    const customer = await createUser(db);
    const ticket = await openTicket(customer);
    await db.update(tickets).set({ status: "closed", solvedAt: new Date(), closedAt: new Date() }).where(eq(tickets.id, ticket.id));
    const outcome = await ingest(await gmailReply(customer, ticket));
    expect(outcome.status).toBe("ticket_created");
    expect(outcome.reason).toContain(`of closed ticket #${ticket.number}`);
    const followUp = single(await db.select().from(tickets).where(eq(tickets.number, outcome.ticketNumber ?? -1)), "ticket");
    expect(followUp).toMatchObject({ followUpOfId: ticket.id, requesterId: customer.id });
    expect((await threadOf(followUp.id))[0]?.body).toContain("GMAIL-NEW-TEXT");
    expect(await threadOf(ticket.id)).toHaveLength(1);
  });

  it("follows a merged ticket to the ticket it was merged into", async () => {
    const customer = await createUser(db);
    const agent = await createUser(db, { role: "agent" });
    const duplicate = await openTicket(customer, "Duplicate");
    const survivor = await openTicket(customer, "Survivor");
    await mergeTicket(db, agent, { sourceNumber: duplicate.number, targetNumber: survivor.number });
    const outcome = await ingest(composeEmail({ from: customer.email, to: replyAddressFor(duplicate), subject: "Re: Duplicate" }));
    expect(outcome).toMatchObject({ status: "reply_added", ticketNumber: survivor.number });
  });

  describe("the same Message-ID is ingested once", () => {
    it("reports a redelivery as a duplicate of the first outcome and writes nothing", async () => {
      const customer = await createUser(db);
      const ticket = await openTicket(customer);
      const raw = await gmailReply(customer, ticket);
      const first = await ingest(raw);
      const again = await ingest(raw);
      expect(again).toEqual({ ...first, duplicate: true });
      expect(await threadOf(ticket.id)).toHaveLength(2);
    });

    it("delivered twice at once: exactly one ticket, one account, one message", async () => {
      const from = uniqueAddress("twice");
      const raw = mailFixture("attachments-pdf-and-exe.eml", { FROM: from });
      const outcomes = await Promise.all([ingest(raw), ingest(raw)]);
      expect(outcomes.map((outcome) => outcome.duplicate).sort()).toEqual([false, true]);
      expect(outcomes[0]?.ticketNumber).toBe(outcomes[1]?.ticketNumber);
      expect(outcomes.every((outcome) => outcome.status === "ticket_created")).toBe(true);
      const accounts = await db.select().from(users).where(eq(users.email, from));
      expect(accounts).toHaveLength(1);
      expect(await db.$count(tickets, eq(tickets.requesterId, accounts[0]?.id ?? ""))).toBe(1);
      expect(await db.$count(attachments, eq(attachments.uploaderId, accounts[0]?.id ?? ""))).toBe(1);
    });

    it("two different first emails from one new sender at once: two tickets, one account", async () => {
      const from = uniqueAddress("eager");
      const outcomes = await Promise.all([1, 2, 3].map((n) => ingest(composeEmail({ from, subject: `Question ${n}` }))));
      expect(outcomes.map((outcome) => outcome.status)).toEqual(["ticket_created", "ticket_created", "ticket_created"]);
      const accounts = await db.select().from(users).where(eq(users.email, from));
      expect(accounts).toHaveLength(1);
      expect(await db.$count(tickets, eq(tickets.requesterId, accounts[0]?.id ?? ""))).toBe(3);
    });

    it("a reply delivered twice at once is added once", async () => {
      const customer = await createUser(db);
      const ticket = await openTicket(customer);
      const raw = await gmailReply(customer, ticket);
      const outcomes = await Promise.all([ingest(raw), ingest(raw), ingest(raw)]);
      expect(outcomes.filter((outcome) => !outcome.duplicate)).toHaveLength(1);
      expect(await threadOf(ticket.id)).toHaveLength(2);
    });
  });

  describe("a refused email leaves nothing half-written", () => {
    const filesUnder = (root: string): string[] =>
      fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => entry.name);

    it("rolls back the new account, the uploads and their bytes when the ticket cannot be written", async () => {
      const root = fs.mkdtempSync(path.join(os.tmpdir(), "frontdesk-inbound-rollback-"));
      afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
      // A message already carries this Message-ID (it never went through inbound_messages): writing the new one fails late.
      const taken = newMessageId();
      await createTicket(db, await createUser(db), { subject: "Imported", body: "From an import.", channel: "api", emailMessageId: taken });
      const from = uniqueAddress("late-failure");

      const outcome = await ingest(mailFixture("attachments-pdf-and-exe.eml", { FROM: from, MESSAGE_ID: taken }), root);
      expect(outcome).toMatchObject({ status: "rejected", duplicate: false });
      expect(outcome.reason).toContain("Message-ID is already on another ticket message");
      expect(await db.select().from(users).where(eq(users.email, from))).toEqual([]);
      expect(filesUnder(root)).toEqual([]);
      expect(single(await db.select().from(inboundMessages).where(eq(inboundMessages.messageIdHeader, taken)), "inbound")).toMatchObject({
        status: "rejected",
        ticketId: null,
        ticketMessageId: null,
      });
    });

    it("does not hold emailed requests to the portal's ticket rate limit: a refused email would be a lost request", async () => {
      const root = fs.mkdtempSync(path.join(os.tmpdir(), "frontdesk-inbound-limit-"));
      afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
      const customer = await createUser(db);
      for (let i = 0; i < rateLimitPolicies.ticketCreation.points; i++) await consumeRateLimit(db, "ticketCreation", customer.id);

      const outcome = await ingest(mailFixture("attachments-pdf-and-exe.eml", { FROM: customer.email }), root);
      expect(outcome.status).toBe("ticket_created");
      expect(await db.$count(tickets, eq(tickets.requesterId, customer.id))).toBe(1);
    });
  });
});
