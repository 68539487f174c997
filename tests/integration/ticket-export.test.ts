/**
 * GET /api/tickets/export: the desk queue on screen as CSV, with a column per
 * ticket field (option labels, not stored values), narrowed by the same
 * filters, for staff only; text that looks like a formula stays text.
 */
import { afterAll, describe, expect, it, vi } from "vitest";
import { GET as exportRoute } from "@/app/api/tickets/export/route";
import { callerFor, createCategory, createUser, uniqueKey } from "../support/factories";
import { formulaCells, parseCsv } from "../support/parse-csv";
import { endRequestSessions, presentSessionOf } from "../support/request-session";
import { useTestDatabase } from "../support/test-db";

vi.mock("@/server/auth/index", async () => (await import("../support/request-session")).authModule());
vi.mock("@/server/db", async () => (await import("../support/request-session")).dbModule());


describe("ticket export", async () => {
  const { db } = await useTestDatabase();
  afterAll(endRequestSessions);
  const admin = await createUser(db, { role: "admin" });
  const agent = await createUser(db, { role: "agent" });
  const customer = await createUser(db);
  const { category } = await createCategory(db);
  const device = uniqueKey("device");
  const order = uniqueKey("order");
  const asAdmin = callerFor(db, admin);
  const asAgent = callerFor(db, agent);
  await asAdmin.admin.customFields.create({ target: "ticket", key: device, type: "dropdown", label: `Device ${device}`, options: [{ label: "Laptop", active: true }, { label: "Phone", active: true }] });
  await asAdmin.admin.customFields.create({ target: "ticket", key: order, type: "text", label: `Order ${order}` });
  const open = async (values: Record<string, string>) => {
    const created = await callerFor(db, customer).tickets.create({ subject: "Screen flickers", body: "The screen flickers after lunch.", categoryId: category.id });
    const { ticket } = await asAgent.tickets.get({ number: created.number });
    await asAgent.desk.update({ number: created.number, version: ticket.version, changes: { customFields: values } });
    return created.number;
  };
  const laptop = await open({ [device]: "laptop", [order]: "=1+2" });
  await open({ [device]: "phone", [order]: "B-2" });

  const exportAs = async (userId: string | null, query: string) => {
    presentSessionOf(db, userId);
    try {
      return await exportRoute(new Request(`http://localhost/api/tickets/export?${query}`));
    } finally {
      presentSessionOf(db, null);
    }
  };

  it("exports the filtered queue with field columns by label, formulas neutralised", async () => {
    const response = await exportAs(agent.id, `view=open&requesterId=${customer.id}&field=${device}&fieldValue=laptop`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="tickets-open-\d{4}-\d{2}-\d{2}\.csv"$/);
    const csv = await response.text();
    const [header, ...rows] = parseCsv(csv);
    const column = (name: string) => header!.indexOf(name);
    expect(rows.map((row) => row[0])).toEqual([String(laptop)]);
    expect(rows[0]![column(`Device ${device}`)]).toBe("Laptop");
    expect(rows[0]![column(`Order ${order}`)]).toBe("'=1+2");
    expect(formulaCells(csv)).toEqual([]);
  });

  it("is for staff only", async () => {
    expect((await exportAs(customer.id, "view=open")).status).toBe(403);
    expect((await exportAs(null, "view=open")).status).toBe(401);
  });
});
