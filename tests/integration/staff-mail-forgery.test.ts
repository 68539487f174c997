/**
 * Forged agent replies by email (issue 12, item 0). An agent's emailed reply
 * is posted as that agent and emailed to the customer, so a forged one is
 * phishing signed by the agent. A From header proves nothing: staff mail must
 * carry what only that staff member was sent — their own signed reply
 * address for the ticket, or the random Message-ID of an email the outbox
 * sent them — and a failing DMARC for their domain refuses it. Refused staff
 * mail is logged as rejected and posts nothing.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { inboundMessages, messages, outbox, tickets } from "@/db/schema";
import { single } from "@/db/rows";
import { ingestRawEmail } from "@/server/email/inbound/ingest";
import { replyAddressFor, staffReplyAddressFor, ticketRootMessageId } from "@/server/email/reply-address";
import { createTicket } from "@/server/tickets/create-ticket";
import type { SessionUser } from "@/server/users/session-user";
import { composeEmail, newMessageId } from "../fixtures/mail/load-fixture";
import { callerFor, createOrganization, createUser } from "../support/factories";
import { useTestDatabase } from "../support/test-db";

describe("forged agent replies by email", async () => {
  const { db } = await useTestDatabase();
  const storageRoot = fs.mkdtempSync(path.join(os.tmpdir(), "frontdesk-staff-mail-"));
  afterAll(() => fs.rmSync(storageRoot, { recursive: true, force: true }));
  const ingest = (raw: Uint8Array) => ingestRawEmail(db, raw, { source: "test", storageRoot, log: () => {} });
  const phishing = "Your card was declined. Re-enter it at https://evil.example/pay";

  /** A customer's ticket assigned to an agent (so the agent has been emailed about it). */
  async function assignedTicket(requester?: SessionUser) {
    const customer = requester ?? (await createUser(db));
    const agent = await createUser(db, { role: "agent" });
    const manager = await createUser(db, { role: "manager" });
    const ticket = await createTicket(db, customer, { subject: "Invoice question", body: "Why was I charged twice?", channel: "web" });
    const { version } = single(await db.select({ version: tickets.version }).from(tickets).where(eq(tickets.id, ticket.id)), "ticket");
    await callerFor(db, manager).desk.update({ number: ticket.number, version, changes: { assigneeId: agent.id } });
    return { customer, agent, ticket };
  }

  const threadOf = (ticketId: string) => db.select().from(messages).where(eq(messages.ticketId, ticketId)).orderBy(asc(messages.createdAt));
  const mailTo = (address: string, template: string) =>
    db.select().from(outbox).where(and(eq(outbox.toAddress, address), eq(outbox.template, template)));

  /** The forged mail was refused, logged as rejected, and nothing reached the thread or the customer. */
  async function expectRefused(raw: Uint8Array, ticketId: string, customerEmail: string) {
    const before = (await threadOf(ticketId)).length;
    const mailedBefore = (await mailTo(customerEmail, "public-reply")).length;
    const outcome = await ingest(raw);
    expect(outcome.status, outcome.reason).toBe("rejected");
    expect(outcome.reason).toMatch(/staff address/);
    const [logged] = await db.select().from(inboundMessages).where(eq(inboundMessages.messageIdHeader, outcome.messageId));
    expect(logged).toMatchObject({ status: "rejected", ticketId: null, ticketMessageId: null });
    expect(await threadOf(ticketId)).toHaveLength(before);
    expect(await mailTo(customerEmail, "public-reply")).toHaveLength(mailedBefore);
    return outcome;
  }

  it("refuses a forged agent reply naming the ticket's root Message-ID (derived from the ticket's UUID)", async () => {
    const { customer, agent, ticket } = await assignedTicket();
    const root = ticketRootMessageId(ticket.id);
    // That id really is on an email we sent (the acknowledgement), which is what made it pass before.
    expect(await db.select().from(outbox).where(eq(outbox.messageIdHeader, root))).toHaveLength(1);
    await expectRefused(composeEmail({ from: agent.email, inReplyTo: root, references: root, subject: "Re: Invoice question", body: phishing }), ticket.id, customer.email);
  });

  it("refuses a forged agent reply naming a Message-ID the attacker planted with an earlier mail", async () => {
    const organization = await createOrganization(db, { sharesTickets: true });
    const requester = await createUser(db, { organizationId: organization.id });
    const colleague = await createUser(db, { organizationId: organization.id });
    const { agent, ticket } = await assignedTicket(requester);
    const planted = newMessageId();
    const first = await ingest(composeEmail({ from: colleague.email, messageId: planted, subject: `Re: [#${ticket.number}] Invoice question`, body: "Adding myself." }));
    expect(first).toMatchObject({ status: "reply_added", ticketNumber: ticket.number });

    await expectRefused(composeEmail({ from: agent.email, inReplyTo: planted, subject: "Re: Invoice question", body: phishing }), ticket.id, requester.email);
  });

  it("refuses a forged agent reply through the ticket's reply address (the one the requester receives)", async () => {
    const { customer, agent, ticket } = await assignedTicket();
    await expectRefused(composeEmail({ from: agent.email, to: replyAddressFor(ticket), subject: "Re: Invoice question", body: phishing }), ticket.id, customer.email);
  });

  it("refuses a forged agent reply naming a Message-ID we sent to the customer, not to the agent", async () => {
    const { customer, agent, ticket } = await assignedTicket();
    await callerFor(db, agent).tickets.reply({ number: ticket.number, body: "We are looking into it." });
    const [sentToCustomer] = await mailTo(customer.email, "public-reply");
    expect(sentToCustomer).toBeDefined();
    await expectRefused(
      composeEmail({ from: agent.email, inReplyTo: sentToCustomer!.messageIdHeader, subject: "Re: Invoice question", body: phishing }),
      ticket.id,
      customer.email,
    );
  });

  it("refuses a forged or altered signed reply address: another agent's, a tampered signature", async () => {
    const { customer, agent, ticket } = await assignedTicket();
    const colleague = await createUser(db, { role: "agent" });
    const tampered = staffReplyAddressFor(ticket, agent.id).replace(/-[0-9a-f]{16}@/, "-0123456789abcdef@");
    for (const to of [staffReplyAddressFor(ticket, colleague.id), tampered]) {
      await expectRefused(composeEmail({ from: agent.email, to, subject: "Re: Invoice question", body: phishing }), ticket.id, customer.email);
    }
  });

  it("refuses a staff reply whose DMARC check failed for the staff domain, even with the right reply address", async () => {
    const { customer, agent, ticket } = await assignedTicket();
    const domain = agent.email.split("@")[1];
    const outcome = await expectRefused(
      composeEmail({
        from: agent.email,
        to: staffReplyAddressFor(ticket, agent.id),
        subject: "Re: Invoice question",
        body: phishing,
        headers: { "Authentication-Results": `mx.frontdesk.local; spf=fail smtp.mailfrom=${domain}; dmarc=fail (p=reject) header.from=${domain}` },
      }),
      ticket.id,
      customer.email,
    );
    expect(outcome.reason).toContain("DMARC");
  });

  it("refuses staff mail sent From a no-reply address with the agent in Reply-To (DMARC would judge the other domain)", async () => {
    const { customer, agent, ticket } = await assignedTicket();
    const outcome = await expectRefused(
      composeEmail({
        from: "noreply@attacker.example",
        to: staffReplyAddressFor(ticket, agent.id),
        subject: "Re: Invoice question",
        body: phishing,
        headers: { "Reply-To": agent.email },
      }),
      ticket.id,
      customer.email,
    );
    expect(outcome.reason).toContain("must come from the staff address itself");
  });

  it("still posts genuine staff mail: the agent's own reply address, or a Message-ID we sent to the agent, with DMARC passing", async () => {
    const { customer, agent, ticket } = await assignedTicket();
    const domain = agent.email.split("@")[1];
    const byAddress = await ingest(
      composeEmail({
        from: agent.email,
        to: staffReplyAddressFor(ticket, agent.id),
        subject: "Re: Invoice question",
        body: "Refunded the duplicate charge.",
        headers: { "Authentication-Results": `mx.frontdesk.local; dmarc=pass header.from=${domain}` },
      }),
    );
    expect(byAddress).toMatchObject({ status: "reply_added", ticketNumber: ticket.number });

    const [assignedMail] = await mailTo(agent.email, "assigned-to-you");
    expect(assignedMail?.replyTo).toBe(staffReplyAddressFor(ticket, agent.id));
    const byMessageId = await ingest(composeEmail({ from: agent.email, inReplyTo: assignedMail!.messageIdHeader, subject: "Re: Invoice question", body: "Done." }));
    expect(byMessageId).toMatchObject({ status: "reply_added", ticketNumber: ticket.number });

    const thread = await threadOf(ticket.id);
    expect(thread.filter((m) => m.authorId === agent.id).map((m) => m.body)).toEqual(["Refunded the duplicate charge.", "Done."]);
    expect(await mailTo(customer.email, "public-reply")).toHaveLength(2);
  });
});
