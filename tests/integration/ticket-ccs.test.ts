/**
 * CCs and followers (issue 15): the people copied on an inbound email become
 * CCs of its ticket as the admin's cc_policy allows (never our own addresses,
 * the requester or staff); a CC reads the ticket and answers it by email or
 * in the portal as themselves, and nobody else gains anything; an agent's
 * public reply goes To the requester and Cc the CCs, from the ticket's
 * mailbox with a Reply-To under its address; agents follow tickets to hear
 * what the assignee hears.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { TRPCError } from "@trpc/server";
import { and, asc, eq, like } from "drizzle-orm";
import { afterAll, describe, expect, it, vi } from "vitest";
import { mailboxes, messages, outbox, ticketCcs, ticketEvents, tickets, users } from "@/db/schema";
import { single } from "@/db/rows";
import type { Db } from "@/db/types";
import { ingestRawEmail } from "@/server/email/inbound/ingest";
import { parseReplyAddress, replyAddressFor } from "@/server/email/reply-address";
import { env } from "@/server/env";
import { liveEventFor } from "@/server/live/live-scope";
import { updateSettings } from "@/server/settings/settings";
import { createTicket } from "@/server/tickets/create-ticket";
import { composeEmail, newMessageId, uniqueAddress } from "../fixtures/mail/load-fixture";
import { callApi, tokenFor } from "../support/api-client";
import { callerFor, createOrganization, createUser } from "../support/factories";
import { endRequestSessions } from "../support/request-session";
import { inRolledBackTransaction, useTestDatabase } from "../support/test-db";

vi.mock("@/server/db", async () => (await import("../support/request-session")).dbModule());
vi.mock("@/server/attachments/storage", async (original) => (await import("../support/request-session")).storageModule(await original()));

describe("ticket CCs and followers", async () => {
  const { db } = await useTestDatabase();
  afterAll(endRequestSessions);
  const storageRoot = fs.mkdtempSync(path.join(os.tmpdir(), "frontdesk-ccs-"));
  afterAll(() => fs.rmSync(storageRoot, { recursive: true, force: true }));

  const ingest = (tx: Db, raw: Uint8Array) => ingestRawEmail(tx, raw, { source: "test", storageRoot, log: () => {} });
  const ccEmailsOf = async (tx: Db, ticketNumber: number | undefined) => {
    const rows = await tx
      .select({ email: users.email })
      .from(ticketCcs)
      .innerJoin(tickets, eq(tickets.id, ticketCcs.ticketId))
      .innerJoin(users, eq(users.id, ticketCcs.userId))
      .where(eq(tickets.number, ticketNumber ?? -1));
    return rows.map((row) => row.email).sort();
  };
  const ticketByNumber = async (tx: Db, number: number | undefined) => single(await tx.select().from(tickets).where(eq(tickets.number, number ?? -1)), "ticket");
  const mailFor = (tx: Db, ticketId: string) => tx.select().from(outbox).where(eq(outbox.ticketId, ticketId)).orderBy(asc(outbox.createdAt), asc(outbox.id));
  const withPolicy = (policy: "off" | "organization" | "anyone", work: (tx: Db) => Promise<void>) =>
    // Rolled back: other test files may share this database and its one settings row.
    inRolledBackTransaction(db, async (tx) => {
      await updateSettings(tx, { ccPolicy: policy });
      await work(tx);
    });

  async function createMailbox(tx: Db) {
    const id = crypto.randomUUID().slice(0, 8);
    return single(await tx.insert(mailboxes).values({ address: `billing-${id}@ccs-${id}.test`, displayName: "Billing" }).returning(), "mailbox");
  }

  describe("inbound email, per cc_policy", () => {
    it("anyone: every other To and Cc becomes a CC (new customers created), never our addresses, the requester or staff", async () => {
      await withPolicy("anyone", async (tx) => {
        const mailbox = await createMailbox(tx);
        const agent = await createUser(tx, { role: "agent" });
        const known = await createUser(tx);
        const from = uniqueAddress("requester");
        const stranger = uniqueAddress("stranger");
        const colleague = uniqueAddress("colleague");
        const support = env.SUPPORT_EMAIL;
        const plusTag = support.replace("@", "+billing@");
        const outcome = await ingest(
          tx,
          composeEmail({
            from: `Rita Requester <${from}>`,
            to: `Support <${support}>, "Colleague, Cara" <${colleague}>`,
            cc: `${stranger}, ${mailbox.address}, ${plusTag}, ${agent.email}, ${known.email}, ${from.toUpperCase()}`,
            subject: "Our invoices are wrong",
          }),
        );
        expect(outcome.status).toBe("ticket_created");
        expect(await ccEmailsOf(tx, outcome.ticketNumber)).toEqual([colleague, known.email, stranger].sort());
        const created = single(await tx.select().from(users).where(eq(users.email, stranger)), "user");
        expect(created).toMatchObject({ role: "customer", passwordHash: null });
        expect(single(await tx.select().from(users).where(eq(users.email, colleague)), "user").name).toBe("Colleague, Cara");
        expect(outcome.reason).toContain("copied");
        // One event, with the list it made.
        const ticket = await ticketByNumber(tx, outcome.ticketNumber);
        const events = await tx.select().from(ticketEvents).where(and(eq(ticketEvents.ticketId, ticket.id), eq(ticketEvents.field, "cc")));
        expect(events).toHaveLength(1);
        expect(events[0]).toMatchObject({ fromValue: null, detail: "copied on an email" });
      });
    });

    it("organization: only people with an account in the requester's organization", async () => {
      await withPolicy("organization", async (tx) => {
        const organization = await createOrganization(tx);
        const requester = await createUser(tx, { organizationId: organization.id });
        const colleague = await createUser(tx, { organizationId: organization.id });
        const outsider = await createUser(tx);
        const stranger = uniqueAddress("stranger");
        const outcome = await ingest(tx, composeEmail({ from: requester.email, cc: `${colleague.email}, ${outsider.email}, ${stranger}`, subject: "Seats" }));
        expect(outcome.status).toBe("ticket_created");
        expect(await ccEmailsOf(tx, outcome.ticketNumber)).toEqual([colleague.email]);
        expect(await tx.select().from(users).where(eq(users.email, stranger))).toEqual([]);
      });
    });

    it("off: nobody", async () => {
      await withPolicy("off", async (tx) => {
        const organization = await createOrganization(tx);
        const requester = await createUser(tx, { organizationId: organization.id });
        const colleague = await createUser(tx, { organizationId: organization.id });
        const outcome = await ingest(tx, composeEmail({ from: requester.email, cc: `${colleague.email}, ${uniqueAddress()}`, subject: "Seats" }));
        expect(outcome.status).toBe("ticket_created");
        expect(await ccEmailsOf(tx, outcome.ticketNumber)).toEqual([]);
      });
    });

    it("adds the people a reply copies in, when the reply came through the ticket's reply address; not by a subject number alone", async () => {
      await withPolicy("anyone", async (tx) => {
        const requester = await createUser(tx);
        const ticket = await createTicket(tx, requester, { subject: "Export broken", body: "The export does nothing.", channel: "web" });
        const boss = uniqueAddress("boss");
        const reply = await ingest(tx, composeEmail({ from: requester.email, to: replyAddressFor(ticket), cc: boss, subject: `Re: [#${ticket.number}] Export broken`, body: "Copying my boss." }));
        expect(reply).toMatchObject({ status: "reply_added", ticketNumber: ticket.number });
        expect(await ccEmailsOf(tx, ticket.number)).toEqual([boss]);

        const other = uniqueAddress("other");
        const bySubject = await ingest(tx, composeEmail({ from: requester.email, cc: other, subject: `Re: [#${ticket.number}] Export broken`, body: "And another." }));
        expect(bySubject).toMatchObject({ status: "reply_added", ticketNumber: ticket.number });
        expect(await ccEmailsOf(tx, ticket.number)).toEqual([boss]);
      });
    });
  });

  describe("what a CC may do", () => {
    async function copiedTicket(tx: Db) {
      const requester = await createUser(tx);
      const cc = await createUser(tx);
      const ticket = await createTicket(tx, requester, { subject: "Printer on fire", body: "It is really on fire.", channel: "web" });
      const agent = await createUser(tx, { role: "agent" });
      await callerFor(tx, agent).desk.ccs.add({ number: ticket.number, email: cc.email });
      return { requester, cc, ticket, agent };
    }

    it("answers by email: a public comment as themselves", async () => {
      await withPolicy("anyone", async (tx) => {
        const { cc, ticket } = await copiedTicket(tx);
        const messageId = newMessageId();
        const outcome = await ingest(tx, composeEmail({ from: cc.email, to: replyAddressFor(ticket), subject: `Re: [#${ticket.number}] Printer on fire`, body: "Still burning.", messageId }));
        expect(outcome).toMatchObject({ status: "reply_added", ticketNumber: ticket.number });
        const [message] = await tx.select().from(messages).where(eq(messages.emailMessageId, messageId));
        expect(message).toMatchObject({ ticketId: ticket.id, authorId: cc.id, kind: "public", body: "Still burning." });
      });
    });

    it("reads the ticket and replies in the portal; another customer can do neither; neither can mark it solved", async () => {
      await withPolicy("anyone", async (tx) => {
        const { cc, ticket } = await copiedTicket(tx);
        const stranger = await createUser(tx);
        const detail = await callerFor(tx, cc).tickets.get({ number: ticket.number });
        expect(detail.ticket.id).toBe(ticket.id);
        expect(detail.ccs.map((person) => person.email)).toEqual([cc.email]);
        // Listed among their own tickets in the portal.
        expect((await callerFor(tx, cc).tickets.list({ scope: "mine" })).items.map((item) => item.number)).toContain(ticket.number);
        expect((await callerFor(tx, stranger).tickets.list({ scope: "mine" })).items.map((item) => item.number)).not.toContain(ticket.number);
        await callerFor(tx, cc).tickets.reply({ number: ticket.number, body: "Adding the model number: X-100." });
        await expect(callerFor(tx, stranger).tickets.get({ number: ticket.number })).rejects.toMatchObject({ code: "NOT_FOUND" });
        await expect(callerFor(tx, stranger).tickets.reply({ number: ticket.number, body: "Let me in." })).rejects.toMatchObject({ code: "NOT_FOUND" });
        const solve = callerFor(tx, cc).tickets.solve({ number: ticket.number });
        await expect(solve).rejects.toBeInstanceOf(TRPCError);
        await expect(solve).rejects.toMatchObject({ code: "FORBIDDEN" });
      });
    });

    it("hears the ticket's live events; another customer does not", async () => {
      const cc = await createUser(db);
      const stranger = await createUser(db);
      const notice = { event: "ticket" as const, ticketId: crypto.randomUUID(), number: 1, requesterId: crypto.randomUUID(), organizationId: null, ccIds: [cc.id], version: 1 };
      expect(liveEventFor(cc, notice)).toEqual({ event: "ticket", number: 1, version: 1 });
      expect(liveEventFor(stranger, notice)).toBeNull();
    });

    it("stops seeing the ticket once an agent removes them, with both changes on the timeline", async () => {
      await withPolicy("anyone", async (tx) => {
        const { cc, ticket, agent } = await copiedTicket(tx);
        await callerFor(tx, agent).desk.ccs.remove({ number: ticket.number, userId: cc.id });
        await expect(callerFor(tx, cc).tickets.get({ number: ticket.number })).rejects.toMatchObject({ code: "NOT_FOUND" });
        const { timeline } = await callerFor(tx, agent).tickets.get({ number: ticket.number });
        expect(timeline.filter((event) => event.field === "cc").map((event) => [event.fromValue, event.toValue])).toEqual([
          [null, cc.email],
          [cc.email, null],
        ]);
      });
    });
  });

  it("agents may copy anyone even with the policy off, but never our own addresses, the requester or a colleague", async () => {
    await withPolicy("off", async (tx) => {
      const requester = await createUser(tx);
      const agent = await createUser(tx, { role: "agent" });
      const ticket = await createTicket(tx, requester, { subject: "Copy my colleague", body: "Please copy Dana.", channel: "web" });
      const api = callerFor(tx, agent).desk.ccs;
      const dana = uniqueAddress("dana");
      expect((await api.add({ number: ticket.number, email: dana })).ccs.map((cc) => cc.email)).toEqual([dana]);
      for (const email of [env.SUPPORT_EMAIL, env.SUPPORT_EMAIL.replace("@", "+42-abc@"), requester.email, agent.email, "not an address"]) {
        await expect(api.add({ number: ticket.number, email }), email).rejects.toMatchObject({ code: "BAD_REQUEST" });
      }
      await expect(callerFor(tx, requester).desk.ccs.add({ number: ticket.number, email: uniqueAddress() })).rejects.toMatchObject({ code: "FORBIDDEN" });
    });
  });

  it("an agent's public reply goes To the requester, Cc the CCs, from the ticket's mailbox with a Reply-To under its address", async () => {
    await withPolicy("anyone", async (tx) => {
      const mailbox = await createMailbox(tx);
      const requester = uniqueAddress("requester");
      const copied = uniqueAddress("copied");
      const created = await ingest(tx, composeEmail({ from: requester, to: mailbox.address, cc: `${copied}, ${env.SUPPORT_EMAIL}`, subject: "Refund please" }));
      const ticket = await ticketByNumber(tx, created.ticketNumber);
      expect(ticket.mailboxId).toBe(mailbox.id);
      const agent = await createUser(tx, { role: "agent" });
      await callerFor(tx, agent).tickets.reply({ number: ticket.number, body: "Refunded." });
      const sent = (await mailFor(tx, ticket.id)).filter((row) => row.template === "public-reply");
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatchObject({ toAddress: requester, ccAddresses: [copied], mailboxId: mailbox.id });
      expect(parseReplyAddress(sent[0]?.replyTo ?? "", mailbox.address)).toMatchObject({ number: ticket.number });
      // Every ticket email goes out from the ticket's mailbox, the acknowledgement included.
      expect((await mailFor(tx, ticket.id)).every((row) => row.mailboxId === mailbox.id)).toBe(true);

      // Solving with a rating request: the rating links stay the requester's; the CCs get their own copy.
      await updateSettings(tx, { satisfactionSurveys: true });
      await callerFor(tx, agent).tickets.reply({ number: ticket.number, body: "All done.", status: "solved", force: true });
      const solving = (await mailFor(tx, ticket.id)).filter((row) => row.template === "public-reply" && row.idempotencyKey !== sent[0]?.idempotencyKey);
      expect(solving.map((row) => [row.toAddress, row.ccAddresses]).sort()).toEqual([
        [copied, []],
        [requester, []],
      ].sort());
      expect(solving.find((row) => row.toAddress === requester)?.html).toContain("/rate/");
      expect(solving.find((row) => row.toAddress === copied)?.html).not.toContain("/rate/");
    });
  });

  it("REST: the ticket resource lists its CCs; staff PATCH replaces or adds them, all or nothing", async () => {
    const requester = await createUser(db);
    const agent = await createUser(db, { role: "agent" });
    const ticket = await createTicket(db, requester, { subject: "API copies", body: "Copy people through the API.", channel: "api" });
    const version = async () => (await ticketByNumber(db, ticket.number)).version;
    const agentToken = await tokenFor(db, agent);
    const first = uniqueAddress("first");
    const second = uniqueAddress("second");
    const patched = await callApi(db, "PATCH", `/tickets/${ticket.number}`, { token: agentToken, body: { version: await version(), cc: [first, second] } });
    expect(patched.status).toBe(200);
    expect((patched.body as { cc: { email: string }[] }).cc.map((cc) => cc.email).sort()).toEqual([first, second].sort());

    const third = uniqueAddress("third");
    const added = await callApi(db, "PATCH", `/tickets/${ticket.number}`, { token: agentToken, body: { version: await version(), cc: [second], add_cc: [third], priority: "high" } });
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({ priority: "high" });
    expect((added.body as { cc: { email: string }[] }).cc.map((cc) => cc.email).sort()).toEqual([second, third].sort());

    // One bad address refuses the whole change.
    const refused = await callApi(db, "PATCH", `/tickets/${ticket.number}`, { token: agentToken, body: { version: await version(), cc: [env.SUPPORT_EMAIL], priority: "low" } });
    expect(refused.status).toBe(422);
    expect(await ccEmailsOf(db, ticket.number)).toEqual([second, third].sort());
    expect((await ticketByNumber(db, ticket.number)).priority).toBe("high");

    const requesterToken = await tokenFor(db, requester);
    const read = await callApi(db, "GET", `/tickets/${ticket.number}`, { token: requesterToken });
    expect((read.body as { cc: { email: string }[] }).cc).toHaveLength(2);
    const forbidden = await callApi(db, "PATCH", `/tickets/${ticket.number}`, { token: requesterToken, body: { version: await version(), cc: [] } });
    expect(forbidden.status).toBe(403);
  });

  describe("followers", () => {
    async function assignedTicket() {
      const requester = await createUser(db);
      const assignee = await createUser(db, { role: "agent" });
      const follower = await createUser(db, { role: "agent" });
      const ticket = await createTicket(db, requester, { subject: "Follow me", body: "Something to follow.", channel: "web" });
      await callerFor(db, assignee).desk.update({ number: ticket.number, version: (await ticketByNumber(db, ticket.number)).version, changes: { assigneeId: assignee.id } });
      return { requester, assignee, follower, ticket };
    }
    const customerReplies = async (ticketId: string) =>
      (await db.select().from(outbox).where(and(eq(outbox.ticketId, ticketId), like(outbox.idempotencyKey, "customer-reply:%")))).map((row) => row.toAddress).sort();

    it("a follower hears a customer's reply as the assignee does, once each; unfollowing stops it", async () => {
      const { requester, assignee, follower, ticket } = await assignedTicket();
      const state = await callerFor(db, follower).desk.follow({ number: ticket.number });
      expect(state).toEqual({ following: true, count: 1 });
      // The assignee following too is still one email.
      await callerFor(db, assignee).desk.follow({ number: ticket.number });
      await callerFor(db, requester).tickets.reply({ number: ticket.number, body: "Any news?" });
      expect(await customerReplies(ticket.id)).toEqual([assignee.email, follower.email].sort());

      expect(await callerFor(db, follower).desk.unfollow({ number: ticket.number })).toEqual({ following: false, count: 1 });
      await callerFor(db, requester).tickets.reply({ number: ticket.number, body: "Hello?" });
      expect(await customerReplies(ticket.id)).toEqual([assignee.email, assignee.email, follower.email].sort());
    });

    it("never tells a follower about their own action, and the desk page shows who follows", async () => {
      const { follower, ticket } = await assignedTicket();
      await callerFor(db, follower).desk.follow({ number: ticket.number });
      await callerFor(db, follower).tickets.reply({ number: ticket.number, body: "Internal thought.", kind: "internal" });
      expect(await customerReplies(ticket.id)).toEqual([]);
      expect((await callerFor(db, follower).tickets.get({ number: ticket.number })).following).toEqual({ following: true, count: 1 });
    });
  });
});

