/**
 * The thinnest slice of the product, through tRPC callers on a real database:
 * a customer opens a ticket, an agent finds it unassigned and answers, the
 * customer reads the answer. Plus the record-level rules around it.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { messages, tickets, ticketEvents } from "@/db/schema";
import { callerFor, createCategory, createOrganization, createUser } from "../support/factories";
import { useTestDatabase } from "../support/test-db";
import { codeOf } from "../support/trpc-errors";

describe("ticket slice", async () => {
  const { db } = await useTestDatabase();

  async function openTicket(subject = "Cannot export my board") {
    const { category, team } = await createCategory(db, { defaultPriority: "high" });
    const customer = await createUser(db);
    const created = await callerFor(db, customer).tickets.create({
      subject,
      body: "When I click **Export** nothing happens.\n\n- Chrome 131\n- Team plan",
      categoryId: category.id,
    });
    return { customer, category, team, created };
  }

  it("takes a ticket from the customer to an agent and back", async () => {
    const { customer, team, created } = await openTicket();
    const agent = await createUser(db, { role: "agent", name: "Agent Smith" });

    const mine = await callerFor(db, customer).tickets.list({ scope: "mine", limit: 25 });
    expect(mine.items.map((t) => t.number)).toEqual([created.number]);
    expect(mine.items[0]).toMatchObject({ status: "new", priority: "high" });

    const unassigned = await collectQueue(callerFor(db, agent), "unassigned");
    expect(unassigned).toContain(created.number);

    const detail = await callerFor(db, agent).tickets.get({ number: created.number });
    expect(detail.ticket).toMatchObject({ teamId: team.id, status: "new", requesterId: customer.id, firstResponseAt: null });

    await callerFor(db, agent).tickets.reply({ number: created.number, body: "Thanks, looking into it.", kind: "public" });
    const seen = await callerFor(db, customer).tickets.get({ number: created.number });
    expect(seen.messages.map((m) => [m.kind, m.authorName])).toEqual([
      ["public", customer.name],
      ["public", "Agent Smith"],
    ]);
    expect(seen.ticket.status).toBe("open");
    expect(seen.ticket.firstResponseAt).toBeInstanceOf(Date);
    expect(seen.ticket.version).toBe(2);

    const events = await db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, seen.ticket.id));
    expect(events.map((e) => e.field)).toEqual(expect.arrayContaining(["created", "priority", "team", "status", "first_response"]));
  });

  it("keeps internal notes from the customer", async () => {
    const { customer, created } = await openTicket();
    const agent = await createUser(db, { role: "agent" });
    await callerFor(db, agent).tickets.reply({ number: created.number, body: "Customer is on the legacy plan.", kind: "internal" });

    const customerView = await callerFor(db, customer).tickets.get({ number: created.number });
    expect(customerView.messages.every((m) => m.kind === "public")).toBe(true);
    expect(customerView.messages).toHaveLength(1);
    expect(customerView.timeline).toEqual([]);
    // A note is not a response: the clock for the first response keeps running.
    expect(customerView.ticket.firstResponseAt).toBeNull();

    const agentView = await callerFor(db, agent).tickets.get({ number: created.number });
    expect(agentView.messages.map((m) => m.kind)).toEqual(["public", "internal"]);
    expect(await codeOf(callerFor(db, customer).tickets.reply({ number: created.number, body: "sneaky", kind: "internal" }))).toBe("FORBIDDEN");
  });

  it("never shows, lists or takes replies on another customer's ticket", async () => {
    const { created } = await openTicket();
    const stranger = await createUser(db);
    const api = callerFor(db, stranger);
    expect(await codeOf(api.tickets.get({ number: created.number }))).toBe("NOT_FOUND");
    expect(await codeOf(api.tickets.reply({ number: created.number, body: "hello", kind: "public" }))).toBe("NOT_FOUND");
    expect((await api.tickets.list({ scope: "mine", limit: 100 })).items).toEqual([]);
    expect((await api.tickets.list({ scope: "organization", limit: 100 })).items).toEqual([]);
    const thread = await db.select().from(messages).innerJoin(tickets, eq(tickets.id, messages.ticketId)).where(eq(tickets.number, created.number));
    expect(thread).toHaveLength(1);
  });

  it("shares tickets inside an organization only when it chooses to", async () => {
    const { category } = await createCategory(db);
    for (const sharesTickets of [true, false]) {
      const organization = await createOrganization(db, { sharesTickets });
      const author = await createUser(db, { organizationId: organization.id });
      const colleague = await createUser(db, { organizationId: organization.id });
      const created = await callerFor(db, author).tickets.create({ subject: "Shared?", body: "Is this visible to my team?", categoryId: category.id });
      const api = callerFor(db, colleague);
      const listed = (await api.tickets.list({ scope: "organization", limit: 100 })).items.map((t) => t.number);
      if (sharesTickets) {
        expect(listed).toEqual([created.number]);
        expect((await api.tickets.get({ number: created.number })).messages).toHaveLength(1);
      } else {
        expect(listed).toEqual([]);
        expect(await codeOf(api.tickets.get({ number: created.number }))).toBe("NOT_FOUND");
      }
    }
  });

  it("refuses bad input with field errors and writes nothing", async () => {
    const { category } = await createCategory(db);
    const archived = await createCategory(db, { archived: true });
    const customer = await createUser(db);
    const api = callerFor(db, customer);
    const before = await db.$count(tickets);
    expect(await codeOf(api.tickets.create({ subject: "", body: "short", categoryId: category.id }))).toBe("BAD_REQUEST");
    expect(await codeOf(api.tickets.create({ subject: "x".repeat(201), body: "long enough body", categoryId: category.id }))).toBe("BAD_REQUEST");
    expect(await codeOf(api.tickets.create({ subject: "Valid", body: "long enough body", categoryId: "not-a-uuid" }))).toBe("BAD_REQUEST");
    expect(await codeOf(api.tickets.create({ subject: "Valid", body: "long enough body", categoryId: archived.category.id }))).toBe("BAD_REQUEST");
    expect(await db.$count(tickets)).toBe(before);
  });

  it("does not let a customer choose the priority, but lets an agent", async () => {
    const { category } = await createCategory(db, { defaultPriority: "low" });
    const customer = await createUser(db);
    const agent = await createUser(db, { role: "agent" });
    const fromCustomer = await callerFor(db, customer).tickets.create({ subject: "Please hurry", body: "It is very important", categoryId: category.id, priority: "urgent" });
    const fromAgent = await callerFor(db, agent).tickets.create({ subject: "Phone call", body: "Logged from a phone call", categoryId: category.id, priority: "urgent" });
    expect((await callerFor(db, agent).tickets.get({ number: fromCustomer.number })).ticket.priority).toBe("low");
    expect((await callerFor(db, agent).tickets.get({ number: fromAgent.number })).ticket.priority).toBe("urgent");
  });

  it("reopens a pending ticket when the customer replies", async () => {
    const { customer, created } = await openTicket();
    await db.update(tickets).set({ status: "pending" }).where(eq(tickets.number, created.number));
    const result = await callerFor(db, customer).tickets.reply({ number: created.number, body: "Here is the file you asked for.", kind: "public" });
    expect(result).toMatchObject({ kind: "reply", status: "open" });
  });

  it("pages through a queue with keyset cursors, no row twice, none skipped", async () => {
    const { category } = await createCategory(db);
    const customer = await createUser(db);
    const api = callerFor(db, customer);
    const numbers: number[] = [];
    for (let i = 0; i < 7; i++) {
      numbers.push((await api.tickets.create({ subject: `Ticket ${i}`, body: "Paging through my tickets", categoryId: category.id })).number);
    }
    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await api.tickets.list({ scope: "mine", limit: 3, cursor });
      seen.push(...page.items.map((t) => t.number));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([...numbers].reverse());
    expect(await codeOf(api.tickets.list({ scope: "mine", limit: 3, cursor: "garbage" }))).toBe("BAD_REQUEST");
  });
});

async function collectQueue(api: ReturnType<typeof callerFor>, view: "unassigned") {
  const numbers: number[] = [];
  let cursor: string | undefined;
  do {
    const page = await api.desk.queue({ view, limit: 100, cursor });
    numbers.push(...page.items.map((t) => t.number));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return numbers;
}
