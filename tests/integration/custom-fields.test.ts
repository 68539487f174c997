/**
 * Custom fields through tRPC: the one validation per type, the category
 * form's required fields on submit, required fields on solve (desk, bulk,
 * send-and-solve), agent-only fields that customers never see nor set,
 * retiring fields and options without losing values, history and undo, and
 * the ticket's version. Fields are global: each test makes its own keys, and
 * a field required on solve (which would hold every solve elsewhere) lives
 * only inside a rolled-back transaction.
 */
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/types";
import type { FieldDefinition } from "@/server/custom-fields/field-definitions";
import { validateCustomValues } from "@/server/custom-fields/validate-values";
import type { SessionUser } from "@/server/users/session-user";
import { callerFor, createCategory, createUser, uniqueKey } from "../support/factories";
import { inRolledBackTransaction, useTestDatabase } from "../support/test-db";
import { errorOf } from "../support/trpc-errors";


function definition(overrides: Partial<FieldDefinition> & Pick<FieldDefinition, "type">): FieldDefinition {
  return {
    id: 1,
    target: "ticket",
    key: "field",
    label: "Field",
    helpText: "",
    options: [],
    position: 0,
    active: true,
    requiredForCustomers: false,
    requiredOnSolve: false,
    agentOnly: false,
    ...overrides,
  };
}

describe("custom field validation", () => {
  const agent = { role: "agent" } as const;
  const options = [
    { value: "mac", label: "Mac", active: true },
    { value: "pc", label: "PC", active: true },
    { value: "fax", label: "Fax", active: false },
  ];
  const fields = [
    definition({ id: 1, key: "order", label: "Order number", type: "text" }),
    definition({ id: 2, key: "notes", label: "Notes", type: "textarea" }),
    definition({ id: 3, key: "seats", label: "Seats", type: "number" }),
    definition({ id: 4, key: "since", label: "Since", type: "date" }),
    definition({ id: 5, key: "agreed", label: "Agreed", type: "checkbox" }),
    definition({ id: 6, key: "device", label: "Device", type: "dropdown", options }),
    definition({ id: 7, key: "devices", label: "Devices", type: "multiselect", options }),
    definition({ id: 8, key: "secret", label: "Secret", type: "text", agentOnly: true }),
  ];
  const valid = (input: Record<string, unknown>, current = {}) => validateCustomValues(fields, input, { viewer: agent, current }).values;
  const refusal = (input: Record<string, unknown>, viewer: { role: "agent" | "customer" } = agent, current = {}) => {
    try {
      validateCustomValues(fields, input, { viewer, current });
    } catch (error) {
      return (error as { fieldErrors: Record<string, string[]> }).fieldErrors;
    }
    throw new Error("expected a refusal");
  };

  it("stores each type by field id, by key or by id", () => {
    expect(valid({ order: "  A-1042 ", notes: "line one\nline two\n", seats: 12.5, since: "2026-02-28", agreed: true, device: "mac", devices: ["pc", "mac", "pc"] })).toEqual({
      "1": "A-1042",
      "2": "line one\nline two",
      "3": 12.5,
      "4": "2026-02-28",
      "5": true,
      "6": "mac",
      "7": ["mac", "pc"],
    });
    expect(valid({ "3": "42" })).toEqual({ "3": 42 });
  });

  it("refuses each type's bad values at the field, naming it", () => {
    expect(refusal({ seats: "twelve" })).toEqual({ "customFields.seats": ["Seats must be a number."] });
    expect(refusal({ since: "2026-02-30" })).toEqual({ "customFields.since": ["Since is not a real date."] });
    expect(refusal({ since: "28/02/2026" })).toEqual({ "customFields.since": ["Since must be a date (YYYY-MM-DD)."] });
    expect(refusal({ agreed: "yes" })).toEqual({ "customFields.agreed": ["Agreed must be true or false."] });
    expect(refusal({ device: "tablet" })).toEqual({ "customFields.device": ["Choose one of the options of Device."] });
    expect(refusal({ device: "fax" })).toEqual({ "customFields.device": ["Choose one of the options of Device."] });
    expect(refusal({ devices: "mac" })).toEqual({ "customFields.devices": ["Devices must be a list of its options."] });
    expect(refusal({ devices: ["mac", "fax"] })).toEqual({ "customFields.devices": ["Choose among the options of Devices (not “fax”)."] });
    expect(refusal({ order: "x".repeat(1001) })["customFields.order"]?.[0]).toMatch(/under 1,000 characters/);
    expect(refusal({ order: "two\nlines" })).toEqual({ "customFields.order": ["Order number takes a single line."] });
    expect(refusal({ notes: "x".repeat(10_001) })["customFields.notes"]?.[0]).toMatch(/under 10,000 characters/);
    expect(refusal({ nonsense: "x" })).toEqual({ "customFields.nonsense": ["There is no field “nonsense”."] });
  });

  it("treats an agent-only field as unknown to a customer", () => {
    expect(refusal({ secret: "x" }, { role: "customer" })).toEqual({ "customFields.secret": ["There is no field “secret”."] });
    expect(valid({ secret: "x" })).toEqual({ "8": "x" });
  });

  it("clears with null, empty text or an empty list, and keeps a retired option the record already holds", () => {
    const current = { "1": "A-1", "6": "fax", "7": ["mac", "fax"] };
    expect(valid({ order: null }, current)).toEqual({ "6": "fax", "7": ["mac", "fax"] });
    expect(valid({ order: "", devices: [] }, current)).toEqual({ "6": "fax" });
    expect(valid({ device: "fax", devices: ["fax"] }, current)).toEqual({ "1": "A-1", "6": "fax", "7": ["fax"] });
  });
});

describe("custom fields on tickets", async () => {
  const { db } = await useTestDatabase();
  const admin = await createUser(db, { role: "admin" });
  const agent = await createUser(db, { role: "agent" });
  const customer = await createUser(db);
  const { category } = await createCategory(db);
  const asAdmin = callerFor(db, admin);
  const asAgent = callerFor(db, agent);
  const asCustomer = callerFor(db, customer);

  const keys = { order: uniqueKey("order"), device: uniqueKey("device"), rootCause: uniqueKey("root_cause"), seats: uniqueKey("seats") };
  const order = await asAdmin.admin.customFields.create({ target: "ticket", key: keys.order, type: "text", label: "Order number", helpText: "On your invoice.", requiredForCustomers: true });
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
  const rootCause = await asAdmin.admin.customFields.create({
    target: "ticket",
    key: keys.rootCause,
    type: "dropdown",
    label: "Root cause",
    agentOnly: true,
    options: [
      { label: "Bug", active: true },
      { label: "User error", active: true },
    ],
  });
  await asAdmin.admin.customFields.create({ target: "ticket", key: keys.seats, type: "number", label: "Seats" });
  await asAdmin.admin.customFields.setForm({ categoryId: category.id, fieldIds: [device.id, order.id] });

  const newTicket = (customFields?: Record<string, string | number | boolean | string[] | null>, who = asCustomer) =>
    who.tickets.create({ subject: "Refund please", body: "I was charged twice this month.", categoryId: category.id, customFields });
  const versionOf = async (number: number) => (await asAgent.tickets.get({ number })).ticket.version;

  it("shows customers the category's form in order, without agent-only fields", async () => {
    const forms = await asCustomer.categories.forms();
    expect(forms[category.id]?.map((field) => [field.key, field.required])).toEqual([
      [keys.device, false],
      [keys.order, true],
    ]);
    expect(forms[category.id]?.[0]?.options).toEqual([
      { value: "laptop", label: "Laptop" },
      { value: "phone", label: "Phone" },
    ]);
    expect(JSON.stringify(forms)).not.toContain(keys.rootCause);
    const refused = await errorOf(asAdmin.admin.customFields.setForm({ categoryId: category.id, fieldIds: [rootCause.id] }));
    expect(refused?.message).toBe("Root cause is for agents only, so customers never see it on a form.");
  });

  it("refuses a submit without a required field, at the field, and stores the values with the ticket", async () => {
    const refused = await errorOf(newTicket({ [keys.device]: "laptop" }));
    expect(refused?.code).toBe("BAD_REQUEST");
    expect(refused?.message).toBe("Fill in Order number.");
    expect(refused?.cause).toMatchObject({ fieldErrors: { [`customFields.${keys.order}`]: ["Fill in Order number."] } });
    const created = await newTicket({ [keys.order]: "A-1042", [keys.device]: "laptop" });
    const seen = await asCustomer.tickets.get({ number: created.number });
    expect(seen.customFields.map((field) => [field.key, field.value])).toEqual([
      [keys.order, "A-1042"],
      [keys.device, "laptop"],
    ]);
    // Staff logging a ticket for someone are not held to the customer form.
    expect(await errorOf(newTicket({}, asAgent))).toBeNull();
  });

  it("never lets a customer see or set an agent-only field", async () => {
    const refused = await errorOf(newTicket({ [keys.order]: "A-1", [keys.rootCause]: "bug" }));
    expect(refused?.message).toBe(`There is no field “${keys.rootCause}”.`);
    const ticket = await newTicket({ [keys.order]: "A-2" });
    await asAgent.desk.update({ number: ticket.number, version: await versionOf(ticket.number), changes: { customFields: { [keys.rootCause]: "bug" } } });
    const staffView = await asAgent.tickets.get({ number: ticket.number });
    expect(staffView.customFields.find((field) => field.key === keys.rootCause)).toMatchObject({ value: "bug", agentOnly: true });
    const customerView = await asCustomer.tickets.get({ number: ticket.number });
    expect(customerView.customFields.map((field) => field.key)).toEqual([keys.order]);
    expect(JSON.stringify(customerView)).not.toContain(keys.rootCause);
  });

  it("writes each change as an event, bumps the version, refuses a stale one and undoes", async () => {
    const ticket = await newTicket({ [keys.order]: "A-3" });
    const before = await versionOf(ticket.number);
    const saved = await asAgent.desk.update({ number: ticket.number, version: before, changes: { customFields: { [keys.order]: "A-33", [keys.seats]: 5 } } });
    expect(saved).toEqual({ changed: true, version: before + 1 });
    const stale = await errorOf(asAgent.desk.update({ number: ticket.number, version: before, changes: { customFields: { [keys.seats]: 6 } } }));
    expect(stale?.code).toBe("CONFLICT");
    const detail = await asAgent.tickets.get({ number: ticket.number });
    expect(detail.timeline.filter((event) => event.field.startsWith("cf:")).map((event) => [event.field, event.fromValue, event.toValue])).toEqual([
      [`cf:${keys.order}`, "A-3", "A-33"],
      [`cf:${keys.seats}`, null, "5"],
    ]);
    const undone = await asAgent.desk.undo({ items: [{ number: ticket.number, version: saved.version, changes: { customFields: { [keys.order]: "A-3", [keys.seats]: null } } }] });
    expect(undone.restored).toHaveLength(1);
    const after = await asAgent.tickets.get({ number: ticket.number });
    expect(after.customFields.filter((field) => field.value !== null).map((field) => [field.key, field.value])).toEqual([[keys.order, "A-3"]]);
  });

  it("keeps values when a field or an option is retired, shows them to agents, and takes no new ones", async () => {
    const field = await asAdmin.admin.customFields.create({
      target: "ticket",
      key: uniqueKey("office"),
      type: "dropdown",
      label: "Office",
      options: [
        { label: "Berlin", active: true },
        { label: "Lisbon", active: true },
      ],
    });
    const first = await newTicket({ [keys.order]: "A-4" });
    await asAgent.desk.update({ number: first.number, version: await versionOf(first.number), changes: { customFields: { [field.key]: "lisbon" } } });

    // The option is deactivated and renamed: the value stays and reads by its new label; no other ticket may take it.
    const options = [
      { value: "berlin", label: "Berlin", active: true },
      { value: "lisbon", label: "Lisboa", active: false },
    ];
    await asAdmin.admin.customFields.update({ id: field.id, label: "Office", options });
    const removed = await errorOf(asAdmin.admin.customFields.update({ id: field.id, label: "Office", options: [options[0]!] }));
    expect(removed?.message).toMatch(/never removed.*deactivate “Lisboa” instead/);
    const kept = (await asAgent.tickets.get({ number: first.number })).customFields.find((f) => f.id === field.id);
    expect(kept?.value).toBe("lisbon");
    expect(kept?.options.find((option) => option.value === "lisbon")).toEqual({ value: "lisbon", label: "Lisboa", active: false });
    const second = await newTicket({ [keys.order]: "A-5" });
    const retiredOption = await errorOf(asAgent.desk.update({ number: second.number, version: await versionOf(second.number), changes: { customFields: { [field.key]: "lisbon" } } }));
    expect(retiredOption?.message).toBe("Choose one of the options of Office.");

    // The whole field is retired: agents still see the value (marked inactive), nobody changes it.
    await asAdmin.admin.customFields.setActive({ id: field.id, active: false });
    const retired = (await asAgent.tickets.get({ number: first.number })).customFields.find((f) => f.id === field.id);
    expect(retired).toMatchObject({ value: "lisbon", active: false });
    expect((await asAgent.tickets.get({ number: second.number })).customFields.some((f) => f.id === field.id)).toBe(false);
    const change = await errorOf(asAgent.desk.update({ number: first.number, version: await versionOf(first.number), changes: { customFields: { [field.key]: "berlin" } } }));
    expect(change?.message).toBe("Office is no longer in use and cannot change.");
    const same = await asAgent.desk.update({ number: first.number, version: await versionOf(first.number), changes: { customFields: { [field.key]: "lisbon" } } });
    expect(same.changed).toBe(false);
    await asAdmin.admin.customFields.setActive({ id: field.id, active: true });
    expect((await asAgent.tickets.get({ number: first.number })).customFields.find((f) => f.id === field.id)?.value).toBe("lisbon");
  });

  it("refuses to solve with an empty required-on-solve field, through the editor, bulk and send-and-solve", async () => {
    await inRolledBackTransaction(db, async (tx: Db) => {
      const as = (user: SessionUser) => callerFor(tx, user);
      const required = await as(admin).admin.customFields.create({
        target: "ticket",
        key: uniqueKey("resolution"),
        type: "dropdown",
        label: "Resolution code",
        requiredOnSolve: true,
        agentOnly: true,
        options: [{ label: "Fixed", active: true }],
      });
      const ticket = await as(customer).tickets.create({ subject: "Solve me", body: "Please solve this one soon.", categoryId: category.id, customFields: { [keys.order]: "A-6" } });
      const version = (await as(agent).tickets.get({ number: ticket.number })).ticket.version;
      const refused = await errorOf(as(agent).desk.update({ number: ticket.number, version, changes: { status: "solved" } }));
      expect(refused?.message).toBe(`Fill in Resolution code before solving ticket #${ticket.number}.`);
      const bulk = await as(agent).desk.bulkUpdate({ numbers: [ticket.number], changes: { status: "solved" } });
      expect(bulk.skipped).toEqual([{ number: ticket.number, reason: "needs Resolution code" }]);
      const reply = await errorOf(as(agent).tickets.reply({ number: ticket.number, body: "All done, closing.", status: "solved" }));
      expect(reply?.message).toBe(`Fill in Resolution code before solving ticket #${ticket.number}.`);
      // Filling it in with the solve, in one change, is enough.
      const solved = await as(agent).desk.update({ number: ticket.number, version, changes: { status: "solved", customFields: { [required.key]: "fixed" } } });
      expect(solved.changed).toBe(true);
      expect((await as(agent).tickets.get({ number: ticket.number })).ticket.status).toBe("solved");
    });
  });

  it("keeps keys unique per target and the flags consistent", async () => {
    const taken = await errorOf(asAdmin.admin.customFields.create({ target: "ticket", key: keys.order, type: "text", label: "Again" }));
    expect(taken?.code).toBe("CONFLICT");
    const contradictory = await errorOf(asAdmin.admin.customFields.create({ target: "ticket", key: uniqueKey("x"), type: "text", label: "X", agentOnly: true, requiredForCustomers: true }));
    expect(contradictory?.message).toMatch(/cannot be required of them/);
    const noOptions = await errorOf(asAdmin.admin.customFields.create({ target: "ticket", key: uniqueKey("y"), type: "dropdown", label: "Y" }));
    expect(noOptions?.message).toBe("Offer at least one active option.");
    const listed = await asAdmin.admin.customFields.list();
    expect(listed.find((field) => field.id === order.id)).toMatchObject({ key: keys.order, requiredForCustomers: true });
    expect((await asAdmin.admin.customFields.forms())[category.id]).toEqual([device.id, order.id]);
  });
});
