/**
 * The breakdown by a drop-down ticket field (dimension field:<key>): tickets
 * created in the range per stored option, labelled from the options,
 * "(none)" for no value, in the viewer's time zone, with the report's other
 * filters, for retired fields too; other fields and unknown keys refused.
 *
 * Tests may share one database: the tickets here are created in March 1987,
 * in a category of this test's own (filtered on), so no other file's tickets
 * are counted, and no whole table is.
 */
import { afterAll, describe, expect, it, vi } from "vitest";
import { tickets } from "@/db/schema";
import { callApi, tokenFor } from "../support/api-client";
import { callerFor, createCategory, createUser, uniqueKey } from "../support/factories";
import { useTestDatabase } from "../support/test-db";
import { endRequestSessions } from "../support/request-session";
import { errorOf } from "../support/trpc-errors";

// The REST handler reads the request's database from the server module: point it at the test's.
vi.mock("@/server/db", async () => (await import("../support/request-session")).dbModule());

describe("report breakdown by a custom field", async () => {
  const { db } = await useTestDatabase();
  afterAll(endRequestSessions);
  const admin = await createUser(db, { role: "admin" });
  const manager = await createUser(db, { role: "manager" });
  const customer = await createUser(db);
  const asAdmin = callerFor(db, admin);
  const asManager = callerFor(db, manager);
  const { category } = await createCategory(db);
  const { category: otherCategory } = await createCategory(db);

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
  const option = (label: string) => field.options.find((o) => o.label === label)?.value ?? "";
  const [laptop, phone] = [option("Laptop"), option("Phone")];

  async function ticket(createdAt: string, value: string | null, fields: { categoryId?: string; priority?: "normal" | "high" } = {}) {
    await db.insert(tickets).values({
      subject: "Device trouble",
      requesterId: customer.id,
      categoryId: fields.categoryId ?? category.id,
      priority: fields.priority ?? "normal",
      customValues: value === null ? {} : { [String(field.id)]: value },
      createdAt: new Date(createdAt),
      updatedAt: new Date(createdAt),
    });
  }
  await ticket("1987-03-10T10:00:00Z", laptop);
  await ticket("1987-03-10T12:00:00Z", laptop, { priority: "high" });
  await ticket("1987-03-10T12:00:00Z", phone);
  await ticket("1987-03-10T13:00:00Z", null);
  // 00:30 on 11 March in Tokyo, still 10 March in UTC.
  await ticket("1987-03-10T15:30:00Z", laptop);
  // Another category: the category filter leaves it out.
  await ticket("1987-03-10T11:00:00Z", laptop, { categoryId: otherCategory.id });

  const breakdown = (timeZone: string, filters: Record<string, string> = {}, dimension: string = `field:${field.key}`) =>
    asManager.reports.breakdown({
      from: "1987-03-10",
      to: "1987-03-10",
      timeZone,
      bucket: "day",
      filters: { categoryId: category.id, ...filters },
      dimension: dimension as `field:${string}`,
    });

  it("counts tickets created on the local dates per option, (none) for no value", async () => {
    const table = await breakdown("Asia/Tokyo");
    expect(table.columns.map((c) => c.label)).toEqual(["Device", "Created"]);
    expect(table.rows).toEqual([
      { name: "Laptop", created: 2 },
      { name: "(none)", created: 1 },
      { name: "Phone", created: 1 },
    ]);
    expect((await breakdown("UTC")).rows[0]).toEqual({ name: "Laptop", created: 3 });
  });

  it("respects the report's other filters", async () => {
    expect((await breakdown("Asia/Tokyo", { priority: "high" })).rows).toEqual([{ name: "Laptop", created: 1 }]);
  });

  it("answers GET /api/v1/reports/breakdown with dimension=field:<key>", async () => {
    const token = await tokenFor(db, manager);
    const range = `from=1987-03-10&to=1987-03-10&time_zone=Asia%2FTokyo&category_id=${category.id}`;
    const answer = await callApi(db, "GET", `/reports/breakdown?${range}&dimension=field:${field.key}`, { token });
    expect(answer.status, JSON.stringify(answer.json)).toBe(200);
    expect(JSON.stringify(answer.json)).toContain('"Laptop"');
    expect((await callApi(db, "GET", `/reports/breakdown?${range}&dimension=field:Bad Key`, { token })).status).toBe(422);
  });

  it("still breaks down by a retired field, and refuses unknown or non-drop-down fields", async () => {
    const text = await asAdmin.admin.customFields.create({ target: "ticket", key: uniqueKey("order"), type: "text", label: "Order number" });
    expect((await errorOf(breakdown("UTC", {}, `field:${text.key}`)))?.code).toBe("BAD_REQUEST");
    const unknown = await errorOf(breakdown("UTC", {}, `field:${uniqueKey("nope")}`));
    expect(unknown?.message).toMatch(/^There is no drop-down ticket field/);
    expect((await errorOf(breakdown("UTC", {}, "field:Not A Key")))?.code).toBe("BAD_REQUEST");

    await asAdmin.admin.customFields.setActive({ id: field.id, active: false });
    expect((await breakdown("Asia/Tokyo")).rows).toContainEqual({ name: "Laptop", created: 2 });
  });
});
