/**
 * Custom fields in the desk's queue: a filter by a field's value (each type
 * matched as its values are stored), the values in staff lists for an extra
 * column, never in a customer's lists, and a filter on an agent-only field
 * that a customer cannot even name.
 */
import { describe, expect, it } from "vitest";
import { listPortalTickets, listTicketsForSync } from "@/server/tickets/ticket-lists";
import { callerFor, createCategory, createUser, uniqueKey } from "../support/factories";
import { useTestDatabase } from "../support/test-db";
import { errorOf } from "../support/trpc-errors";


describe("custom fields in the queue", async () => {
  const { db } = await useTestDatabase();
  const admin = await createUser(db, { role: "admin" });
  const agent = await createUser(db, { role: "agent" });
  const customer = await createUser(db);
  const { category } = await createCategory(db);
  const asAdmin = callerFor(db, admin);
  const asAgent = callerFor(db, agent);
  const keys = { device: uniqueKey("device"), order: uniqueKey("order"), urgent: uniqueKey("vip"), parts: uniqueKey("parts"), secret: uniqueKey("secret") };
  const device = await asAdmin.admin.customFields.create({
    target: "ticket",
    key: keys.device,
    type: "dropdown",
    label: "Device",
    options: [
      { label: "Laptop", active: true },
      { label: "Phone", active: true },
    ],
  });
  await asAdmin.admin.customFields.create({ target: "ticket", key: keys.order, type: "text", label: "Order number" });
  await asAdmin.admin.customFields.create({ target: "ticket", key: keys.urgent, type: "checkbox", label: "VIP" });
  await asAdmin.admin.customFields.create({ target: "ticket", key: keys.parts, type: "multiselect", label: "Parts", options: [{ label: "Screen", active: true }, { label: "Battery", active: true }] });
  await asAdmin.admin.customFields.create({ target: "ticket", key: keys.secret, type: "text", label: "Secret", agentOnly: true });

  const open = async (values: Record<string, string | boolean | string[]>) => {
    const created = await callerFor(db, customer).tickets.create({ subject: "Broken device", body: "It stopped working this morning.", categoryId: category.id });
    const { ticket } = await asAgent.tickets.get({ number: created.number });
    await asAgent.desk.update({ number: created.number, version: ticket.version, changes: { customFields: values } });
    return created.number;
  };
  const laptop = await open({ [keys.device]: "laptop", [keys.order]: "A-1042", [keys.urgent]: true, [keys.parts]: ["screen", "battery"], [keys.secret]: "s3cret" });
  const phone = await open({ [keys.device]: "phone", [keys.order]: "B-77" });

  const numbersWhere = async (field: string, value: string) => {
    const page = await asAgent.desk.queue({ view: "open", filters: { requesterId: customer.id, field: { key: field, value } }, limit: 25 });
    return page.items.map((item) => item.number).sort();
  };

  it("narrows the queue by a field's value, for every type", async () => {
    expect(await numbersWhere(keys.device, "laptop")).toEqual([laptop]);
    // An option may be named by its label too.
    expect(await numbersWhere(keys.device, "Phone")).toEqual([phone]);
    expect(await numbersWhere(keys.order, "a-10")).toEqual([laptop]);
    expect(await numbersWhere(keys.urgent, "yes")).toEqual([laptop]);
    expect(await numbersWhere(keys.urgent, "no")).toEqual([phone]);
    expect(await numbersWhere(keys.parts, "battery")).toEqual([laptop]);
    expect(await numbersWhere(keys.order, "100%_")).toEqual([]);
  });

  it("refuses an unknown field or option with a message that names it", async () => {
    expect((await errorOf(numbersWhere(uniqueKey("nope"), "x")))?.message).toMatch(/There is no ticket field/);
    expect((await errorOf(numbersWhere(keys.device, "toaster")))?.message).toBe('Device has no option "toaster".');
  });

  it("gives staff lists the values for a column, and customers none, nor a filter on an agent-only field", async () => {
    const page = await asAgent.desk.queue({ view: "open", filters: { requesterId: customer.id, field: { key: keys.device, value: "laptop" } }, limit: 25 });
    expect(page.items[0]?.customValues[String(device.id)]).toBe("laptop");
    const mine = await listPortalTickets(db, customer, { scope: "mine", limit: 25 });
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((item) => Object.keys(item.customValues).length === 0)).toBe(true);
    await expect(listTicketsForSync(db, customer, { filters: { field: { key: keys.secret, value: "s3cret" } }, limit: 25 })).rejects.toThrow(/There is no ticket field/);
  });
});
