/**
 * Inbound email over HTTP: POST /api/inbound/mime (shared bearer secret) and
 * the Resend email.received webhook, with real Svix signatures from
 * standardwebhooks and a local server standing in for Resend's receiving API
 * (the SDK's base URL comes from RESEND_BASE_URL). The handlers are called
 * with the test database, as the thin route files call them with the app's.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inboundMessages, tickets, users } from "@/db/schema";
import { single } from "@/db/rows";
import { handleInboundMime } from "@/server/email/inbound/mime-endpoint";
import { handleResendWebhook, type ResendWebhookConfig } from "@/server/email/inbound/resend-webhook";
import { composeEmail, mailFixture, newMessageId, uniqueAddress } from "../fixtures/mail/load-fixture";
import { startFakeResend, type FakeResend } from "../support/fake-resend";
import { useTestDatabase } from "../support/test-db";

describe("inbound email over HTTP", async () => {
  const { db } = await useTestDatabase();
  const storageRoot = fs.mkdtempSync(path.join(os.tmpdir(), "frontdesk-inbound-http-"));
  afterAll(() => fs.rmSync(storageRoot, { recursive: true, force: true }));
  const maxBytes = 256 * 1024;
  const requesterOf = async (number: number | undefined) => {
    const ticket = single(await db.select().from(tickets).where(eq(tickets.number, number ?? -1)), "ticket");
    return single(await db.select().from(users).where(eq(users.id, ticket.requesterId)), "user");
  };

  describe("POST /api/inbound/mime", () => {
    const secret = `inbound-${crypto.randomBytes(16).toString("hex")}`;
    const post = (body: Uint8Array, headers: Record<string, string>, config: { secret?: string } = { secret }) =>
      handleInboundMime(new Request("http://localhost/api/inbound/mime", { method: "POST", body: Buffer.from(body), headers }), {
        db,
        secret: config.secret,
        maxBytes,
        storageRoot,
      });
    const bearer = { Authorization: `Bearer ${secret}`, "Content-Type": "message/rfc822" };

    it("does not exist without INBOUND_SECRET (404), and refuses a missing or wrong secret (401)", async () => {
      const raw = composeEmail({ from: uniqueAddress(), subject: "Hello" });
      expect((await post(raw, bearer, { secret: undefined })).status).toBe(404);
      expect((await post(raw, {})).status).toBe(401);
      const wrong = await post(raw, { Authorization: `Bearer ${secret}x` });
      expect(wrong.status).toBe(401);
      expect(wrong.headers.get("WWW-Authenticate")).toContain("Bearer");
      expect((await post(raw, { Authorization: secret })).status).toBe(401);
    });

    it("ingests the raw message (any Content-Type) and answers with the outcome; a redelivery is a 200 duplicate", async () => {
      const from = uniqueAddress("mta");
      const raw = mailFixture("plain-new-request.eml", { FROM: from });
      const response = await post(raw, { Authorization: `Bearer ${secret}`, "Content-Type": "application/octet-stream" });
      expect(response.status).toBe(200);
      const outcome = (await response.json()) as { status: string; ticketNumber: number; duplicate: boolean };
      expect(outcome).toMatchObject({ status: "ticket_created", duplicate: false });
      expect((await requesterOf(outcome.ticketNumber)).email).toBe(from);

      const again = await post(raw, bearer);
      expect(again.status).toBe(200);
      expect(await again.json()).toMatchObject({ status: "ticket_created", duplicate: true, ticketNumber: outcome.ticketNumber });
    });

    it("answers 200 for ignored mail and 422 for rejected mail (oversized, malformed)", async () => {
      expect((await post(mailFixture("dsn-bounce.eml"), bearer)).status).toBe(200);
      const oversized = await post(composeEmail({ from: uniqueAddress(), subject: "Big", body: "y".repeat(maxBytes + 10) }), bearer);
      expect(oversized.status).toBe(422);
      expect(await oversized.json()).toMatchObject({ status: "rejected", reason: expect.stringContaining("too large") });
      expect((await post(mailFixture("malformed-no-headers.eml"), bearer)).status).toBe(422);
    });
  });

  describe("POST /api/webhooks/resend", () => {
    const webhookSecret = `whsec_${crypto.randomBytes(24).toString("base64")}`;
    let resend: FakeResend;
    beforeAll(async () => {
      resend = await startFakeResend();
      process.env.RESEND_BASE_URL = resend.url;
    });
    afterAll(async () => {
      delete process.env.RESEND_BASE_URL;
      await resend.close();
    });
    const config = (): ResendWebhookConfig => ({ db, webhookSecret, apiKey: resend.apiKey, maxBytes, storageRoot });

    function signedRequest(event: unknown, options: { secret?: string; at?: Date; id?: string } = {}) {
      const payload = JSON.stringify(event);
      const id = options.id ?? `msg_${crypto.randomUUID()}`;
      const at = options.at ?? new Date();
      const signature = new Webhook(options.secret ?? webhookSecret).sign(id, at, payload);
      return new Request("http://localhost/api/webhooks/resend", {
        method: "POST",
        body: payload,
        headers: { "Content-Type": "application/json", "svix-id": id, "svix-timestamp": String(Math.floor(at.getTime() / 1000)), "svix-signature": signature },
      });
    }

    /** A received email on the fake Resend, and the event announcing it. */
    function receivedEmail(raw: Uint8Array | null, messageId = newMessageId()) {
      const emailId = crypto.randomUUID();
      resend.addEmail(emailId, { raw, messageId, from: "Jane <jane@example.test>", to: ["support@frontdesk.local"], subject: "Hello" });
      const event = {
        type: "email.received",
        created_at: new Date().toISOString(),
        data: { email_id: emailId, created_at: new Date().toISOString(), from: "jane@example.test", to: ["support@frontdesk.local"], message_id: messageId, subject: "Hello", attachments: [] },
      };
      return { emailId, event, messageId };
    }

    it("refuses everything with 503 while RESEND_WEBHOOK_SECRET is unset", async () => {
      const { event } = receivedEmail(null);
      expect((await handleResendWebhook(signedRequest(event), { ...config(), webhookSecret: undefined })).status).toBe(503);
    });

    it("refuses a bad signature, a stale timestamp and missing headers with 401, before calling Resend", async () => {
      const { event, emailId } = receivedEmail(composeEmail({ from: uniqueAddress(), subject: "Hi" }));
      const otherSecret = `whsec_${crypto.randomBytes(24).toString("base64")}`;
      expect((await handleResendWebhook(signedRequest(event, { secret: otherSecret }), config())).status).toBe(401);
      expect((await handleResendWebhook(signedRequest(event, { at: new Date(Date.now() - 10 * 60_000) }), config())).status).toBe(401);
      const unsigned = new Request("http://localhost/api/webhooks/resend", { method: "POST", body: JSON.stringify(event) });
      expect((await handleResendWebhook(unsigned, config())).status).toBe(401);
      // A valid signature over different bytes does not carry over.
      const tampered = signedRequest(event);
      const forged = new Request(tampered.url, { method: "POST", headers: tampered.headers, body: JSON.stringify({ ...event, type: "email.received", extra: 1 }) });
      expect((await handleResendWebhook(forged, config())).status).toBe(401);
      expect(resend.requests.filter((request) => request.includes(emailId))).toEqual([]);
    });

    it("fetches the email and its raw MIME from Resend, ingests it, and treats a redelivery as a duplicate", async () => {
      const from = uniqueAddress("resend");
      const { event, emailId, messageId } = receivedEmail(mailFixture("attachments-pdf-and-exe.eml", { FROM: from }));
      const response = await handleResendWebhook(signedRequest(event), config());
      expect(response.status).toBe(200);
      const outcome = (await response.json()) as { status: string; ticketNumber: number; messageId: string };
      expect(outcome).toMatchObject({ status: "ticket_created", duplicate: false });
      expect(outcome.messageId).not.toBe(messageId); // the raw email's own Message-ID is the key
      expect((await requesterOf(outcome.ticketNumber)).email).toBe(from);
      expect(resend.requests).toEqual(expect.arrayContaining([`GET /emails/receiving/${emailId}`, `GET /raw/${emailId}`]));

      // Resend delivers the same event again (a new svix-id, as a retry has).
      const again = await handleResendWebhook(signedRequest(event), config());
      expect(again.status).toBe(200);
      expect(await again.json()).toMatchObject({ status: "ticket_created", duplicate: true, ticketNumber: outcome.ticketNumber });
      const account = single(await db.select().from(users).where(eq(users.email, from)), "user");
      expect(await db.$count(tickets, eq(tickets.requesterId, account.id))).toBe(1);
    });

    it("acknowledges other event types without fetching anything", async () => {
      const event = { type: "email.delivered", created_at: new Date().toISOString(), data: { email_id: crypto.randomUUID() } };
      const response = await handleResendWebhook(signedRequest(event), config());
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ status: "ignored" });
      expect(resend.requests.some((request) => request.includes(event.data.email_id))).toBe(false);
    });

    it("rejects, and records, an email Resend has no raw MIME for, without making one up", async () => {
      const { event, messageId } = receivedEmail(null);
      const response = await handleResendWebhook(signedRequest(event), config());
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ status: "rejected", messageId, reason: expect.stringContaining("no raw message") });
      expect(single(await db.select().from(inboundMessages).where(eq(inboundMessages.messageIdHeader, messageId)), "inbound")).toMatchObject({
        status: "rejected",
        ticketId: null,
      });
    });

    it("answers 502 when Resend cannot give the email (so Resend retries), and 503 without an API key", async () => {
      const unknown = { type: "email.received", created_at: new Date().toISOString(), data: { email_id: crypto.randomUUID() } };
      expect((await handleResendWebhook(signedRequest(unknown), config())).status).toBe(502);
      const { event } = receivedEmail(composeEmail({ from: uniqueAddress(), subject: "Hi" }));
      expect((await handleResendWebhook(signedRequest(event), { ...config(), apiKey: undefined })).status).toBe(503);
    });
  });
});
