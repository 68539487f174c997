/**
 * Webhook endpoint management through the admin tRPC procedures
 * (admin.webhooks.*): create, read, edit, delete, rotate the secret, the
 * delivery log, test events and redelivery. Each refusal also checks that
 * nothing was written.
 *
 * Tests may share one PostgreSQL database with other files, whose tickets
 * fan out to every enabled endpoint: endpoints made here point at
 * example.test, are deleted when the file ends, and the 50-endpoint limit is
 * tried in a transaction that is always rolled back.
 */
import { TRPCError } from "@trpc/server";
import { count, eq, inArray } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { webhookDeliveries, webhookEndpoints, type WebhookDeliveryStatus } from "@/db/schema";
import type { Db } from "@/db/types";
import { AppError, inputFailureOf } from "@/server/errors";
import { createWebhookEndpoint, webhookEndpointLimits } from "@/server/webhooks/endpoints";
import { callerFor, createUser, unique } from "../support/factories";
import { codeOf } from "../support/trpc-errors";
import { useTestDatabase } from "../support/test-db";

/** How a call failed: the tRPC code and the field errors the form gets (through the same error formatter rule). */
async function failureOf(promise: Promise<unknown>): Promise<{ code: string; fieldErrors: Record<string, string[] | undefined> }> {
  try {
    await promise;
    return { code: "OK", fieldErrors: {} };
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    return { code: error.code, fieldErrors: inputFailureOf(error.cause)?.fieldErrors ?? {} };
  }
}

class RolledBack extends Error {}

const secretPattern = /^whsec_[A-Za-z0-9+/]{43}=$/;
const hourMs = 3_600_000;

describe("webhook endpoints admin", async () => {
  const { db } = await useTestDatabase();
  const admin = await createUser(db, { role: "admin" });
  const api = callerFor(db, admin).admin.webhooks;
  const created: string[] = [];

  afterAll(async () => {
    if (created.length) await db.delete(webhookEndpoints).where(inArray(webhookEndpoints.id, created));
  });

  async function createEndpoint(overrides: Partial<Parameters<typeof api.create>[0]> = {}) {
    const result = await api.create({ url: `https://hooks.example.test/${unique("in")}`, events: ["ticket.created"], ...overrides });
    created.push(result.endpoint.id);
    return result;
  }

  const endpointCount = async (database: Db = db) => (await database.select({ n: count() }).from(webhookEndpoints))[0]?.n ?? 0;
  const storedRow = async (id: string) => (await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id)))[0];

  async function addDelivery(endpointId: string, values: { status?: WebhookDeliveryStatus; createdAt?: Date; attempts?: number } = {}) {
    const [row] = await db
      .insert(webhookDeliveries)
      .values({
        messageId: `msg_${unique("t")}`,
        endpointId,
        eventType: "ticket.created",
        payload: { type: "ticket.created", timestamp: new Date().toISOString(), data: {} },
        ...values,
      })
      .returning();
    if (!row) throw new Error("no delivery row");
    return row;
  }

  it("creates an endpoint with a Standard Webhooks secret shown once, never in list or get", async () => {
    const url = `https://hooks.example.test/${unique("crm")}`;
    const result = await createEndpoint({ url, description: "  CRM sync  ", events: ["ticket.updated", "ticket.created", "ticket.created"] });

    expect(result.secret).toMatch(secretPattern);
    expect(Buffer.from(result.secret.slice("whsec_".length), "base64")).toHaveLength(32);
    expect(result.endpoint).toMatchObject({
      url,
      description: "CRM sync",
      // Each event once, in the vocabulary's order.
      events: ["ticket.created", "ticket.updated"],
      includeInternalNotes: false,
      enabled: true,
      status: "enabled",
      failingSince: null,
      disabledReason: null,
      previousSecretExpiresAt: null,
      lastDelivery: null,
    });
    expect((await storedRow(result.endpoint.id))?.secret).toBe(result.secret);

    const list = await api.list();
    const got = await api.get({ id: result.endpoint.id });
    expect(list.map((e) => e.id)).toContain(result.endpoint.id);
    expect(got).toEqual(result.endpoint);
    for (const answer of [list, got, await api.update({ id: result.endpoint.id, description: "CRM" })]) {
      expect(JSON.stringify(answer)).not.toContain("whsec_");
    }

    const another = await createEndpoint();
    expect(another.secret).not.toBe(result.secret);
  });

  it("refuses everyone but admins", async () => {
    const { endpoint } = await createEndpoint();
    for (const role of ["customer", "agent", "manager"] as const) {
      const other = callerFor(db, await createUser(db, { role })).admin.webhooks;
      expect(await codeOf(other.list())).toBe("FORBIDDEN");
      expect(await codeOf(other.get({ id: endpoint.id }))).toBe("FORBIDDEN");
      expect(await codeOf(other.create({ url: "https://hooks.example.test/x", events: ["ticket.created"] }))).toBe("FORBIDDEN");
      expect(await codeOf(other.rotateSecret({ id: endpoint.id }))).toBe("FORBIDDEN");
    }
    expect(await codeOf(callerFor(db, null).admin.webhooks.list())).toBe("UNAUTHORIZED");
  });

  it("reports bad input as field errors and writes nothing", async () => {
    const before = await endpointCount();
    const valid = { url: "https://hooks.example.test/ok", events: ["ticket.created" as const] };
    const cases: [Record<string, unknown>, string][] = [
      [{ url: "" }, "url"],
      [{ url: "hooks.example.test/no-scheme" }, "url"],
      [{ url: "ftp://hooks.example.test/in" }, "url"],
      [{ url: "https://user:secret@hooks.example.test/in" }, "url"],
      [{ url: "https://hooks.example.test/in#part" }, "url"],
      // Link-local (the cloud metadata service) is refused even with WEBHOOKS_ALLOW_PRIVATE.
      [{ url: "http://169.254.169.254/latest/meta-data" }, "url"],
      [{ url: `https://hooks.example.test/${"a".repeat(webhookEndpointLimits.urlMaxLength)}` }, "url"],
      [{ events: [] }, "events"],
      [{ events: ["ticket.deleted"] }, "events"],
      [{ description: "d".repeat(webhookEndpointLimits.descriptionMaxLength + 1) }, "description"],
      [{ includeInternalNotes: "yes" }, "includeInternalNotes"],
    ];
    for (const [change, field] of cases) {
      const failure = await failureOf(api.create({ ...valid, ...change } as Parameters<typeof api.create>[0]));
      expect(failure.code, JSON.stringify(change)).toBe("BAD_REQUEST");
      expect(Object.keys(failure.fieldErrors), JSON.stringify(change)).toEqual([field]);
      expect(failure.fieldErrors[field]?.[0]).toMatch(/\w/);
    }
    expect(await endpointCount()).toBe(before);

    const { endpoint } = await createEndpoint();
    const update = await failureOf(api.update({ id: endpoint.id, url: "javascript:alert(1)" }));
    expect(update).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { url: [expect.any(String)] } });
    expect((await storedRow(endpoint.id))?.url).toBe(endpoint.url);

    // The domain checks the address itself too, for any caller that skips the schema.
    const direct = createWebhookEndpoint(db, { ...valid, url: "gopher://hooks.example.test", description: "", includeInternalNotes: false, enabled: true });
    await expect(direct).rejects.toMatchObject({ code: "INVALID", fieldErrors: { url: [expect.any(String)] } });
  });

  it("keeps at most 50 endpoints", async () => {
    const outcome = db.transaction(async (tx) => {
      const missing = webhookEndpointLimits.maxEndpoints - (await endpointCount(tx));
      if (missing > 0) {
        await tx.insert(webhookEndpoints).values(
          Array.from({ length: missing }, (_, i) => ({ url: `https://hooks.example.test/fill-${i}`, events: ["ticket.created" as const], enabled: false, secret: "whsec_x" })),
        );
      }
      const refusal = await createWebhookEndpoint(tx, { url: "https://hooks.example.test/51", description: "", events: ["ticket.created"], includeInternalNotes: false, enabled: true }).catch(
        (error: unknown) => error,
      );
      expect(refusal).toBeInstanceOf(AppError);
      expect(refusal).toMatchObject({ code: "INVALID", message: expect.stringContaining("50") });
      expect(await endpointCount(tx)).toBe(webhookEndpointLimits.maxEndpoints);
      throw new RolledBack();
    });
    await expect(outcome).rejects.toBeInstanceOf(RolledBack);
  });

  it("edits only the fields given", async () => {
    const { endpoint } = await createEndpoint({ description: "First", events: ["ticket.created", "ticket.solved"] });
    const edited = await api.update({ id: endpoint.id, events: ["message.created"], includeInternalNotes: true });
    expect(edited).toMatchObject({ url: endpoint.url, description: "First", events: ["message.created"], includeInternalNotes: true, enabled: true });
    expect(edited.updatedAt.getTime()).toBeGreaterThanOrEqual(endpoint.updatedAt.getTime());
    expect(await codeOf(api.update({ id: crypto.randomUUID(), description: "x" }))).toBe("NOT_FOUND");
  });

  it("rotates the secret, keeping the previous one for 24 hours", async () => {
    const { endpoint, secret: first } = await createEndpoint();
    const rotated = await api.rotateSecret({ id: endpoint.id });
    expect(rotated.secret).toMatch(secretPattern);
    expect(rotated.secret).not.toBe(first);

    const row = await storedRow(endpoint.id);
    expect(row).toMatchObject({ secret: rotated.secret, previousSecret: first });
    const expiresIn = (row?.previousSecretExpiresAt?.getTime() ?? 0) - Date.now();
    expect(expiresIn).toBeGreaterThan(24 * hourMs - 60_000);
    expect(expiresIn).toBeLessThanOrEqual(24 * hourMs + 1_000);
    expect(rotated.endpoint.previousSecretExpiresAt?.getTime()).toBe(row?.previousSecretExpiresAt?.getTime());
    expect(JSON.stringify(await api.get({ id: endpoint.id }))).not.toContain("whsec_");

    // A second rotation replaces the older secret; it stops working at once.
    const again = await api.rotateSecret({ id: endpoint.id });
    expect(await storedRow(endpoint.id)).toMatchObject({ secret: again.secret, previousSecret: rotated.secret });

    // Once the overlap is over, the endpoint says no previous secret signs any more.
    await db.update(webhookEndpoints).set({ previousSecretExpiresAt: new Date(Date.now() - 1000) }).where(eq(webhookEndpoints.id, endpoint.id));
    expect((await api.get({ id: endpoint.id })).previousSecretExpiresAt).toBeNull();
    expect(await codeOf(api.rotateSecret({ id: crypto.randomUUID() }))).toBe("NOT_FOUND");
  });

  it("switching an endpoint back on forgets its failures; switching it off by hand records no reason", async () => {
    const { endpoint } = await createEndpoint();
    const failingSince = new Date(Date.now() - 25 * hourMs);
    const reason = "Every delivery failed for a day (last answer: HTTP 503).";
    await db.update(webhookEndpoints).set({ enabled: false, failingSince, disabledReason: reason }).where(eq(webhookEndpoints.id, endpoint.id));
    expect(await api.get({ id: endpoint.id })).toMatchObject({ status: "disabled_after_failures", disabledReason: reason });

    // Editing other fields, or switching it off again, keeps the reason.
    expect(await api.update({ id: endpoint.id, description: "Still off", enabled: false })).toMatchObject({ status: "disabled_after_failures", disabledReason: reason, failingSince });

    expect(await api.update({ id: endpoint.id, enabled: true })).toMatchObject({ status: "enabled", enabled: true, failingSince: null, disabledReason: null });
    expect(await api.update({ id: endpoint.id, enabled: false })).toMatchObject({ status: "disabled", enabled: false, disabledReason: null });

    // An enabled endpoint pointed somewhere else starts with a clean record; the same address keeps it.
    await db.update(webhookEndpoints).set({ enabled: true, failingSince }).where(eq(webhookEndpoints.id, endpoint.id));
    expect((await api.update({ id: endpoint.id, url: endpoint.url })).failingSince).toEqual(failingSince);
    expect((await api.update({ id: endpoint.id, url: `${endpoint.url}/v2` })).failingSince).toBeNull();
  });

  it("queues a test event with a fresh message id, refused while the endpoint is off", async () => {
    const { endpoint } = await createEndpoint({ events: ["satisfaction.rated"] });
    const before = Date.now();
    const test = await api.sendTestEvent({ id: endpoint.id });
    expect(test).toMatchObject({ endpointId: endpoint.id, eventType: "webhook.test", status: "pending", attempts: 0, ticketNumber: null, deliveredAt: null });
    expect(test.messageId).toMatch(/^msg_[A-Za-z0-9_-]{22}$/);
    expect(test.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    expect(test.payload).toEqual({
      type: "webhook.test",
      timestamp: expect.any(String),
      data: { endpoint_id: endpoint.id, message: expect.stringContaining("test") },
    });
    expect(Date.parse((test.payload as { timestamp: string }).timestamp)).toBeGreaterThanOrEqual(before - 1000);

    const second = await api.sendTestEvent({ id: endpoint.id });
    expect(second.messageId).not.toBe(test.messageId);
    const log = await api.deliveries.list({ endpointId: endpoint.id });
    expect(log.items.map((d) => d.id)).toEqual([second.id, test.id]);
    expect((await api.get({ id: endpoint.id })).lastDelivery).toMatchObject({ id: second.id, eventType: "webhook.test", status: "pending" });

    await api.update({ id: endpoint.id, enabled: false });
    expect(await codeOf(api.sendTestEvent({ id: endpoint.id }))).toBe("CONFLICT");
    expect(await codeOf(api.sendTestEvent({ id: crypto.randomUUID() }))).toBe("NOT_FOUND");
    expect((await api.deliveries.list({ endpointId: endpoint.id })).items).toHaveLength(2);
  });

  it("redelivers with the same message id, due now, attempts from zero", async () => {
    const { endpoint } = await createEndpoint();
    const failed = await addDelivery(endpoint.id, { status: "failed", attempts: 14 });
    await db
      .update(webhookDeliveries)
      .set({ responseStatus: 503, lastAttemptAt: new Date(), nextAttemptAt: new Date(Date.now() + hourMs) })
      .where(eq(webhookDeliveries.id, failed.id));

    const again = await api.deliveries.redeliver({ id: failed.id });
    expect(again).toMatchObject({ id: failed.id, messageId: failed.messageId, status: "pending", attempts: 0, responseStatus: 503, deliveredAt: null });
    expect(again.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);

    const succeeded = await addDelivery(endpoint.id, { status: "succeeded", attempts: 1 });
    await db.update(webhookDeliveries).set({ deliveredAt: new Date() }).where(eq(webhookDeliveries.id, succeeded.id));
    expect(await api.deliveries.redeliver({ id: succeeded.id })).toMatchObject({ messageId: succeeded.messageId, status: "pending", attempts: 0, deliveredAt: null });

    const inFlight = await addDelivery(endpoint.id, { status: "delivering", attempts: 2 });
    expect(await codeOf(api.deliveries.redeliver({ id: inFlight.id }))).toBe("CONFLICT");
    expect((await api.deliveries.get({ id: inFlight.id })).attempts).toBe(2);
    expect(await codeOf(api.deliveries.redeliver({ id: crypto.randomUUID() }))).toBe("NOT_FOUND");

    await api.update({ id: endpoint.id, enabled: false });
    expect(await codeOf(api.deliveries.redeliver({ id: failed.id }))).toBe("CONFLICT");
  });

  it("pages the delivery log newest first, optionally by status", async () => {
    // Switched off, so tickets other test files write on a shared PostgreSQL add no deliveries to this log.
    const { endpoint } = await createEndpoint({ enabled: false });
    const start = Date.now() - 10 * 60_000;
    const statuses: WebhookDeliveryStatus[] = ["succeeded", "failed", "succeeded", "pending", "succeeded"];
    const rows = [];
    for (const [i, status] of statuses.entries()) rows.push(await addDelivery(endpoint.id, { status, createdAt: new Date(start + i * 1000) }));
    const newestFirst = rows.map((r) => r.id).reverse();

    const first = await api.deliveries.list({ endpointId: endpoint.id, limit: 2 });
    const second = await api.deliveries.list({ endpointId: endpoint.id, limit: 2, cursor: first.nextCursor ?? undefined });
    const third = await api.deliveries.list({ endpointId: endpoint.id, limit: 2, cursor: second.nextCursor ?? undefined });
    expect([...first.items, ...second.items, ...third.items].map((d) => d.id)).toEqual(newestFirst);
    expect(third.nextCursor).toBeNull();

    const succeeded = await api.deliveries.list({ endpointId: endpoint.id, status: "succeeded" });
    expect(succeeded.items.map((d) => d.id)).toEqual([rows[4]!.id, rows[2]!.id, rows[0]!.id]);
    expect(await codeOf(api.deliveries.list({ endpointId: endpoint.id, cursor: "not-a-cursor" }))).toBe("BAD_REQUEST");
    expect(await codeOf(api.deliveries.list({ endpointId: crypto.randomUUID() }))).toBe("NOT_FOUND");
    expect((await api.get({ id: endpoint.id })).lastDelivery).toMatchObject({ id: rows[4]!.id, status: "succeeded" });
  });

  it("deleting an endpoint deletes its delivery log", async () => {
    const { endpoint } = await createEndpoint();
    const delivery = await addDelivery(endpoint.id);
    await api.sendTestEvent({ id: endpoint.id });
    expect(await api.delete({ id: endpoint.id })).toEqual({ id: endpoint.id });

    const [left] = await db.select({ n: count() }).from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpoint.id));
    expect(left?.n).toBe(0);
    expect(await codeOf(api.get({ id: endpoint.id }))).toBe("NOT_FOUND");
    expect(await codeOf(api.deliveries.get({ id: delivery.id }))).toBe("NOT_FOUND");
    expect(await codeOf(api.delete({ id: endpoint.id }))).toBe("NOT_FOUND");
    expect((await api.list()).map((e) => e.id)).not.toContain(endpoint.id);
  });
});
