/**
 * Custom fields in the desk's bulk edit: each selected ticket's change goes
 * through the single edit's validation and records its cf:<key> event; a
 * ticket the change cannot apply to is skipped with its reason; a value no
 * ticket could take refuses the whole batch; Undo puts the values back.
 * Fields are global: each test makes its own keys and its own tickets.
 */
import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ticketEvents, tickets } from "@/db/schema";
import { callerFor, createCategory, createUser, uniqueKey } from "../support/factories";
import { useTestDatabase } from "../support/test-db";
import { errorOf } from "../support/trpc-errors";

describe("bulk edit of custom fields", async () => {
  const { db } = await useTestDatabase();
  const admin = await createUser(db, { role: "admin" });
  const agent = await createUser(db, { role: "agent" });
  const customer = await createUser(db);
  const asAdmin = callerFor(db, admin);
  const asAgent = callerFor(db, agent);

  async function ticketNumbers(count: number) {
    const { category } = await createCategory(db);
    const made = [];
    for (let i = 0; i < count; i++) {
      made.push((await callerFor(db, customer).tickets.create({ subject: "Printer jams", body: "Every second page jams.", categoryId: category.id })).number);
    }
    return made;
  }

  const rows = async (numbers: number[]) => db.select().from(tickets).where(inArray(tickets.number, numbers)).orderBy(tickets.number);
  const fieldEvents = async (key: string, numbers: number[]) => {
    const ids = (await rows(numbers)).map((row) => row.id);
    return db
      .select()
      .from(ticketEvents)
      .where(and(inArray(ticketEvents.ticketId, ids), eq(ticketEvents.field, `cf:${key}`)));
  };
  const deviceField = (agentOnly = false) =>
    asAdmin.admin.customFields.create({
      target: "ticket",
      key: uniqueKey("device"),
      type: "dropdown",
      label: "Device",
      agentOnly,
      options: [
        { label: "Laptop", active: true },
        { label: "Phone", active: true },
      ],
    });

  it("sets an agent-only drop-down on every selected ticket, with a cf:<key> event each, and Undo clears it again", async () => {
    const field = await deviceField(true);
    const laptop = field.options[0]?.value ?? "";
    const [a, b, c] = await ticketNumbers(3);
    if (!a || !b || !c) throw new Error("no tickets");
    await db.update(tickets).set({ status: "closed", closedAt: new Date(), solvedAt: new Date() }).where(eq(tickets.number, c));

    const result = await asAgent.desk.bulkUpdate({ numbers: [a, b, c], changes: { customFields: { [field.key]: laptop } } });
    expect(result.updated).toEqual([a, b]);
    expect(result.skipped).toEqual([{ number: c, reason: "closed" }]);
    expect((await rows([a, b])).map((row) => row.customValues[String(field.id)])).toEqual([laptop, laptop]);
    const events = await fieldEvents(field.key, [a, b]);
    expect(events).toHaveLength(2);
    expect(events.every((event) => event.actorId === agent.id && event.fromValue === null && event.toValue === laptop)).toBe(true);

    const again = await asAgent.desk.bulkUpdate({ numbers: [a, b], changes: { customFields: { [field.key]: laptop } } });
    expect(again.unchanged).toEqual([a, b]);

    const undone = await asAgent.desk.undo({ items: result.undo });
    expect(undone.restored.map((item) => item.number)).toEqual([a, b]);
    expect((await rows([a, b])).map((row) => row.customValues[String(field.id)])).toEqual([undefined, undefined]);
  });

  it("clears a text field on the tickets that hold a value and leaves the others unchanged", async () => {
    const field = await asAdmin.admin.customFields.create({ target: "ticket", key: uniqueKey("serial"), type: "text", label: "Serial" });
    const [a, b] = await ticketNumbers(2);
    if (!a || !b) throw new Error("no tickets");
    const version = (await asAgent.tickets.get({ number: a })).ticket.version;
    await asAgent.desk.update({ number: a, version, changes: { customFields: { [field.key]: "SN-1" } } });

    const result = await asAgent.desk.bulkUpdate({ numbers: [a, b], changes: { customFields: { [field.key]: null } } });
    expect(result).toMatchObject({ updated: [a], unchanged: [b], skipped: [] });
    expect((await rows([a]))[0]?.customValues[String(field.id)]).toBeUndefined();
    const events = (await fieldEvents(field.key, [a])).map((event) => [event.fromValue, event.toValue]);
    expect(events).toContainEqual(["SN-1", null]);
  });

  it("refuses the whole batch for a value the field's type refuses, with the error at the field, and writes nothing", async () => {
    const field = await asAdmin.admin.customFields.create({ target: "ticket", key: uniqueKey("seats"), type: "number", label: "Seats" });
    const [a, b] = await ticketNumbers(2);
    if (!a || !b) throw new Error("no tickets");
    const refused = await errorOf(asAgent.desk.bulkUpdate({ numbers: [a, b], changes: { priority: "high", customFields: { [field.key]: "many" } } }));
    expect(refused?.message).toBe("Seats must be a number.");
    expect((await rows([a, b])).map((row) => row.priority)).toEqual(["normal", "normal"]);
  });

  it("follows a retired field's rules: no new value for anyone, and clearing skips the tickets that hold one", async () => {
    const field = await deviceField();
    const phone = field.options[1]?.value ?? "";
    const [a, b] = await ticketNumbers(2);
    if (!a || !b) throw new Error("no tickets");
    const version = (await asAgent.tickets.get({ number: a })).ticket.version;
    await asAgent.desk.update({ number: a, version, changes: { customFields: { [field.key]: phone } } });
    await asAdmin.admin.customFields.setActive({ id: field.id, active: false });

    const set = await errorOf(asAgent.desk.bulkUpdate({ numbers: [a, b], changes: { customFields: { [field.key]: phone } } }));
    expect(set?.message).toBe("Device is no longer in use and cannot change.");
    const cleared = await asAgent.desk.bulkUpdate({ numbers: [a, b], changes: { customFields: { [field.key]: null } } });
    expect(cleared).toMatchObject({ updated: [], unchanged: [b], skipped: [{ number: a, reason: "Device is no longer in use and cannot change." }] });
    expect((await rows([a]))[0]?.customValues[String(field.id)]).toBe(phone);
  });

  it("refuses a customer, to whom an agent-only field does not exist", async () => {
    const field = await deviceField(true);
    const [a] = await ticketNumbers(1);
    if (!a) throw new Error("no ticket");
    const refused = await errorOf(callerFor(db, customer).desk.bulkUpdate({ numbers: [a], changes: { customFields: { [field.key]: null } } }));
    expect(refused?.code).toBe("FORBIDDEN");
  });
});
