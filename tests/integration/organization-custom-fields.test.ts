/**
 * Custom field values on organizations: admins (whoever edits
 * organizations) fill them in, on the admin page or beside a ticket; agents
 * read them; the REST API carries custom_fields by key and PATCH takes them
 * with the one validation, all of a change or none. A retired field keeps
 * its value, and an agent-only field is never a customer's.
 */
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it, vi } from "vitest";
import { organizations } from "@/db/schema";
import type { AppError } from "@/server/errors";
import { customValuesByKeyOf } from "@/server/users/record-custom-values";
import { callApi, tokenFor } from "../support/api-client";
import { callerFor, createOrganization, createUser, unique, uniqueKey } from "../support/factories";
import { endRequestSessions } from "../support/request-session";
import { useTestDatabase } from "../support/test-db";
import { codeOf, errorOf } from "../support/trpc-errors";

vi.mock("@/server/db", async () => (await import("../support/request-session")).dbModule());
vi.mock("@/server/attachments/storage", async (original) => (await import("../support/request-session")).storageModule(await original()));

describe("custom fields on organizations", async () => {
  const { db } = await useTestDatabase();
  afterAll(endRequestSessions);
  const admin = await createUser(db, { role: "admin" });
  const manager = await createUser(db, { role: "manager" });
  const agent = await createUser(db, { role: "agent" });
  const customer = await createUser(db);
  const asAdmin = callerFor(db, admin);

  const keys = {
    text: uniqueKey("contract"),
    textarea: uniqueKey("terms"),
    number: uniqueKey("licences"),
    date: uniqueKey("since"),
    checkbox: uniqueKey("onprem"),
    dropdown: uniqueKey("region"),
    multiselect: uniqueKey("channels"),
    secret: uniqueKey("margin"),
  };
  const create = (type: "text" | "textarea" | "number" | "date" | "checkbox" | "dropdown" | "multiselect", key: string, label: string, extra = {}) =>
    asAdmin.admin.customFields.create({ target: "organization", key, type, label, ...extra });
  const contract = await create("text", keys.text, "Contract");
  await create("textarea", keys.textarea, "Terms");
  await create("number", keys.number, "Licences");
  await create("date", keys.date, "Customer since");
  await create("checkbox", keys.checkbox, "On premises");
  const region = await create("dropdown", keys.dropdown, "Region", { options: [{ label: "EMEA", active: true }, { label: "APAC", active: true }] });
  const channels = await create("multiselect", keys.multiselect, "Channels", { options: [{ label: "Email", active: true }, { label: "Phone", active: true }] });
  await create("number", keys.secret, "Margin", { agentOnly: true });
  const [emea = ""] = region.options.map((option) => option.value);
  const [email = "", phone = ""] = channels.options.map((option) => option.value);

  const every = {
    [keys.text]: "C-2027-01",
    [keys.textarea]: "Net 30.\nRenews yearly.",
    [keys.number]: -3,
    [keys.date]: "2024-02-29",
    [keys.checkbox]: false,
    [keys.dropdown]: emea,
    [keys.multiselect]: [phone, email],
    [keys.secret]: 12.5,
  };
  const expected = { ...every, [keys.multiselect]: [email, phone] };
  const stored = async (id: string) => (await db.select({ customValues: organizations.customValues }).from(organizations).where(eq(organizations.id, id)))[0]?.customValues;
  const mine = (fields: { key: string; value: unknown }[]) => Object.fromEntries(fields.filter((field) => Object.values(keys).includes(field.key)).map((field) => [field.key, field.value]));

  it("round-trips every type for an admin, and agents read them (the requester panel)", async () => {
    const organization = await createOrganization(db);
    expect(mine(await asAdmin.admin.organizations.setFields({ organizationId: organization.id, customFields: every }))).toEqual(expected);
    const read = await callerFor(db, agent).admin.organizations.fields({ organizationId: organization.id });
    expect(read).toMatchObject({ id: organization.id, name: organization.name });
    expect(mine(read.fields)).toEqual(expected);
    const listed = (await asAdmin.admin.organizations.list()).find((item) => item.id === organization.id);
    expect(mine(listed?.fields ?? [])).toEqual(expected);
  });

  it("refuses bad values naming each field, and stores none of the input", async () => {
    const organization = await createOrganization(db);
    await asAdmin.admin.organizations.setFields({ organizationId: organization.id, customFields: { [keys.text]: "kept" } });
    const refused = await errorOf(
      asAdmin.admin.organizations.setFields({ organizationId: organization.id, customFields: { [keys.text]: "lost", [keys.number]: "1e3", [keys.text.slice(0, 3)]: 1 } }),
    );
    expect(refused?.code).toBe("BAD_REQUEST");
    expect((refused?.cause as AppError).fieldErrors).toEqual({
      [`customFields.${keys.number}`]: ["Licences must be a number."],
      [`customFields.${keys.text.slice(0, 3)}`]: [`There is no field “${keys.text.slice(0, 3)}”.`],
    });
    expect(await stored(organization.id)).toEqual({ [String(contract.id)]: "kept" });
  });

  it("is edited by whoever edits organizations (admins); agents and managers read, customers get nothing", async () => {
    const organization = await createOrganization(db);
    for (const who of [agent, manager]) {
      expect(await codeOf(callerFor(db, who).admin.organizations.setFields({ organizationId: organization.id, customFields: { [keys.text]: who.role } })), who.role).toBe("FORBIDDEN");
      expect(await codeOf(callerFor(db, who).admin.organizations.fields({ organizationId: organization.id })), who.role).toBe("OK");
    }
    expect(await codeOf(callerFor(db, customer).admin.organizations.fields({ organizationId: organization.id }))).toBe("FORBIDDEN");
    expect(await stored(organization.id)).toEqual({});
  });

  it("keeps values when a field is retired, and never shows an agent-only one to a customer", async () => {
    const organization = await createOrganization(db);
    await asAdmin.admin.organizations.setFields({ organizationId: organization.id, customFields: every });
    const key = uniqueKey("legacy");
    const legacy = await create("text", key, "Legacy id");
    await asAdmin.admin.organizations.setFields({ organizationId: organization.id, customFields: { [key]: "L-1" } });
    await asAdmin.admin.customFields.update({ id: legacy.id, label: "Old id", helpText: "", options: [] });
    await asAdmin.admin.customFields.setActive({ id: legacy.id, active: false });
    const read = await asAdmin.admin.organizations.fields({ organizationId: organization.id });
    expect(read.fields.find((field) => field.key === key)).toMatchObject({ label: "Old id", active: false, value: "L-1" });
    expect((await stored(organization.id))?.[String(legacy.id)]).toBe("L-1");

    const forCustomer = (await customValuesByKeyOf(db, customer, "organization", [organization.id])).get(organization.id);
    expect(forCustomer).not.toHaveProperty(keys.secret);
    expect(forCustomer).toHaveProperty(key, "L-1");
  });

  describe("through the REST API", async () => {
    const adminToken = await tokenFor(db, admin);
    const agentToken = await tokenFor(db, agent);
    const customerToken = await tokenFor(db, customer);

    it("carries custom_fields by key on GET (one and the list) and takes them on PATCH with other changes", async () => {
      const organization = await createOrganization(db);
      const patched = await callApi(db, "PATCH", `/organizations/${organization.id}`, { token: adminToken, body: { shares_tickets: true, custom_fields: every } });
      expect(patched.status).toBe(200);
      expect(patched.json).toMatchObject({ shares_tickets: true, custom_fields: expected });
      const read = await callApi(db, "GET", `/organizations/${organization.id}`, { token: agentToken });
      expect(read.json.custom_fields).toEqual(expected);
      const list = await callApi(db, "GET", `/organizations?q=${encodeURIComponent(organization.name)}`, { token: agentToken });
      expect((list.json.data as { id: string; custom_fields: unknown }[]).find((item) => item.id === organization.id)?.custom_fields).toEqual(expected);
    });

    it("refuses a bad value with 422 naming custom_fields.<key>, and changes nothing else either", async () => {
      const organization = await createOrganization(db);
      const refused = await callApi(db, "PATCH", `/organizations/${organization.id}`, { token: adminToken, body: { shares_tickets: true, custom_fields: { [keys.date]: "31/01/2027" } } });
      expect(refused.status).toBe(422);
      expect(refused.json.errors).toEqual([{ field: `custom_fields.${keys.date}`, messages: ["Customer since must be a date (YYYY-MM-DD)."] }]);
      const [row] = await db.select({ sharesTickets: organizations.sharesTickets, customValues: organizations.customValues }).from(organizations).where(eq(organizations.id, organization.id));
      expect(row).toEqual({ sharesTickets: false, customValues: {} });
    });

    it("takes custom_fields on POST, and a refused value creates nothing", async () => {
      const name = unique("Fields Org");
      const created = await callApi(db, "POST", "/organizations", { token: adminToken, body: { name, custom_fields: every } });
      expect(created.status).toBe(201);
      expect(created.json.custom_fields).toEqual(expected);
      expect(await stored(created.json.id as string)).not.toEqual({});
      const refusedName = unique("Refused Org");
      const refused = await callApi(db, "POST", "/organizations", { token: adminToken, body: { name: refusedName, custom_fields: { [keys.date]: "31/01/2027" } } });
      expect(refused.status).toBe(422);
      expect(refused.json.errors).toEqual([{ field: `custom_fields.${keys.date}`, messages: ["Customer since must be a date (YYYY-MM-DD)."] }]);
      expect(await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.name, refusedName))).toEqual([]);
    });

    it("keeps the routes' roles: customers' tokens read none, agents' tokens change none", async () => {
      const organization = await createOrganization(db);
      expect((await callApi(db, "GET", `/organizations/${organization.id}`, { token: customerToken })).status).toBe(403);
      expect((await callApi(db, "PATCH", `/organizations/${organization.id}`, { token: agentToken, body: { custom_fields: { [keys.text]: "x" } } })).status).toBe(403);
      expect(await stored(organization.id)).toEqual({});
    });
  });
});
