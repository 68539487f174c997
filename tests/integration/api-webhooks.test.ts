/**
 * /api/v1/webhooks: admins manage endpoints through the API as on the admin
 * page (the same domain functions and field rules); the secret is shown on
 * create and rotate only; other roles and scopes are refused.
 */
import { afterAll, describe, expect, it, vi } from "vitest";
import { callApi, tokenFor } from "../support/api-client";
import { createUser } from "../support/factories";
import { endRequestSessions } from "../support/request-session";
import { useTestDatabase } from "../support/test-db";

vi.mock("@/server/db", async () => (await import("../support/request-session")).dbModule());
vi.mock("@/server/attachments/storage", async (original) => (await import("../support/request-session")).storageModule(await original()));

describe("REST API: webhooks", async () => {
  const { db } = await useTestDatabase();
  afterAll(endRequestSessions);
  const admin = await createUser(db, { role: "admin" });
  const token = await tokenFor(db, admin, ["admin"]);

  it("creates, reads, changes, tests, rotates and deletes an endpoint", async () => {
    const created = await callApi(db, "POST", "/webhooks", { token, body: { url: "https://hooks.example.test/frontdesk", events: ["ticket.created"], description: "CRM" } });
    expect(created.status).toBe(201);
    const secret = created.json.secret as string;
    expect(secret).toMatch(/^whsec_/);
    const endpoint = created.json.endpoint as { id: string; events: string[] };
    expect(endpoint.events).toEqual(["ticket.created"]);

    const read = await callApi(db, "GET", `/webhooks/${endpoint.id}`, { token });
    expect(read.status).toBe(200);
    expect(JSON.stringify(read.body)).not.toContain(secret.slice(6));
    const listed = await callApi(db, "GET", "/webhooks", { token });
    expect((listed.json.data as { id: string }[]).map((e) => e.id)).toContain(endpoint.id);

    const patched = await callApi(db, "PATCH", `/webhooks/${endpoint.id}`, { token, body: { events: ["ticket.created", "message.created"], include_internal_notes: true } });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({ events: ["ticket.created", "message.created"], include_internal_notes: true });

    const test = await callApi(db, "POST", `/webhooks/${endpoint.id}/test`, { token });
    expect(test.status).toBe(201);
    expect(test.json).toMatchObject({ event_type: "webhook.test", status: "pending" });
    // On a shared PostgreSQL, tickets other test files open reach this endpoint too: look for the test event among them.
    const log = await callApi(db, "GET", `/webhooks/${endpoint.id}/deliveries?limit=100`, { token });
    expect((log.json.data as { id: string; event_type: string }[]).filter((d) => d.event_type === "webhook.test").map((d) => d.id)).toEqual([test.json.id]);
    const again = await callApi(db, "POST", `/webhooks/${endpoint.id}/deliveries/${String(test.json.id)}/redeliver`, { token });
    expect(again.status).toBe(200);
    expect(again.json.webhook_id).toBe(test.json.webhook_id);

    const rotated = await callApi(db, "POST", `/webhooks/${endpoint.id}/rotate-secret`, { token });
    expect(rotated.status).toBe(200);
    expect(rotated.json.secret).not.toBe(secret);
    expect((rotated.json.endpoint as { previous_secret_expires_at: string | null }).previous_secret_expires_at).not.toBeNull();

    expect((await callApi(db, "DELETE", `/webhooks/${endpoint.id}`, { token })).status).toBe(204);
    expect((await callApi(db, "GET", `/webhooks/${endpoint.id}`, { token })).status).toBe(404);
  });

  it("refuses bad addresses with field errors, and anyone but an admin with the admin scope", async () => {
    const bad = await callApi(db, "POST", "/webhooks", { token, body: { url: "ftp://example.test/x", events: [] } });
    expect(bad.status).toBe(422);
    expect((bad.json.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(["events", "url"]);
    const manager = await createUser(db, { role: "manager" });
    expect((await callApi(db, "GET", "/webhooks", { token: await tokenFor(db, manager) })).status).toBe(403);
    expect((await callApi(db, "GET", "/webhooks", { token: await tokenFor(db, admin, ["tickets:read"]) })).status).toBe(403);
  });
});
