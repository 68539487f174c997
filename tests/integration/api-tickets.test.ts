/**
 * The REST API's ticket routes through the real dispatcher: create with an
 * idempotency key, read, list and sync, update with versions, reply, and
 * the customer's scope (never another's ticket, never a note).
 */
import { afterAll, describe, expect, it, vi } from "vitest";
import { callApi, tokenFor } from "../support/api-client";
import { createCategory, createUser, unique } from "../support/factories";
import { endRequestSessions } from "../support/request-session";
import { useTestDatabase } from "../support/test-db";

vi.mock("@/server/db", async () => (await import("../support/request-session")).dbModule());
vi.mock("@/server/attachments/storage", async (original) => (await import("../support/request-session")).storageModule(await original()));

describe("REST API: tickets", async () => {
  const { db } = await useTestDatabase();
  afterAll(endRequestSessions);
  const customer = await createUser(db);
  const other = await createUser(db);
  const agent = await createUser(db, { role: "agent" });
  const customerToken = await tokenFor(db, customer, ["tickets:read", "tickets:write"]);
  const otherToken = await tokenFor(db, other, ["tickets:read", "tickets:write"]);
  const agentToken = await tokenFor(db, agent);

  it("opens a ticket once per Idempotency-Key, and refuses the key with another body", async () => {
    const key = unique("key");
    const body = { subject: "Printer on fire", body: "The printer in room 4 is on fire, please help." };
    const first = await callApi(db, "POST", "/tickets", { token: customerToken, body, headers: { "idempotency-key": key } });
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ subject: "Printer on fire", status: "new", channel: "api", requester_id: customer.id });
    const again = await callApi(db, "POST", "/tickets", { token: customerToken, body, headers: { "idempotency-key": key } });
    expect(again.status).toBe(201);
    expect(again.json.number).toBe(first.json.number);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    const list = await callApi(db, "GET", "/tickets?limit=100", { token: customerToken });
    expect((list.json.data as { subject: string }[]).filter((t) => t.subject === "Printer on fire")).toHaveLength(1);
    const changed = await callApi(db, "POST", "/tickets", { token: customerToken, body: { ...body, subject: "Other" }, headers: { "idempotency-key": key } });
    expect(changed.status).toBe(422);
    expect(changed.headers.get("content-type")).toBe("application/problem+json");
  });

  it("answers 401 as problem+json without a token, and never reads a session cookie", async () => {
    const answer = await callApi(db, "GET", "/tickets");
    expect(answer.status).toBe(401);
    expect(answer.headers.get("content-type")).toBe("application/problem+json");
    expect(answer.json).toMatchObject({ status: 401, code: "UNAUTHORIZED" });
  });

  it("keeps a customer's token to their own tickets and public messages", async () => {
    const created = await callApi(db, "POST", "/tickets", { token: customerToken, body: { subject: "My own ticket", body: "Only I may read this ticket." } });
    const number = created.json.number as number;
    const note = await callApi(db, "POST", `/tickets/${number}/messages`, { token: agentToken, body: { body: "Internal: customer is on the old plan.", kind: "internal" } });
    expect(note.status).toBe(201);
    expect((await callApi(db, "GET", `/tickets/${number}`, { token: otherToken })).status).toBe(404);
    expect((await callApi(db, "GET", `/tickets/${number}/messages`, { token: otherToken })).status).toBe(404);
    const mine = await callApi(db, "GET", `/tickets/${number}/messages`, { token: customerToken });
    expect(mine.status).toBe(200);
    expect((mine.json.data as { kind: string }[]).map((m) => m.kind)).toEqual(["public"]);
    const staff = await callApi(db, "GET", `/tickets/${number}/messages`, { token: agentToken });
    expect((staff.json.data as { kind: string }[]).map((m) => m.kind)).toEqual(["public", "internal"]);
    const customerNote = await callApi(db, "POST", `/tickets/${number}/messages`, { token: customerToken, body: { body: "Trying a note", kind: "internal" } });
    expect([403, 422]).toContain(customerNote.status);
  });

  it("updates with the version read, and refuses a stale one with 409", async () => {
    const { category } = await createCategory(db);
    const created = await callApi(db, "POST", "/tickets", { token: agentToken, body: { subject: "Logged by an agent", body: "For a customer who phoned in.", category_id: category.id, requester_email: `${unique("caller")}@example.test`, priority: "high" } });
    expect(created.status).toBe(201);
    expect(created.json.priority).toBe("high");
    const number = created.json.number as number;
    const version = created.json.version as number;
    const patched = await callApi(db, "PATCH", `/tickets/${number}`, { token: agentToken, body: { version, status: "open", add_tags: ["vip"] } });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({ status: "open", tags: ["vip"] });
    const stale = await callApi(db, "PATCH", `/tickets/${number}`, { token: agentToken, body: { version, priority: "low" } });
    expect(stale.status).toBe(409);
    expect(stale.json.code).toBe("CONFLICT");
    const invalid = await callApi(db, "PATCH", `/tickets/${number}`, { token: agentToken, body: { version: patched.json.version, priority: "whenever" } });
    expect(invalid.status).toBe(422);
    expect(invalid.json.errors).toEqual([{ field: "priority", messages: [expect.any(String)] }]);
    expect((await callApi(db, "PATCH", `/tickets/${number}`, { token: customerToken, body: { version: 1, priority: "low" } })).status).toBe(403);
  });

  it("lists changes since a time, oldest first, with a next link", async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    for (let i = 0; i < 3; i++) await callApi(db, "POST", "/tickets", { token: otherToken, body: { subject: `Sync ${i}`, body: "A ticket for the sync test." } });
    const first = await callApi(db, "GET", `/tickets?updated_since=${encodeURIComponent(since)}&limit=2`, { token: otherToken });
    expect(first.status).toBe(200);
    expect((first.json.data as { subject: string }[]).map((t) => t.subject)).toEqual(["Sync 0", "Sync 1"]);
    expect(first.json.next).toEqual(expect.stringContaining("cursor="));
    const second = await callApi(db, "GET", String(first.json.next).replace("/api/v1", ""), { token: otherToken });
    expect((second.json.data as { subject: string }[]).map((t) => t.subject)).toEqual(["Sync 2"]);
    expect(second.json.next).toBeNull();
  });

  it("refuses a missing scope with 403 and malformed JSON with 400", async () => {
    const readOnly = await tokenFor(db, customer, ["tickets:read"]);
    const refused = await callApi(db, "POST", "/tickets", { token: readOnly, body: { subject: "Nope", body: "No write scope here." } });
    expect(refused.status).toBe(403);
    expect((await callApi(db, "POST", "/tickets", { token: customerToken, body: "{not json" })).status).toBe(400);
  });
});

describe("REST API: NUL bytes", async () => {
  const { db } = await useTestDatabase();
  afterAll(endRequestSessions);
  const agent = await createUser(db, { role: "agent" });
  const token = await tokenFor(db, agent);

  it("refuses a NUL byte in a body, a query or a path with 422, naming the field", async () => {
    const body = await callApi(db, "POST", "/tickets", { token, body: { subject: "Null\u0000byte", body: "A body with a subject holding a NUL." } });
    expect(body.status).toBe(422);
    expect(body.json.errors).toEqual([{ field: "subject", messages: [expect.stringContaining("NUL")] }]);
    expect((await callApi(db, "GET", "/tickets?q=%00", { token })).status).toBe(422);
    expect((await callApi(db, "GET", "/users?q=a%00b", { token })).status).toBe(422);
    expect((await callApi(db, "GET", "/tickets/%00", { token })).status).toBe(422);
  });
});
