/**
 * The portal list's open/closed filter and its counts: open means not yet
 * solved, closed means solved or closed. Both lists and both counts keep
 * the list's scope (the customer's own tickets, or the organization's where
 * it shares), so another customer's tickets never show or count.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { tickets, type TicketStatus } from "@/db/schema";
import { callerFor, createCategory, createOrganization, createUser } from "../support/factories";
import { useTestDatabase } from "../support/test-db";

describe("portal ticket states", async () => {
  const { db } = await useTestDatabase();

  async function ticketsFor(user: Awaited<ReturnType<typeof createUser>>, categoryId: string, statuses: TicketStatus[]) {
    const numbers: number[] = [];
    for (const status of statuses) {
      const { number } = await callerFor(db, user).tickets.create({ subject: `A ${status} ticket`, body: "Something needs looking at.", categoryId });
      // The status is the fixture here, not the lifecycle: set it directly.
      await db.update(tickets).set({ status }).where(eq(tickets.number, number));
      numbers.push(number);
    }
    return numbers;
  }

  it("lists open or closed tickets with the counts of each, in the customer's scope", async () => {
    const { category } = await createCategory(db);
    const organization = await createOrganization(db, { sharesTickets: true });
    const customer = await createUser(db, { organizationId: organization.id });
    const colleague = await createUser(db, { organizationId: organization.id });
    const stranger = await createUser(db);
    const [newOne, openOne, pending, solved, closed] = await ticketsFor(customer, category.id, ["new", "open", "pending", "solved", "closed"]);
    const [colleagueOpen] = await ticketsFor(colleague, category.id, ["on_hold"]);
    await ticketsFor(stranger, category.id, ["open", "solved"]);

    const api = callerFor(db, customer).tickets;
    const numbers = (page: { items: { number: number }[] }) => page.items.map((t) => t.number).sort((a, b) => a - b);

    const all = await api.list({ scope: "mine", limit: 100 });
    expect(all.counts).toEqual({ open: 3, closed: 2 });
    expect(numbers(all)).toEqual([newOne, openOne, pending, solved, closed]);
    const open = await api.list({ scope: "mine", state: "open", limit: 100 });
    expect(numbers(open)).toEqual([newOne, openOne, pending]);
    expect(open.counts).toEqual({ open: 3, closed: 2 });
    expect(numbers(await api.list({ scope: "mine", state: "closed", limit: 100 }))).toEqual([solved, closed]);

    const shared = await api.list({ scope: "organization", state: "open", limit: 100 });
    expect(numbers(shared)).toEqual([newOne, openOne, pending, colleagueOpen].sort((a, b) => (a ?? 0) - (b ?? 0)));
    expect(shared.counts).toEqual({ open: 4, closed: 2 });

    // Where the organization does not share, "organization" is the customer's own tickets, as the list.
    const loner = await createUser(db, { organizationId: (await createOrganization(db)).id });
    await ticketsFor(loner, category.id, ["solved"]);
    expect((await callerFor(db, loner).tickets.list({ scope: "organization", limit: 100 })).counts).toEqual({ open: 0, closed: 1 });
  });

  it("pages within a state", async () => {
    const { category } = await createCategory(db);
    const customer = await createUser(db);
    await ticketsFor(customer, category.id, ["open", "open", "open", "solved"]);
    const api = callerFor(db, customer).tickets;
    const first = await api.list({ scope: "mine", state: "open", limit: 2 });
    expect(first.items).toHaveLength(2);
    const second = await api.list({ scope: "mine", state: "open", limit: 2, cursor: first.nextCursor ?? undefined });
    expect(second.items).toHaveLength(1);
    expect(second.items.every((t) => t.status === "open")).toBe(true);
  });
});
