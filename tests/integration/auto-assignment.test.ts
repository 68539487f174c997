/**
 * Automatic assignment per team: round-robin stays fair over a thousand
 * tickets, least-load balances open work even under concurrent creation,
 * away and disabled agents are skipped, and every choice says why.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { single } from "@/db/rows";
import { teamMembers, teams, ticketEvents, tickets, users, type AssignmentMode } from "@/db/schema";
import { assignFromTeam, assignStrandedTickets, autoAssignTicket } from "@/server/assignment/auto-assign";
import { loadActiveUser } from "@/server/users/session-user";
import { callerFor, createCategory, createUser } from "../support/factories";
import { onPostgres, useTestDatabase } from "../support/test-db";

describe("automatic assignment", async () => {
  const { db } = await useTestDatabase();

  async function teamWith(mode: AssignmentMode, agentCount: number) {
    const { category, team } = await createCategory(db);
    await db.update(teams).set({ assignmentMode: mode }).where(eq(teams.id, team.id));
    const agents = [];
    for (let i = 0; i < agentCount; i++) {
      const agent = await createUser(db, { role: "agent" });
      await db.insert(teamMembers).values({ teamId: team.id, userId: agent.id });
      agents.push(agent);
    }
    return { category, team, agents };
  }

  /** Bare unassigned tickets for a team, inserted directly (fast). */
  async function rawTickets(teamId: string, count: number) {
    const requester = await createUser(db);
    return db
      .insert(tickets)
      .values(Array.from({ length: count }, (_, i) => ({ subject: `Auto ${i}`, requesterId: requester.id, teamId })))
      .returning({ id: tickets.id });
  }

  const openLoads = async (ids: string[]) =>
    Object.fromEntries(
      await Promise.all(
        ids.map(async (id) => [id, await db.$count(tickets, and(eq(tickets.assigneeId, id), inArray(tickets.status, ["new", "open", "pending", "on_hold"])))] as const),
      ),
    );

  // A thousand transactions: on PGlite over 100 s when the two cores are shared.
  it("round-robin stays fair over 1,000 assignments: nobody is ever more than one ahead", async () => {
    const { team, agents } = await teamWith("round_robin", 4);
    const created = await rawTickets(team.id, 1000);
    const counts = new Map(agents.map((a) => [a.id, 0]));
    for (const ticket of created) {
      const assigned = await db.transaction((tx) => autoAssignTicket(tx, ticket.id));
      expect(assigned?.reason).toMatch(/^round-robin; \d+ open$/);
      counts.set(assigned!.assigneeId, (counts.get(assigned!.assigneeId) ?? 0) + 1);
      const values = [...counts.values()];
      expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(1);
    }
    expect([...counts.values()]).toEqual([250, 250, 250, 250]);
  }, 300_000);

  it("skips agents who are away or disabled, and leaves the ticket unassigned when nobody is available", async () => {
    const { team, agents } = await teamWith("round_robin", 3);
    const [away, disabled, present] = agents as [(typeof agents)[0], (typeof agents)[0], (typeof agents)[0]];
    await db.update(users).set({ awayAt: new Date() }).where(eq(users.id, away.id));
    await db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, disabled.id));
    for (const ticket of await rawTickets(team.id, 3)) {
      expect((await db.transaction((tx) => autoAssignTicket(tx, ticket.id)))?.assigneeId).toBe(present.id);
    }
    await db.update(users).set({ awayAt: new Date() }).where(eq(users.id, present.id));
    const [orphan] = await rawTickets(team.id, 1);
    expect(await db.transaction((tx) => autoAssignTicket(tx, orphan!.id))).toBeNull();
    const [row] = await db.select().from(tickets).where(eq(tickets.id, orphan!.id));
    expect(row?.assigneeId).toBeNull();
  });

  it("least-load gives new tickets to whoever has the fewest open, and says so in the timeline", async () => {
    const { team, agents, category } = await teamWith("least_load", 2);
    const [busy, idle] = agents as [(typeof agents)[0], (typeof agents)[0]];
    const requester = await createUser(db);
    await db.insert(tickets).values(Array.from({ length: 3 }, () => ({ subject: "Existing work", requesterId: requester.id, teamId: team.id, assigneeId: busy.id, status: "open" as const })));
    const customer = await createUser(db);
    const { number } = await callerFor(db, customer).tickets.create({ subject: "Who takes this?", body: "Someone with time, hopefully.", categoryId: category.id });
    const detail = await callerFor(db, busy).tickets.get({ number });
    expect(detail.ticket.assigneeId).toBe(idle.id);
    const event = detail.timeline.find((e) => e.field === "assignee");
    expect(event).toMatchObject({ actorName: null, detail: "least open load; 0 open" });
  });

  it("does nothing for teams without automatic assignment, and manual reassignment still works", async () => {
    const { team, agents, category } = await teamWith("off", 2);
    const customer = await createUser(db);
    const { number } = await callerFor(db, customer).tickets.create({ subject: "Manual please", body: "Assign me by hand.", categoryId: category.id });
    const detail = await callerFor(db, agents[0]!).tickets.get({ number });
    expect(detail.ticket.assigneeId).toBeNull();
    await callerFor(db, agents[0]!).desk.update({ number, version: detail.ticket.version, changes: { assigneeId: agents[1]!.id } });
    expect((await callerFor(db, agents[0]!).tickets.get({ number })).ticket.assigneeId).toBe(agents[1]!.id);
    expect(await db.$count(ticketEvents, and(eq(ticketEvents.ticketId, detail.ticket.id), sql`${ticketEvents.detail} is not null`))).toBe(0);
    void team;
  });

  it("lets an agent mark themselves away and an admin choose the team's mode, through tRPC", async () => {
    const { team, agents, category } = await teamWith("off", 2);
    const admin = await createUser(db, { role: "admin" });
    await callerFor(db, admin).admin.teams.setAssignmentMode({ id: team.id, mode: "round_robin" });
    const [first, second] = agents as [(typeof agents)[0], (typeof agents)[0]];
    expect(await callerFor(db, first).desk.setAway({ away: true })).toEqual({ away: true });
    expect((await loadActiveUser(db, first.id))?.away).toBe(true);
    const customer = await createUser(db);
    for (let i = 0; i < 2; i++) {
      const { number } = await callerFor(db, customer).tickets.create({ subject: `While away ${i}`, body: "Who gets this one?", categoryId: category.id });
      expect((await callerFor(db, second).tickets.get({ number })).ticket.assigneeId).toBe(second.id);
    }
    await callerFor(db, first).desk.setAway({ away: false });
    expect((await loadActiveUser(db, first.id))?.away).toBe(false);
  });

  it("assigns a ticket whose creation committed but whose assignment never ran, and no other", async () => {
    const { team, agents } = await teamWith("round_robin", 1);
    const requester = await createUser(db);
    const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000);
    const ticketAt = async (subject: string, createdAt: Date) =>
      single(await db.insert(tickets).values({ subject, requesterId: requester.id, teamId: team.id, createdAt }).returning({ id: tickets.id }), "ticket").id;
    const stranded = await ticketAt("Stranded", ago(2));
    const fresh = await ticketAt("Its creator is still assigning it", ago(0.2));
    const old = await ticketAt("Before the team assigned automatically", ago(90));
    const unassigned = await ticketAt("An agent took it back to the pool", ago(5));
    await db.insert(ticketEvents).values({ ticketId: unassigned, actorId: agents[0]!.id, field: "assignee", fromValue: agents[0]!.id, toValue: null });

    expect(await assignStrandedTickets(db)).toBeGreaterThanOrEqual(1);
    const owners = new Map((await db.select({ id: tickets.id, assigneeId: tickets.assigneeId }).from(tickets).where(inArray(tickets.id, [stranded, fresh, old, unassigned]))).map((t) => [t.id, t.assigneeId]));
    expect(owners.get(stranded)).toBe(agents[0]!.id);
    expect([owners.get(fresh), owners.get(old), owners.get(unassigned)]).toEqual([null, null, null]);
    // Taken once: the next pass finds nothing of this team's left to do.
    await assignStrandedTickets(db);
    expect(await db.$count(ticketEvents, and(eq(ticketEvents.ticketId, stranded), eq(ticketEvents.field, "assignee")))).toBe(1);
  });

  it("does not take a ticket that an agent assigned after its creation committed", async () => {
    const { team, agents } = await teamWith("round_robin", 2);
    const [first] = await rawTickets(team.id, 1);
    // What the creator knew when its own transaction committed: nobody owned it.
    const asCreated = { id: first!.id, number: 0, subject: "Auto 0", priority: "normal" as const, requesterName: "Someone", teamId: team.id, assigneeId: null };
    await db.update(tickets).set({ assigneeId: agents[1]!.id }).where(eq(tickets.id, first!.id));
    expect(await db.transaction((tx) => assignFromTeam(tx, asCreated))).toBeNull();
    const [row] = await db.select({ assigneeId: tickets.assigneeId }).from(tickets).where(eq(tickets.id, first!.id));
    expect(row?.assigneeId).toBe(agents[1]!.id);
  });

  it.runIf(onPostgres)("least-load stays balanced when tickets arrive concurrently", async () => {
    const { agents, category } = await teamWith("least_load", 4);
    const customers = await Promise.all(Array.from({ length: 20 }, () => createUser(db)));
    await Promise.all(customers.map((c, i) => callerFor(db, c).tickets.create({ subject: `Rush ${i}`, body: "Everyone writes at once.", categoryId: category.id })));
    const loads = Object.values(await openLoads(agents.map((a) => a.id)));
    expect(loads.reduce((a, b) => a + b, 0)).toBe(20);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
  });
});
