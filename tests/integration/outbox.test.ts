/**
 * Outgoing mail: written in the transaction of the change that causes it,
 * delivered by the worker through (a local stand-in for) Resend's API with
 * retries, backoff and an idempotency key, never twice and never dropped.
 */
import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outbox } from "@/db/schema";
import type { Db } from "@/db/types";
import { deliverDueEmails, maxAttempts, retryDelaysSeconds } from "@/server/email/deliver";
import { enqueueEmail } from "@/server/email/outbox";
import { resendTransport } from "@/server/email/transport";
import { unique } from "../support/factories";
import { startFakeResendSending } from "../support/fake-resend-sending";
import { onPostgres, useTestDatabase } from "../support/test-db";

describe("outbox delivery", async () => {
  const { db } = await useTestDatabase();
  let fake: Awaited<ReturnType<typeof startFakeResendSending>>;

  beforeAll(async () => {
    fake = await startFakeResendSending();
    process.env.RESEND_BASE_URL = fake.url;
  });
  afterAll(async () => {
    delete process.env.RESEND_BASE_URL;
    await fake.close();
  });

  const transport = () => resendTransport("re_test_key");

  async function queue(count = 1) {
    const keys: string[] = [];
    for (let i = 0; i < count; i++) {
      const key = unique("mail");
      keys.push(key);
      await enqueueEmail(
        db,
        {
          template: "sign-in-link",
          props: { url: `https://frontdesk.test/link/${key}`, host: "frontdesk.test", expiresInMinutes: 15 },
          to: `${key}@example.test`,
          idempotencyKey: key,
          inReplyTo: "<root@frontdesk.test>",
          references: ["<root@frontdesk.test>"],
        },
        { deliver: true },
      );
    }
    return keys;
  }
  const rowsFor = (keys: string[]) => db.select().from(outbox).where(inArray(outbox.idempotencyKey, keys));
  const makeDue = (keys: string[]) => db.update(outbox).set({ nextAttemptAt: sql`now() - interval '1 second'` }).where(inArray(outbox.idempotencyKey, keys));

  it("writes nothing when the change that caused the email rolls back", async () => {
    const key = unique("rolled-back");
    await expect(
      db.transaction(async (tx) => {
        await enqueueEmail(tx, { template: "sign-in-link", props: { url: "https://x.test", host: "x.test", expiresInMinutes: 15 }, to: "a@example.test", idempotencyKey: key }, { deliver: true });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await rowsFor([key])).toEqual([]);
  });

  it("enqueues an event once, however often it is enqueued", async () => {
    const [key] = await queue();
    await enqueueEmail(db, { template: "sign-in-link", props: { url: "https://x.test", host: "x.test", expiresInMinutes: 15 }, to: "b@example.test", idempotencyKey: key! }, { deliver: true });
    expect(await rowsFor([key!])).toHaveLength(1);
  });

  it("sends with the idempotency key and threading headers, then marks the row sent", async () => {
    const keys = await queue();
    await deliverDueEmails(db, transport());
    const [row] = await rowsFor(keys);
    expect(row).toMatchObject({ status: "sent", attempts: 1, lastError: null });
    expect(row?.providerMessageId).toMatch(/^email_/);
    const request = fake.received.find((r) => r.idempotencyKey === keys[0]);
    expect(request?.authorization).toBe("Bearer re_test_key");
    expect(request?.body.headers).toMatchObject({
      "Message-ID": row?.messageIdHeader,
      "In-Reply-To": "<root@frontdesk.test>",
      References: "<root@frontdesk.test>",
      "Auto-Submitted": "auto-generated",
      "X-Auto-Response-Suppress": "All",
    });
    expect(request?.body.subject).toBe("Sign in to Frontdesk");
    expect(request?.body.text).toContain(`https://frontdesk.test/link/${keys[0]}`);
  });

  it("retries a failed send later, with backoff, under the same idempotency key", async () => {
    const keys = await queue();
    fake.respondWith(500);
    await deliverDueEmails(db, transport());
    let [row] = await rowsFor(keys);
    expect(row).toMatchObject({ status: "pending", attempts: 1 });
    expect(row?.lastError).toContain("500");
    const waitSeconds = (row!.nextAttemptAt.getTime() - Date.now()) / 1000;
    expect(waitSeconds).toBeGreaterThan(retryDelaysSeconds[0]! - 5);
    expect(waitSeconds).toBeLessThan(retryDelaysSeconds[0]! + 5);

    // Not due yet: a pass leaves it alone.
    await deliverDueEmails(db, transport());
    expect((await rowsFor(keys))[0]?.attempts).toBe(1);

    await makeDue(keys);
    await deliverDueEmails(db, transport());
    [row] = await rowsFor(keys);
    expect(row).toMatchObject({ status: "sent", attempts: 2 });
    expect(fake.received.filter((r) => r.idempotencyKey === keys[0])).toHaveLength(2);
    expect(fake.delivered.has(keys[0]!)).toBe(true);
  });

  it("gives up at once on an error that retrying cannot fix", async () => {
    const keys = await queue();
    fake.respondWith(422);
    await deliverDueEmails(db, transport());
    const [row] = await rowsFor(keys);
    expect(row).toMatchObject({ status: "failed", attempts: 1 });
    expect(row?.lastError).toContain("validation_error");
  });

  it("marks an email failed, keeping the last error, after the last attempt", async () => {
    const keys = await queue();
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      fake.respondWith(503);
      await makeDue(keys);
      await deliverDueEmails(db, transport());
    }
    const [row] = await rowsFor(keys);
    expect(row).toMatchObject({ status: "failed", attempts: maxAttempts });
    expect(row?.lastError).toContain("503");
  });

  it("redelivers a send that a crashed worker left half-done, without doubling the email", async () => {
    const keys = await queue();
    await deliverDueEmails(db, transport());
    // Simulate a crash after the provider accepted it but before we recorded it.
    await db.update(outbox).set({ status: "sending", nextAttemptAt: sql`now() - interval '1 second'` }).where(inArray(outbox.idempotencyKey, keys));
    await deliverDueEmails(db, transport());
    expect((await rowsFor(keys))[0]?.status).toBe("sent");
    const sends = fake.received.filter((r) => r.idempotencyKey === keys[0]);
    expect(sends).toHaveLength(2);
    expect(new Set([...fake.delivered.keys()].filter((k) => k === keys[0])).size).toBe(1);
  });

  it.runIf(onPostgres)("lets several workers run at once without sending any email twice", async () => {
    const keys = await queue(12);
    await Promise.all([deliverDueEmails(db, transport(), { limit: 5 }), deliverDueEmails(db, transport(), { limit: 5 }), deliverDueEmails(db, transport(), { limit: 5 })]);
    await deliverDueEmails(db, transport());
    const rows = await rowsFor(keys);
    expect(rows.every((r) => r.status === "sent" && r.attempts === 1)).toBe(true);
    for (const key of keys) expect(fake.received.filter((r) => r.idempotencyKey === key)).toHaveLength(1);
  });

  it("keeps mail locally when no provider is configured", async () => {
    const key = unique("local");
    await enqueueEmail(db as Db, { template: "sign-in-link", props: { url: "https://x.test", host: "x.test", expiresInMinutes: 15 }, to: "c@example.test", idempotencyKey: key }, { deliver: false });
    await deliverDueEmails(db, transport());
    const [row] = await db.select().from(outbox).where(eq(outbox.idempotencyKey, key));
    expect(row).toMatchObject({ status: "stored", attempts: 0 });
  });
});
