/**
 * Custom field values on people, at every door: the desk's procedures (agents
 * read and fill them in), the REST API (custom_fields by key on GET, PATCH
 * takes them, all of a change or none) and the one validation of custom
 * values. Every type round-trips; a bad value is refused naming its field
 * and changes nothing; a retired field or option keeps its value; customers
 * never reach them, and an agent-only field is never theirs to read or set.
 */
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it, vi } from "vitest";
import { users } from "@/db/schema";
import type { AppError } from "@/server/errors";
import { customValuesByKeyOf, setRecordCustomValues } from "@/server/users/record-custom-values";
import { callApi, tokenFor } from "../support/api-client";
import { callerFor, createUser, unique, uniqueKey } from "../support/factories";
import { endRequestSessions } from "../support/request-session";
import { useTestDatabase } from "../support/test-db";
import { codeOf, errorOf } from "../support/trpc-errors";

vi.mock("@/server/db", async () => (await import("../support/request-session")).dbModule());
vi.mock("@/server/attachments/storage", async (original) => (await import("../support/request-session")).storageModule(await original()));

const fieldErrorsOf = async (call: Promise<unknown>) => ((await errorOf(call))?.cause as AppError | undefined)?.fieldErrors ?? null;

describe("custom fields on people", async () => {
  const { db } = await useTestDatabase();
  afterAll(endRequestSessions);
  const admin = await createUser(db, { role: "admin" });
  const manager = await createUser(db, { role: "manager" });
  const agent = await createUser(db, { role: "agent" });
  const customer = await createUser(db);
  const asAdmin = callerFor(db, admin);
  const asAgent = callerFor(db, agent);

  const keys = {
    text: uniqueKey("account"),
    textarea: uniqueKey("notes"),
    number: uniqueKey("seats"),
    date: uniqueKey("renewal"),
    checkbox: uniqueKey("vip"),
    dropdown: uniqueKey("plan"),
    multiselect: uniqueKey("products"),
    secret: uniqueKey("risk"),
  };
  const create = (type: "text" | "textarea" | "number" | "date" | "checkbox" | "dropdown" | "multiselect", key: string, label: string, extra = {}) =>
    asAdmin.admin.customFields.create({ target: "user", key, type, label, ...extra });
  const text = await create("text", keys.text, "Account");
  await create("textarea", keys.textarea, "Notes");
  const number = await create("number", keys.number, "Seats");
  await create("date", keys.date, "Renewal");
  await create("checkbox", keys.checkbox, "VIP");
  const plan = await create("dropdown", keys.dropdown, "Plan", { options: [{ label: "Gold", active: true }, { label: "Silver", active: true }] });
  const products = await create("multiselect", keys.multiselect, "Products", { options: [{ label: "Desk", active: true }, { label: "Chat", active: true }, { label: "Voice", active: true }] });
  const secret = await create("text", keys.secret, "Churn risk", { agentOnly: true });
  const [gold = "", silver = ""] = plan.options.map((option) => option.value);
  const [desk = "", chat = "", voice = ""] = products.options.map((option) => option.value);

  const every = () => ({
    [keys.text]: "ACME-7",
    [keys.textarea]: "Prefers email.\nCalls on Fridays.",
    [keys.number]: 42.5,
    [keys.date]: "2027-01-31",
    [keys.checkbox]: true,
    [keys.dropdown]: gold,
    [keys.multiselect]: [voice, desk],
    [keys.secret]: "high",
  });
  const stored = async (id: string) => (await db.select({ customValues: users.customValues }).from(users).where(eq(users.id, id)))[0]?.customValues;
  const mine = (fields: { key: string; value: unknown }[]) => Object.fromEntries(fields.filter((field) => Object.values(keys).includes(field.key)).map((field) => [field.key, field.value]));

  describe("in the desk (tRPC)", () => {
    it("round-trips every type, stored by field id, and reads back in field order", async () => {
      const person = await createUser(db);
      const fields = await asAgent.admin.users.setFields({ userId: person.id, customFields: every() });
      const expected = { ...every(), [keys.multiselect]: [desk, voice] };
      expect(mine(fields)).toEqual(expected);
      const read = await asAgent.admin.users.fields({ userId: person.id });
      expect(read).toMatchObject({ id: person.id, name: person.name, email: person.email });
      expect(mine(read.fields)).toEqual(expected);
      expect((await stored(person.id))?.[String(text.id)]).toBe("ACME-7");
      // Each type is the control the desk shows for it.
      expect(read.fields.find((field) => field.key === keys.dropdown)).toMatchObject({ type: "dropdown", active: true, options: plan.options });
      expect(read.fields.find((field) => field.key === keys.secret)).toMatchObject({ agentOnly: true, value: "high" });
    });

    it("changes only the fields named, and null clears one", async () => {
      const person = await createUser(db);
      await asAgent.admin.users.setFields({ userId: person.id, customFields: every() });
      const fields = await asAgent.admin.users.setFields({ userId: person.id, customFields: { [keys.number]: null, [keys.dropdown]: silver } });
      expect(mine(fields)).toMatchObject({ [keys.number]: null, [keys.dropdown]: silver, [keys.text]: "ACME-7" });
      expect(await stored(person.id)).not.toHaveProperty(String(number.id));
    });

    it("refuses bad values naming each field, and stores none of the input", async () => {
      const person = await createUser(db);
      await asAgent.admin.users.setFields({ userId: person.id, customFields: { [keys.text]: "before" } });
      const bad = {
        [keys.text]: "after",
        [keys.number]: "many",
        [keys.date]: "2027-02-30",
        [keys.checkbox]: "yes",
        [keys.dropdown]: "platinum",
        [keys.multiselect]: [chat, "fax"],
        [keys.textarea]: 7,
        nosuchfield: "x",
      };
      const errors = await fieldErrorsOf(asAgent.admin.users.setFields({ userId: person.id, customFields: bad }));
      expect(errors).toEqual({
        [`customFields.${keys.number}`]: ["Seats must be a number."],
        [`customFields.${keys.date}`]: ["Renewal is not a real date."],
        [`customFields.${keys.checkbox}`]: ["VIP must be true or false."],
        [`customFields.${keys.dropdown}`]: ["Choose one of the options of Plan."],
        [`customFields.${keys.multiselect}`]: ["Choose among the options of Products (not “fax”)."],
        [`customFields.${keys.textarea}`]: ["Notes must be text."],
        "customFields.nosuchfield": ["There is no field “nosuchfield”."],
      });
      expect(await stored(person.id)).toEqual({ [String(text.id)]: "before" });
    });

    it("lets agents and above read and fill them in; customers and strangers get nothing", async () => {
      const person = await createUser(db);
      for (const who of [agent, manager, admin]) {
        expect(await codeOf(callerFor(db, who).admin.users.setFields({ userId: person.id, customFields: { [keys.text]: who.role } })), who.role).toBe("OK");
      }
      expect(await codeOf(callerFor(db, customer).admin.users.fields({ userId: customer.id }))).toBe("FORBIDDEN");
      expect(await codeOf(callerFor(db, customer).admin.users.setFields({ userId: customer.id, customFields: { [keys.text]: "mine" } }))).toBe("FORBIDDEN");
      expect(await codeOf(callerFor(db, null).admin.users.fields({ userId: person.id }))).toBe("UNAUTHORIZED");
      expect(await stored(customer.id)).toEqual({});
      expect(await codeOf(asAgent.admin.users.fields({ userId: crypto.randomUUID() }))).toBe("NOT_FOUND");
    });
  });

  describe("retired fields and options", () => {
    it("keep their stored values through a relabel and a retirement, read-only", async () => {
      const key = uniqueKey("tier");
      const field = await create("dropdown", key, "Tier", { options: [{ label: "Bronze", active: true }, { label: "Steel", active: true }] });
      const [bronze, steel] = field.options;
      if (!bronze || !steel) throw new Error("The field lost its options.");
      const person = await createUser(db);
      await asAgent.admin.users.setFields({ userId: person.id, customFields: { [key]: bronze.value } });

      // The option is retired, then the field relabelled and retired: the value stays.
      await asAdmin.admin.customFields.update({ id: field.id, label: "Support tier", helpText: "", options: [{ ...bronze, label: "Bronze", active: false }, { ...steel, label: "Steel", active: true }] });
      await asAdmin.admin.customFields.setActive({ id: field.id, active: false });
      const read = await asAgent.admin.users.fields({ userId: person.id });
      expect(read.fields.find((view) => view.key === key)).toMatchObject({ label: "Support tier", active: false, value: bronze.value });
      expect((await stored(person.id))?.[String(field.id)]).toBe(bronze.value);

      // Sending back what is stored is not a change; a new value is refused at the field.
      expect(await codeOf(asAgent.admin.users.setFields({ userId: person.id, customFields: { [key]: bronze.value } }))).toBe("OK");
      expect(await fieldErrorsOf(asAgent.admin.users.setFields({ userId: person.id, customFields: { [key]: steel.value } }))).toEqual({
        [`customFields.${key}`]: ["Support tier is no longer in use and cannot change."],
      });
      const rest = await callApi(db, "GET", `/users/${person.id}`, { token: await tokenFor(db, agent) });
      expect(rest.json.custom_fields).toEqual({ [key]: bronze.value });

      // Brought back, it takes values again.
      await asAdmin.admin.customFields.setActive({ id: field.id, active: true });
      const back = await asAgent.admin.users.setFields({ userId: person.id, customFields: { [key]: steel.value } });
      expect(back.find((view) => view.key === key)?.value).toBe(steel.value);
    });
  });

  describe("agent-only fields", () => {
    it("are never read nor set for a customer, at the domain's door", async () => {
      const person = await createUser(db);
      await asAgent.admin.users.setFields({ userId: person.id, customFields: every() });
      const asCustomer = await customValuesByKeyOf(db, customer, "user", [person.id]);
      expect(asCustomer.get(person.id)).not.toHaveProperty(keys.secret);
      expect(asCustomer.get(person.id)).toHaveProperty(keys.text, "ACME-7");
      expect((await customValuesByKeyOf(db, agent, "user", [person.id])).get(person.id)).toHaveProperty(keys.secret, "high");
      const refused = await setRecordCustomValues(db, customer, "user", person.id, { [keys.secret]: "low" }).catch((error: unknown) => error as AppError);
      expect(refused).toMatchObject({ code: "INVALID", fieldErrors: { [`customFields.${keys.secret}`]: [`There is no field “${keys.secret}”.`] } });
      expect((await stored(person.id))?.[String(secret.id)]).toBe("high");
    });
  });

  describe("through the REST API", async () => {
    const adminToken = await tokenFor(db, admin);
    const agentToken = await tokenFor(db, agent);
    const customerToken = await tokenFor(db, customer);

    it("carries custom_fields by key on GET (one and the list) and takes them on PATCH", async () => {
      const person = await createUser(db, { name: unique("Zed Fields") });
      const patched = await callApi(db, "PATCH", `/users/${person.id}`, { token: adminToken, body: { custom_fields: every() } });
      expect(patched.status).toBe(200);
      expect(patched.json.custom_fields).toMatchObject({ ...every(), [keys.multiselect]: [desk, voice] });
      const read = await callApi(db, "GET", `/users/${person.id}`, { token: agentToken });
      expect(read.json.custom_fields).toEqual(patched.json.custom_fields);
      const list = await callApi(db, "GET", `/users?q=${encodeURIComponent(person.name)}`, { token: agentToken });
      expect((list.json.data as { id: string; custom_fields: unknown }[]).find((item) => item.id === person.id)?.custom_fields).toEqual(patched.json.custom_fields);
      const cleared = await callApi(db, "PATCH", `/users/${person.id}`, { token: adminToken, body: { custom_fields: { [keys.text]: null } } });
      expect(cleared.json.custom_fields).not.toHaveProperty(keys.text);
    });

    it("refuses a bad value with 422 naming custom_fields.<key>, and changes nothing else either", async () => {
      const person = await createUser(db);
      const refused = await callApi(db, "PATCH", `/users/${person.id}`, { token: adminToken, body: { name: "Renamed", custom_fields: { [keys.text]: "ok", [keys.number]: "lots" } } });
      expect(refused.status).toBe(422);
      expect(refused.json.errors).toEqual([{ field: `custom_fields.${keys.number}`, messages: ["Seats must be a number."] }]);
      const [row] = await db.select({ name: users.name, customValues: users.customValues }).from(users).where(eq(users.id, person.id));
      expect(row).toEqual({ name: person.name, customValues: {} });
      const unknown = await callApi(db, "PATCH", `/users/${person.id}`, { token: adminToken, body: { custom_fields: { NoSuch: 1 } } });
      expect(unknown.json.errors).toEqual([{ field: "custom_fields.NoSuch", messages: ["There is no field “NoSuch”."] }]);
    });

    it("takes custom_fields on POST, and a refused value creates no one", async () => {
      const email = `${uniqueKey("fields")}@example.test`;
      const created = await callApi(db, "POST", "/users", { token: adminToken, body: { name: "Fields Person", email, custom_fields: every() } });
      expect(created.status).toBe(201);
      expect(created.json.custom_fields).toMatchObject({ ...every(), [keys.multiselect]: [desk, voice] });
      const refusedEmail = `${uniqueKey("refused")}@example.test`;
      const refused = await callApi(db, "POST", "/users", { token: adminToken, body: { name: "Refused Person", email: refusedEmail, custom_fields: { [keys.number]: "lots" } } });
      expect(refused.status).toBe(422);
      expect(refused.json.errors).toEqual([{ field: `custom_fields.${keys.number}`, messages: ["Seats must be a number."] }]);
      expect(await db.select({ id: users.id }).from(users).where(eq(users.email, refusedEmail))).toEqual([]);
    });

    it("keeps the routes' roles: customers' tokens read no one, agents' tokens change no one", async () => {
      const person = await createUser(db);
      expect((await callApi(db, "GET", `/users/${person.id}`, { token: customerToken })).status).toBe(403);
      expect((await callApi(db, "PATCH", `/users/${person.id}`, { token: agentToken, body: { custom_fields: { [keys.text]: "x" } } })).status).toBe(403);
      expect(await stored(person.id)).toEqual({});
    });

    it("documents custom_fields in the OpenAPI document", async () => {
      const document = (await callApi(db, "GET", "/openapi.json")).json as { components: { schemas: Record<string, { properties: Record<string, unknown> }> } };
      expect(document.components.schemas.User?.properties).toHaveProperty("custom_fields");
      expect(JSON.stringify(document)).toContain("GET /custom-fields?target=user");
    });
  });
});
