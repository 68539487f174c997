/**
 * GET /api/v1/tickets?custom_field=…&custom_field_value=…: the desk's queue
 * filter through the REST API, with the same refusals (an agent-only field is
 * unknown to a customer's token; a key without a value is refused).
 */
import { afterAll, describe, expect, it, vi } from "vitest";
import { callApi, tokenFor } from "../support/api-client";
import { callerFor, createCategory, createUser, uniqueKey } from "../support/factories";
import { endRequestSessions } from "../support/request-session";
import { useTestDatabase } from "../support/test-db";

vi.mock("@/server/db", async () => (await import("../support/request-session")).dbModule());
vi.mock("@/server/attachments/storage", async (original) => (await import("../support/request-session")).storageModule(await original()));


describe("REST API: filtering tickets by a custom field", async () => {
  const { db } = await useTestDatabase();
  afterAll(endRequestSessions);
  const admin = await createUser(db, { role: "admin" });
  const agent = await createUser(db, { role: "agent" });
  const customer = await createUser(db);
  const agentToken = await tokenFor(db, agent);
  const customerToken = await tokenFor(db, customer, ["tickets:read", "tickets:write"]);
  const { category } = await createCategory(db);
  const asAdmin = callerFor(db, admin);
  const office = uniqueKey("office");
  const secret = uniqueKey("secret");
  await asAdmin.admin.customFields.create({ target: "ticket", key: office, type: "dropdown", label: "Office", options: [{ label: "Berlin", active: true }, { label: "Lisbon", active: true }] });
  await asAdmin.admin.customFields.create({ target: "ticket", key: secret, type: "text", label: "Secret", agentOnly: true });
  const open = async (value: string) => {
    const created = await callApi(db, "POST", "/tickets", { token: agentToken, body: { subject: "Printer jam", body: "The printer on floor 2 jams.", category_id: category.id, custom_fields: { [office]: value, [secret]: "x" } } });
    if (created.status !== 201) throw new Error(JSON.stringify(created.json));
    return (created.json as { number: number }).number;
  };

  it("lists only the tickets whose field holds the value, and refuses what it cannot apply", async () => {
    const berlin = await open("berlin");
    await open("lisbon");
    const listed = await callApi(db, "GET", `/tickets?custom_field=${office}&custom_field_value=Berlin`, { token: agentToken });
    expect(listed.status).toBe(200);
    expect((listed.json as { data: { number: number; custom_fields: Record<string, string> }[] }).data.map((t) => [t.number, t.custom_fields[office]])).toEqual([[berlin, "berlin"]]);
    const half = await callApi(db, "GET", `/tickets?custom_field=${office}`, { token: agentToken });
    expect(half.status).toBe(422);
    expect(half.json).toMatchObject({ detail: "Send custom_field and custom_field_value together." });
    const hidden = await callApi(db, "GET", `/tickets?custom_field=${secret}&custom_field_value=x`, { token: customerToken });
    expect(hidden.status).toBe(422);
    expect(hidden.json).toMatchObject({ detail: `There is no ticket field "${secret}".` });
  });
});
