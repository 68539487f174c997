/**
 * Custom fields through the REST API: tickets carry custom_fields by key
 * (agent-only ones never for a customer's token, in a ticket, a list or the
 * definitions), accept them on create and update with the same validation
 * and the same required rules as the portal and the desk.
 */
import { afterAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db/types";
import { callApi, tokenFor } from "../support/api-client";
import { callerFor, createCategory, createUser, uniqueKey } from "../support/factories";
import { nonsenseWord } from "../support/nonsense-word";
import { endRequestSessions } from "../support/request-session";
import { inRolledBackTransaction, useTestDatabase } from "../support/test-db";

vi.mock("@/server/db", async () => (await import("../support/request-session")).dbModule());
vi.mock("@/server/attachments/storage", async (original) => (await import("../support/request-session")).storageModule(await original()));


describe("REST API: custom fields", async () => {
  const { db } = await useTestDatabase();
  afterAll(endRequestSessions);
  const admin = await createUser(db, { role: "admin" });
  const agent = await createUser(db, { role: "agent" });
  const customer = await createUser(db);
  const customerToken = await tokenFor(db, customer, ["tickets:read", "tickets:write"]);
  const agentToken = await tokenFor(db, agent);
  const { category } = await createCategory(db);
  const asAdmin = callerFor(db, admin);
  // The agent-only field's key and option value are words no customer may ever read.
  const secretKey = uniqueKey("zqhidden");
  const secretValue = nonsenseWord();
  const orderKey = uniqueKey("order");
  const order = await asAdmin.admin.customFields.create({ target: "ticket", key: orderKey, type: "text", label: "Order number", requiredForCustomers: true });
  const hidden = await asAdmin.admin.customFields.create({ target: "ticket", key: secretKey, type: "dropdown", label: "Root cause", agentOnly: true, options: [{ value: undefined, label: secretValue, active: true }] });
  await asAdmin.admin.customFields.setForm({ categoryId: category.id, fieldIds: [order.id] });
  const secretOption = hidden.options[0]?.value ?? "";

  const open = (body: Record<string, unknown>, token = customerToken) => callApi(db, "POST", "/tickets", { token, body: { subject: "Double charge", body: "I was charged twice in November.", category_id: category.id, ...body } });

  it("refuses a customer's ticket without a required field, naming it, and takes it with one", async () => {
    const refused = await open({});
    expect(refused.status).toBe(422);
    expect(refused.json).toMatchObject({ detail: "Fill in Order number.", errors: [{ field: `custom_fields.${orderKey}`, messages: ["Fill in Order number."] }] });
    const wrongType = await open({ custom_fields: { [orderKey]: 42 } });
    expect(wrongType.status).toBe(422);
    expect(wrongType.json.errors).toEqual([{ field: `custom_fields.${orderKey}`, messages: ["Order number must be text."] }]);
    const created = await open({ custom_fields: { [orderKey]: "A-1042" } });
    expect(created.status).toBe(201);
    expect(created.json.custom_fields).toEqual({ [orderKey]: "A-1042" });
  });

  it("never shows or accepts an agent-only field for a customer's token", async () => {
    const sneaky = await open({ custom_fields: { [orderKey]: "A-1", [secretKey]: secretOption } });
    expect(sneaky.status).toBe(422);
    expect(sneaky.json.errors).toEqual([{ field: `custom_fields.${secretKey}`, messages: [`There is no field “${secretKey}”.`] }]);

    const created = await open({ custom_fields: { [orderKey]: "A-2" } });
    const number = created.json.number as number;
    const patched = await callApi(db, "PATCH", `/tickets/${number}`, { token: agentToken, body: { version: created.json.version, custom_fields: { [secretKey]: secretOption } } });
    expect(patched.status).toBe(200);
    expect(patched.json.custom_fields).toEqual({ [orderKey]: "A-2", [secretKey]: secretOption });

    const mine = await callApi(db, "GET", `/tickets/${number}`, { token: customerToken });
    expect(mine.json.custom_fields).toEqual({ [orderKey]: "A-2" });
    for (const path of [`/tickets/${number}`, "/tickets?limit=100", `/tickets?q=Double&limit=100`, "/custom-fields", "/custom-fields?target=ticket"]) {
      const answer = await callApi(db, "GET", path, { token: customerToken });
      expect(answer.status, path).toBe(200);
      expect(JSON.stringify(answer.body), path).not.toContain(secretKey);
      expect(JSON.stringify(answer.body), path).not.toContain(secretValue);
    }
  });

  it("lists definitions: customers the fields they may fill in, staff every field", async () => {
    const asCustomer = (await callApi(db, "GET", "/custom-fields", { token: customerToken })).json.data as { key: string; category_ids: string[]; required_for_customers: boolean }[];
    expect(asCustomer.find((field) => field.key === orderKey)).toMatchObject({ category_ids: [category.id], required_for_customers: true });
    const asStaff = (await callApi(db, "GET", "/custom-fields?target=ticket", { token: agentToken })).json.data as { key: string; agent_only: boolean }[];
    expect(asStaff.find((field) => field.key === secretKey)).toMatchObject({ agent_only: true });
  });

  it("checks updates with the same rules: bad values, a stale version, a solve with an empty required field", async () => {
    const created = await open({ custom_fields: { [orderKey]: "A-3" } });
    const number = created.json.number as number;
    const bad = await callApi(db, "PATCH", `/tickets/${number}`, { token: agentToken, body: { version: created.json.version, custom_fields: { [secretKey]: "nope" } } });
    expect(bad.status).toBe(422);
    expect(bad.json.errors).toEqual([{ field: `custom_fields.${secretKey}`, messages: ["Choose one of the options of Root cause."] }]);
    const cleared = await callApi(db, "PATCH", `/tickets/${number}`, { token: agentToken, body: { version: created.json.version, custom_fields: { [orderKey]: null } } });
    expect(cleared.json.custom_fields).toEqual({});
    const stale = await callApi(db, "PATCH", `/tickets/${number}`, { token: agentToken, body: { version: created.json.version, custom_fields: { [orderKey]: "A-4" } } });
    expect(stale.status).toBe(409);

    await inRolledBackTransaction(db, async (tx: Db) => {
      const required = await callerFor(tx, admin).admin.customFields.create({ target: "ticket", key: uniqueKey("cause"), type: "text", label: "Cause", requiredOnSolve: true });
      const current = await callApi(tx, "GET", `/tickets/${number}`, { token: agentToken });
      const solve = await callApi(tx, "PATCH", `/tickets/${number}`, { token: agentToken, body: { version: current.json.version, status: "solved" } });
      expect(solve.status).toBe(422);
      expect(solve.json.detail).toBe(`Fill in Cause before solving ticket #${number}.`);
      const solved = await callApi(tx, "PATCH", `/tickets/${number}`, { token: agentToken, body: { version: current.json.version, status: "solved", custom_fields: { [required.key]: "Cable" } } });
      expect(solved.status).toBe(200);
      expect(solved.json).toMatchObject({ status: "solved", custom_fields: { [required.key]: "Cable" } });
    });
  });
});
