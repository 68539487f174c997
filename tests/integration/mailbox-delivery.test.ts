/**
 * What became of each email, in words a person understands: a public reply
 * shows "Sent to the customer", "Delivered", "Bounced" or "Not sent: email is
 * not configured"; Resend's delivery reports (email.delivered, email.bounced,
 * signed like every Resend event) move the outbox row on. And an admin can
 * resend a failed email from the mailbox: back in the queue with fresh
 * attempts and the same idempotency key; never one that was sent.
 */
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { outbox, type OutboxStatus } from "@/db/schema";
import { single } from "@/db/rows";
import { ReplyDeliveryBadge, replyDeliveryLabels } from "@/components/outbox-status";
import { deliverDueEmails } from "@/server/email/deliver";
import { handleResendWebhook } from "@/server/email/inbound/resend-webhook";
import type { EmailTransport, TransportEmail } from "@/server/email/transport";
import { callerFor, createCategory, createUser, unique } from "../support/factories";
import { useTestDatabase } from "../support/test-db";
import { errorOf } from "../support/trpc-errors";

describe("email delivery, as people read it", async () => {
  const { db } = await useTestDatabase();
  const webhookSecret = `whsec_${crypto.randomBytes(24).toString("base64")}`;

  /** A ticket with one public agent reply, and the outbox row that carries the reply. */
  async function answeredTicket() {
    const { category } = await createCategory(db);
    const customer = await createUser(db);
    const agent = await createUser(db, { role: "agent" });
    const ticket = await callerFor(db, customer).tickets.create({ subject: "Where is my invoice?", body: "It never arrived.", categoryId: category.id });
    await callerFor(db, agent).tickets.reply({ number: ticket.number, body: "Resent it just now.", kind: "public" });
    const detail = await callerFor(db, agent).tickets.get({ number: ticket.number });
    const reply = detail.messages.find((m) => m.body === "Resent it just now.");
    const mail = single(await db.select().from(outbox).where(eq(outbox.ticketMessageId, reply!.id)), "reply email");
    const deliveryOfReply = async () => (await callerFor(db, agent).tickets.get({ number: ticket.number })).messages.find((m) => m.id === reply!.id)?.delivery;
    return { mail, deliveryOfReply };
  }

  function resendEvent(type: string, data: Record<string, unknown>) {
    const payload = JSON.stringify({ type, created_at: new Date().toISOString(), data });
    const id = `msg_${crypto.randomUUID()}`;
    const at = new Date();
    return new Request("http://localhost/api/webhooks/resend", {
      method: "POST",
      body: payload,
      headers: { "svix-id": id, "svix-timestamp": String(Math.floor(at.getTime() / 1000)), "svix-signature": new Webhook(webhookSecret).sign(id, at, payload) },
    });
  }
  const report = (type: string, data: Record<string, unknown>) => handleResendWebhook(resendEvent(type, data), { db, webhookSecret, apiKey: undefined, maxBytes: 1_000_000 });

  it("names each state of a reply's email in plain words, never 'Kept locally'", () => {
    expect(replyDeliveryLabels).toMatchObject({
      sent: "Sent to the customer",
      delivered: "Delivered",
      bounced: "Bounced",
      stored: "Not sent: email is not configured",
      failed: expect.stringMatching(/^Not sent/),
    });
    const shown = (status: OutboxStatus) => renderToStaticMarkup(createElement(ReplyDeliveryBadge, { status }));
    expect(shown("stored")).toContain("Not sent: email is not configured");
    expect(Object.values(replyDeliveryLabels).join(" ")).not.toMatch(/kept locally/i);
  });

  it("records Resend's delivered and bounced reports on the reply's email, and the thread shows them", async () => {
    const delivered = await answeredTicket();
    const bounced = await answeredTicket();
    // Without a provider the reply is kept here: the thread says so.
    expect(await delivered.deliveryOfReply()).toBe("stored");
    const providerIds = { delivered: `re_${unique("id")}`, bounced: `re_${unique("id")}` };
    await db.update(outbox).set({ status: "sent", providerMessageId: providerIds.delivered, sentAt: new Date() }).where(eq(outbox.id, delivered.mail.id));
    await db.update(outbox).set({ status: "sent", providerMessageId: providerIds.bounced, sentAt: new Date() }).where(eq(outbox.id, bounced.mail.id));
    expect(await delivered.deliveryOfReply()).toBe("sent");

    const ok = await report("email.delivered", { email_id: providerIds.delivered, to: ["x@example.test"] });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ status: "recorded" });
    expect(await delivered.deliveryOfReply()).toBe("delivered");

    await report("email.delivered", { email_id: providerIds.bounced });
    await report("email.bounced", { email_id: providerIds.bounced, bounce: { message: "Mailbox does not exist", type: "Permanent", subType: "General" } });
    expect(await bounced.deliveryOfReply()).toBe("bounced");
    expect(single(await db.select().from(outbox).where(eq(outbox.id, bounced.mail.id)), "mail").lastError).toBe("Bounced: Mailbox does not exist");
    // A late "delivered" does not undo a bounce; a report for mail we never sent changes nothing.
    await report("email.delivered", { email_id: providerIds.bounced });
    expect(await bounced.deliveryOfReply()).toBe("bounced");
    expect(await (await report("email.delivered", { email_id: "re_unknown" })).json()).toMatchObject({ status: "ignored" });
  });

  it("lets an admin resend a failed email with fresh attempts and the same idempotency key, and refuses any other", async () => {
    const { mail } = await answeredTicket();
    const admin = callerFor(db, await createUser(db, { role: "admin" }));
    const longAgo = new Date(Date.now() - 86_400_000);
    await db.update(outbox).set({ status: "failed", attempts: 6, lastError: "550 relay refused", nextAttemptAt: longAgo }).where(eq(outbox.id, mail.id));

    const queued = await admin.admin.mailbox.resend({ id: mail.id });
    expect(queued).toMatchObject({ status: "pending", attempts: 0 });
    const row = single(await db.select().from(outbox).where(eq(outbox.id, mail.id)), "mail");
    expect(row).toMatchObject({ status: "pending", attempts: 0, lastError: null, idempotencyKey: mail.idempotencyKey });
    expect(row.nextAttemptAt.getTime()).toBeGreaterThan(longAgo.getTime());

    const sent: TransportEmail[] = [];
    const transport: EmailTransport = { send: async (email) => (sent.push(email), { providerMessageId: `re_${unique("id")}` }) };
    await deliverDueEmails(db, transport);
    expect(sent.filter((email) => email.idempotencyKey === mail.idempotencyKey)).toHaveLength(1);
    expect(single(await db.select().from(outbox).where(eq(outbox.id, mail.id)), "mail").status).toBe("sent");

    for (const status of ["sent", "delivered", "bounced", "pending", "stored"] as const) {
      await db.update(outbox).set({ status }).where(eq(outbox.id, mail.id));
      expect(await errorOf(admin.admin.mailbox.resend({ id: mail.id })), status).toMatchObject({ code: "CONFLICT" });
      expect(single(await db.select().from(outbox).where(eq(outbox.id, mail.id)), "mail").status).toBe(status);
    }
    expect(await errorOf(admin.admin.mailbox.resend({ id: crypto.randomUUID() }))).toMatchObject({ code: "NOT_FOUND" });
  });
});
