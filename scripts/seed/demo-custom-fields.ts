import { customFields, ticketFormFields, type tickets } from "@/db/schema";
import type { Db } from "@/db/types";
import type { CustomFieldValues } from "@/lib/custom-field-vocabulary";

/**
 * The demo's custom fields and ticket forms: "Order number" (required of
 * customers) on the Billing form, "Device" and "Office" on Technical
 * issue's, and an agent-only "Root cause". Nothing is required on solve, so
 * solving a demo ticket works as before. Values are chosen by ticket number,
 * not by the seed's random stream, so the rest of the demo stays as it was.
 */
const option = (label: string) => ({ value: label.toLowerCase().replace(/[^a-z0-9]+/g, "_"), label, active: true });
const devices = ["Laptop", "Desktop", "Phone", "Tablet"].map(option);
const offices = ["Berlin", "Lisbon", "New York", "Remote"].map(option);
const causes = ["Bug", "Configuration", "User error", "Third-party outage"].map(option);

type TicketRow = typeof tickets.$inferInsert;

export async function seedDemoCustomFields(tx: Db, options: { categoryIds: Map<string, string>; ticketRows: TicketRow[]; now: Date }): Promise<void> {
  const base = { target: "ticket" as const, createdAt: options.now, updatedAt: options.now };
  const rows = await tx
    .insert(customFields)
    .values([
      { ...base, key: "order_number", label: "Order number", type: "text", position: 1, requiredForCustomers: true, helpText: "Starts with ORD-; it is on your invoice and order email." },
      { ...base, key: "device", label: "Device", type: "dropdown", position: 2, options: devices, helpText: "The device where the problem happens." },
      { ...base, key: "office", label: "Office", type: "dropdown", position: 3, options: offices, helpText: "Where you work from." },
      { ...base, key: "root_cause", label: "Root cause", type: "dropdown", position: 4, options: causes, agentOnly: true, helpText: "What was behind it, for trend reports." },
    ])
    .returning({ id: customFields.id, key: customFields.key });
  const id = (key: string) => String(rows.find((row) => row.key === key)?.id ?? "");
  const categoryId = (slug: string) => options.categoryIds.get(slug) ?? "";
  await tx.insert(ticketFormFields).values([
    { categoryId: categoryId("billing"), fieldId: Number(id("order_number")), position: 0 },
    { categoryId: categoryId("technical"), fieldId: Number(id("device")), position: 0 },
    { categoryId: categoryId("technical"), fieldId: Number(id("office")), position: 1 },
  ]);

  // Most web tickets in these categories came through the forms; some older ones predate them and hold nothing.
  const pick = <T>(list: T[], n: number) => list[n % list.length] as T;
  for (const row of options.ticketRows) {
    const number = row.number ?? 0;
    const values: CustomFieldValues = {};
    if (row.categoryId === categoryId("billing") && number % 5 !== 0) values[id("order_number")] = `ORD-${String(48_000 + number * 7).padStart(6, "0")}`;
    if (row.categoryId === categoryId("technical") && number % 4 !== 0) {
      values[id("device")] = pick(devices, number).value;
      values[id("office")] = pick(offices, Math.floor(number / 3)).value;
    }
    if ((row.status === "solved" || row.status === "closed") && row.categoryId === categoryId("technical") && number % 3 !== 0) values[id("root_cause")] = pick(causes, number).value;
    if (Object.keys(values).length > 0) row.customValues = values;
  }
}
