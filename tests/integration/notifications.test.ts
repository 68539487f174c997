/**
 * Which emails a ticket's life sends, to whom, threaded how: each written in
 * the transaction of the change that caused it.
 */
import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { outbox, tickets } from "@/db/schema";
import { parseReplyAddress, verifyReplySignature } from "@/server/email/reply-address";
import { ticketRootMessageId } from "@/server/email/notifications";
import { callerFor, createCategory, createUser } from "../support/factories";
import { useTestDatabase } from "../support/test-db";

describe("ticket notifications", async () => {
  const { db } = await useTestDatabase();

  async function setup() {
    const { category } = await createCategory(db);
    const customer = await createUser(db, { name: "Dana Example" });
    const agent = await createUser(db, { role: "agent", name: "Alex Agent" });
    const other = await createUser(db, { role: "agent", name: "Sam Second" });
    const { number } = await callerFor(db, customer).tickets.create({ subject: "Export is broken", body: "The **export** button does nothing.", categoryId: category.id });
    const [ticket] = await db.select().from(tickets).where(eq(tickets.number, number));
    return { customer, agent, other, number, ticketId: ticket!.id };
  }
  const mailFor = (ticketId: string) => db.select().from(outbox).where(eq(outbox.ticketId, ticketId)).orderBy(asc(outbox.createdAt));

  it("acknowledges a new ticket to the requester, as the root of the email thread", async () => {
    const { customer, number, ticketId } = await setup();
    const [mail, ...rest] = await mailFor(ticketId);
    expect(rest).toEqual([]);
    expect(mail).toMatchObject({ template: "ticket-received", toAddress: customer.email, status: "stored", messageIdHeader: ticketRootMessageId(ticketId) });
    expect(mail?.subject).toContain(`[#${number}]`);
    const claimed = parseReplyAddress(mail!.replyTo!);
    expect(claimed?.number).toBe(number);
    expect(verifyReplySignature(ticketId, claimed!.signature)).toBe(true);
  });

  it("emails public replies to the requester, never notes, and shows staff the delivery status", async () => {
    const { customer, agent, number, ticketId } = await setup();
    await callerFor(db, agent).tickets.reply({ number, body: "Internal: check the logs.", kind: "internal" });
    const reply = await callerFor(db, agent).tickets.reply({ number, body: "Fixed, please try again.", kind: "public" });
    const mails = await mailFor(ticketId);
    expect(mails.map((m) => m.template)).toEqual(["ticket-received", "public-reply"]);
    const publicReply = mails[1]!;
    expect(publicReply).toMatchObject({ toAddress: customer.email, inReplyTo: ticketRootMessageId(ticketId), references: ticketRootMessageId(ticketId) });
    expect(publicReply.ticketMessageId).toBe(reply.kind === "reply" ? reply.messageId : null);
    expect(publicReply.html).toContain("Fixed, please try again.");
    expect(publicReply.html).not.toContain("check the logs");

    const agentView = await callerFor(db, agent).tickets.get({ number });
    expect(agentView.messages.find((m) => m.body === "Fixed, please try again.")?.delivery).toBe("stored");
    const customerView = await callerFor(db, customer).tickets.get({ number });
    expect(customerView.messages.every((m) => m.delivery === null)).toBe(true);
  });

  it("tells an agent when a ticket is assigned to them, unless they took it themselves", async () => {
    const { agent, other, number, ticketId } = await setup();
    const { version } = await callerFor(db, agent).desk.update({ number, version: 1, changes: { assigneeId: agent.id } });
    expect((await mailFor(ticketId)).filter((m) => m.template === "assigned-to-you")).toEqual([]);
    await callerFor(db, agent).desk.update({ number, version, changes: { assigneeId: other.id } });
    const assigned = (await mailFor(ticketId)).filter((m) => m.template === "assigned-to-you");
    expect(assigned).toHaveLength(1);
    expect(assigned[0]).toMatchObject({ toAddress: other.email });
    expect(assigned[0]?.html).toContain("Alex Agent");
  });

  it("tells the assignee when the requester writes, and the requester when the ticket is solved", async () => {
    const { customer, agent, number, ticketId } = await setup();
    const { version } = await callerFor(db, agent).desk.update({ number, version: 1, changes: { assigneeId: agent.id } });
    await callerFor(db, customer).tickets.reply({ number, body: "It happens on Firefox too.", kind: "public" });
    const [customerReply] = await db.select().from(outbox).where(and(eq(outbox.ticketId, ticketId), eq(outbox.template, "customer-reply")));
    expect(customerReply).toMatchObject({ toAddress: agent.email });
    expect(customerReply?.html).toContain("Firefox");

    const current = (await callerFor(db, agent).tickets.get({ number })).ticket.version;
    expect(current).toBeGreaterThan(version);
    await callerFor(db, agent).desk.update({ number, version: current, changes: { status: "solved" } });
    const solved = (await mailFor(ticketId)).filter((m) => m.template === "ticket-solved");
    expect(solved).toHaveLength(1);
    expect(solved[0]).toMatchObject({ toAddress: customer.email });
  });
});
