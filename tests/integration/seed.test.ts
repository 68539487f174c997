/**
 * The demo seed on a fresh database: the cast and the 400 tickets it promises,
 * ticket histories that hold together (timestamps, messages, events, numbers),
 * a ticket sequence moved past the seeded numbers, and working demo sign-ins.
 * The seed inserts fixed emails, so this file never uses the shared database:
 * a private PGlite, or a throwaway PostgreSQL database created here.
 */
import { and, asc, count, eq, isNotNull, isNull, lte } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { automationRules, businessCalendars, categories, messages, organizations, slaPolicies, teams, ticketEvents, tickets, ticketSlas, users, type TicketStatus } from "@/db/schema";
import type { Db } from "@/db/types";
import { demoSignIns, seedDemoData, seedDemoDataIfEmpty } from "@/scripts/seed/demo-data";
import { checkCredentials } from "@/server/users/credentials";
import { loadActiveUser } from "@/server/users/session-user";
import { callerFor } from "../support/factories";
import { openFreshDatabase } from "../support/fresh-database";

const DAY = 86_400_000;
const now = new Date("2030-03-14T15:30:00.000Z");

describe("demo seed", () => {
  let db: Db;
  let dispose = async () => {};
  let seededTickets: (typeof tickets.$inferSelect)[] = [];

  beforeAll(async () => {
    const fresh = await openFreshDatabase();
    db = fresh.database.db;
    dispose = fresh.dispose;
    await seedDemoData(db, { now });
    seededTickets = await db.select().from(tickets).orderBy(asc(tickets.number));
  });

  afterAll(() => dispose());

  it("creates the promised cast", async () => {
    const byRole = await db.select({ role: users.role, n: count() }).from(users).groupBy(users.role);
    expect(Object.fromEntries(byRole.map((r) => [r.role, Number(r.n)]))).toEqual({ admin: 1, manager: 1, agent: 6, customer: 25 });
    expect(await db.$count(teams)).toBe(3);
    expect(await db.$count(categories)).toBe(5);
    expect(await db.$count(organizations)).toBe(4);
  });

  it("creates 400 tickets in every status, within the last 120 days", () => {
    expect(seededTickets).toHaveLength(400);
    const statuses = new Set(seededTickets.map((t) => t.status));
    for (const status of ["new", "open", "pending", "on_hold", "solved", "closed"] satisfies TicketStatus[]) {
      expect(statuses, `some ticket should be ${status}`).toContain(status);
    }
    for (const ticket of seededTickets) {
      expect(ticket.createdAt.getTime(), `#${ticket.number} created too early`).toBeGreaterThanOrEqual(now.getTime() - 120 * DAY);
      expect(ticket.createdAt.getTime(), `#${ticket.number} created in the future`).toBeLessThanOrEqual(now.getTime());
    }
  });

  it("gives every ticket consistent timestamps", () => {
    for (const t of seededTickets) {
      if (t.firstResponseAt) expect(t.firstResponseAt.getTime(), `#${t.number} first response`).toBeGreaterThanOrEqual(t.createdAt.getTime());
      if (t.status === "solved" || t.status === "closed") expect(t.solvedAt, `#${t.number} (${t.status}) solved_at`).not.toBeNull();
      expect(t.closedAt !== null, `#${t.number} (${t.status}): closed_at set iff closed`).toBe(t.status === "closed");
    }
  });

  it("gives every ticket a message and a created event", async () => {
    const withMessages = new Set((await db.selectDistinct({ id: messages.ticketId }).from(messages)).map((r) => r.id));
    const withCreated = new Set(
      (await db.selectDistinct({ id: ticketEvents.ticketId }).from(ticketEvents).where(eq(ticketEvents.field, "created"))).map((r) => r.id),
    );
    expect(seededTickets.filter((t) => !withMessages.has(t.id)).map((t) => t.number), "tickets without a message").toEqual([]);
    expect(seededTickets.filter((t) => !withCreated.has(t.id)).map((t) => t.number), "tickets without a created event").toEqual([]);
  });

  it("sets up business hours, SLA policies and automations, with clocks on the open tickets and past breaches counted as reported", async () => {
    expect(await db.$count(businessCalendars, eq(businessCalendars.isDefault, true))).toBe(1);
    expect(await db.$count(slaPolicies)).toBe(4);
    expect(await db.$count(automationRules)).toBeGreaterThanOrEqual(2);
    // Low priority has no resolution target: once answered, nothing is left to measure.
    const unsolved = seededTickets.filter((t) => !["solved", "closed"].includes(t.status) && !(t.priority === "low" && t.firstResponseAt));
    const withClocks = new Set((await db.selectDistinct({ id: ticketSlas.ticketId }).from(ticketSlas)).map((r) => r.id));
    expect(unsolved.filter((t) => !withClocks.has(t.id)).map((t) => t.number), "open tickets without SLA clocks").toEqual([]);
    expect(await db.$count(ticketSlas, and(isNotNull(ticketSlas.runningSince), isNull(ticketSlas.breachNotifiedAt), lte(ticketSlas.dueAt, now)))).toBe(0);
  });

  it("numbers tickets uniquely, ascending with creation time", () => {
    expect(new Set(seededTickets.map((t) => t.number)).size).toBe(seededTickets.length);
    seededTickets.slice(1).forEach((t, i) => {
      const previous = seededTickets[i]!;
      expect(t.createdAt.getTime(), `#${t.number} created before #${previous.number}`).toBeGreaterThanOrEqual(previous.createdAt.getTime());
    });
  });

  it("numbers a new ticket after every seeded one", async () => {
    const [row] = await db.select({ id: users.id }).from(users).where(eq(users.role, "customer")).orderBy(asc(users.email)).limit(1);
    const customer = await loadActiveUser(db, row!.id);
    expect(customer).not.toBeNull();
    const [category] = await db.select({ id: categories.id }).from(categories).limit(1);
    const created = await callerFor(db, customer).tickets.create({
      subject: "After the seed",
      body: "This ticket is opened after the demo seed ran.",
      categoryId: category!.id,
    });
    expect(created.number).toBeGreaterThan(Math.max(...seededTickets.map((t) => t.number)));
  });

  it("does not seed a database that has users", async () => {
    const lines: string[] = [];
    expect(await seedDemoDataIfEmpty(db, { log: (line) => lines.push(line) })).toBe(false);
    expect(lines).toEqual([]);
  });

  it("lets every demo sign-in verify", async () => {
    const signIns = demoSignIns();
    expect(signIns.map((s) => s.role).sort()).toEqual(["admin", "agent", "customer", "manager"]);
    for (const signIn of signIns) {
      const user = await checkCredentials(db, signIn.email, signIn.password);
      expect(user?.email, `${signIn.role} ${signIn.email}`).toBe(signIn.email);
    }
  });

  it("fills the help center: about 40 articles in the demo categories, internal ones and drafts hidden from visitors", async () => {
    const [agentRow] = await db.select({ id: users.id }).from(users).where(eq(users.role, "agent")).limit(1);
    const agent = await loadActiveUser(db, agentRow!.id);
    const staffView = await callerFor(db, agent).knowledge.manage.list();
    expect(staffView.length).toBeGreaterThanOrEqual(40);
    expect(staffView.some((article) => article.visibility === "internal")).toBe(true);
    expect(staffView.filter((article) => article.state === "draft").length).toBeGreaterThanOrEqual(2);
    const visitor = callerFor(db, null).knowledge;
    const visible = await visitor.categories();
    expect(visible.map((category) => category.name)).toEqual(["Technical issue", "Billing", "Account & access", "Orders & shipping", "Feature request"]);
    const publicCount = staffView.filter((article) => article.state === "published" && article.visibility === "public").length;
    expect(visible.reduce((sum, category) => sum + category.articleCount, 0)).toBe(publicCount);
    expect((await visitor.search({ q: "refund" })).length).toBeGreaterThan(0);
  });

  it("asks for an order number on the Billing form and for device and office on Technical issue's, with values on demo tickets", async () => {
    const [customerRow] = await db.select({ id: users.id }).from(users).where(eq(users.role, "customer")).limit(1);
    const customer = callerFor(db, await loadActiveUser(db, customerRow!.id));
    const byName = new Map((await customer.categories.list()).map((category) => [category.name, category.id]));
    const forms = await customer.categories.forms();
    expect(forms[byName.get("Billing")!]?.map((field) => [field.label, field.required])).toEqual([["Order number", true]]);
    expect(forms[byName.get("Technical issue")!]?.map((field) => field.label)).toEqual(["Device", "Office"]);
    expect(JSON.stringify(forms)).not.toContain("Root cause");
    const withValues = seededTickets.filter((ticket) => Object.keys(ticket.customValues).length > 0);
    expect(withValues.length).toBeGreaterThan(20);
  });
});
