/**
 * Automation rules on ticket custom fields: a condition on a field's value
 * fires on a new ticket, an action sets a drop-down field (with its event),
 * and rules naming an unknown field, an operator or value the field's type
 * refuses, or an inactive field are refused with the row's number.
 *
 * The engine reads every active rule and tests may share one database: each
 * rule here names a field this test created (unique key), and a field only
 * holds values on this test's tickets, so no rule fires on another's.
 */
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ticketEvents, tickets } from "@/db/schema";
import type { AutomationAction, AutomationCondition } from "@/lib/vocabularies";
import { callerFor, createCategory, createUser, unique, uniqueKey } from "../support/factories";
import { useTestDatabase } from "../support/test-db";
import { errorOf } from "../support/trpc-errors";


describe("automations on custom fields", async () => {
  const { db } = await useTestDatabase();
  const admin = await createUser(db, { role: "admin" });
  const customer = await createUser(db);
  const asAdmin = callerFor(db, admin);
  const asCustomer = callerFor(db, customer);

  /** A drop-down "Device" field of this test's own, on a category form of its own. */
  async function deviceField() {
    const { category } = await createCategory(db);
    const field = await asAdmin.admin.customFields.create({
      target: "ticket",
      key: uniqueKey("device"),
      type: "dropdown",
      label: "Device",
      options: [
        { label: "Laptop", active: true },
        { label: "Phone", active: true },
      ],
    });
    await asAdmin.admin.customFields.setForm({ categoryId: category.id, fieldIds: [field.id] });
    const option = (label: string) => field.options.find((o) => o.label === label)?.value ?? "";
    return { field, category, laptop: option("Laptop"), phone: option("Phone") };
  }

  const createRule = (conditions: AutomationCondition[], actions: AutomationAction[]) =>
    asAdmin.admin.automations.create({ name: unique("Rule"), matchAll: true, runOnCreate: true, runOnUpdate: false, conditions, actions });

  const ticketRow = async (number: number) => {
    const [row] = await db.select().from(tickets).where(eq(tickets.number, number));
    if (!row) throw new Error("no ticket");
    return row;
  };

  it("fires “when Device is Laptop set priority high” on a new ticket, and not for another device", async () => {
    const { field, category, laptop, phone } = await deviceField();
    await createRule([{ field: "custom_field", fieldKey: field.key, operator: "is", value: laptop }], [{ type: "set_priority", value: "high" }]);

    const onLaptop = await asCustomer.tickets.create({ subject: "Screen flickers", body: "Since this morning.", categoryId: category.id, customFields: { [field.key]: laptop } });
    const onPhone = await asCustomer.tickets.create({ subject: "Screen flickers", body: "Since this morning.", categoryId: category.id, customFields: { [field.key]: phone } });
    expect((await ticketRow(onLaptop.number)).priority).toBe("high");
    expect((await ticketRow(onPhone.number)).priority).toBe("normal");
  });

  it("sets a drop-down field, writing the value and a cf:<key> event by the system", async () => {
    const { field, category, phone } = await deviceField();
    const rule = await createRule([{ field: "category", operator: "is", value: category.id }], [{ type: "set_custom_field", fieldKey: field.key, value: phone }]);
    const listed = (await asAdmin.admin.automations.list()).find((r) => r.id === rule.id);
    expect(listed?.actions[0]).toMatchObject({ fieldLabel: "Device", label: "Phone" });

    const created = await asCustomer.tickets.create({ subject: "Battery drains", body: "In an hour.", categoryId: category.id });
    const row = await ticketRow(created.number);
    expect(row.customValues[String(field.id)]).toBe(phone);
    const events = await db
      .select()
      .from(ticketEvents)
      .where(and(eq(ticketEvents.ticketId, row.id), eq(ticketEvents.field, `cf:${field.key}`)));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: null, fromValue: null, toValue: phone });
    expect(events[0]?.detail).toContain(rule.name);
  });

  it("skips, with an automation event, a field retired after the rule was saved", async () => {
    const { field, category, phone } = await deviceField();
    await createRule([{ field: "category", operator: "is", value: category.id }], [{ type: "set_custom_field", fieldKey: field.key, value: phone }]);
    await asAdmin.admin.customFields.setActive({ id: field.id, active: false });

    const created = await asCustomer.tickets.create({ subject: "Battery drains", body: "In an hour.", categoryId: category.id });
    const row = await ticketRow(created.number);
    expect(row.customValues[String(field.id)]).toBeUndefined();
    const skipped = await db
      .select({ detail: ticketEvents.detail })
      .from(ticketEvents)
      .where(and(eq(ticketEvents.ticketId, row.id), eq(ticketEvents.field, "automation")));
    expect(skipped.map((e) => e.detail).join(" ")).toContain("no longer in use");
  });

  it("refuses a rule naming an unknown field, a value or operator the type refuses, or an inactive field", async () => {
    const { field, category } = await deviceField();
    const tag: AutomationAction = { type: "add_tags", value: "device" };
    const inCategory: AutomationCondition = { field: "category", operator: "is", value: category.id };

    const unknownField = await errorOf(createRule([{ field: "custom_field", fieldKey: uniqueKey("nope"), operator: "is", value: "x" }], [tag]));
    expect(unknownField?.code).toBe("BAD_REQUEST");
    expect(unknownField?.message).toMatch(/^Condition 1: there is no ticket field/);

    const badOption = await errorOf(createRule([{ field: "custom_field", fieldKey: field.key, operator: "is", value: "tablet" }], [tag]));
    expect(badOption?.message).toBe("Condition 1: Choose one of the options of Device.");

    const badOperator = await errorOf(createRule([{ field: "custom_field", fieldKey: field.key, operator: "contains", value: "lap" }], [tag]));
    expect(badOperator?.message).toBe("Condition 1: Device cannot be compared with “contains”.");

    const badAction = await errorOf(createRule([inCategory], [tag, { type: "set_custom_field", fieldKey: field.key, value: "tablet" }]));
    expect(badAction?.message).toBe("Action 2: Choose one of the options of Device.");

    const noField = await errorOf(createRule([inCategory], [{ type: "set_custom_field", value: "x" }]));
    expect(noField?.code).toBe("BAD_REQUEST");
    expect(noField?.message).toContain("Choose a ticket field.");

    await asAdmin.admin.customFields.setActive({ id: field.id, active: false });
    const retired = await errorOf(createRule([inCategory], [{ type: "set_custom_field", fieldKey: field.key, value: "laptop" }]));
    expect(retired?.message).toBe("Action 1: Device is no longer in use. Choose a field in use.");
    // A condition may still look at a retired field: tickets keep its values.
    await expect(createRule([{ field: "custom_field", fieldKey: field.key, operator: "is_not_empty", value: "ignored" }, inCategory], [tag])).resolves.toMatchObject({
      conditions: [{ field: "custom_field", fieldKey: field.key, operator: "is_not_empty", value: "" }, inCategory],
    });
  });
});
