/**
 * SLA clocks on real tickets: policies pick targets, due times follow the
 * team's business hours, clocks pause while pending or on hold and resume
 * with the time they had used, replies and solving record met or missed,
 * the breach job reports each breach once, and queues show, filter and sort
 * by what is due. Every test scopes its policies to its own organization
 * and its teams to their own calendars, so tests sharing a database never
 * see each other's SLAs.
 */
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { businessCalendars, outbox, slaPolicies, teamMembers, teams, ticketEvents, tickets, ticketSlas, type TicketPriority, type WeeklyHours } from "@/db/schema";
import { single } from "@/db/rows";
import { reportSlaBreaches } from "@/server/sla/sla-breaches";
import { syncTicketSla } from "@/server/sla/ticket-sla";
import { callerFor, createCategory, createOrganization, createUser, unique } from "../support/factories";
import { onPostgres, useTestDatabase } from "../support/test-db";

const MINUTE = 60_000;
const allDay = [{ start: "00:00", end: "24:00" }];
const roundTheClock: WeeklyHours = { 1: allDay, 2: allDay, 3: allDay, 4: allDay, 5: allDay, 6: allDay, 7: allDay };
const nineToFive = [{ start: "09:00", end: "17:00" }];
const officeHours: WeeklyHours = { 1: nineToFive, 2: nineToFive, 3: nineToFive, 4: nineToFive, 5: nineToFive, 6: [], 7: [] };

describe("SLA clocks", async () => {
  const { db } = await useTestDatabase();

  async function desk(options: { weekly?: WeeklyHours; timeZone?: string; defaultPriority?: TicketPriority; pauseOnPending?: boolean; firstResponse?: number | null; resolution?: number | null } = {}) {
    const organization = await createOrganization(db);
    const { category, team } = await createCategory(db, { defaultPriority: options.defaultPriority ?? "urgent" });
    const calendar = single(
      await db
        .insert(businessCalendars)
        .values({ name: unique("Hours"), timeZone: options.timeZone ?? "UTC", weekly: options.weekly ?? roundTheClock })
        .returning(),
      "calendar",
    );
    await db.update(teams).set({ calendarId: calendar.id }).where(eq(teams.id, team.id));
    const policy = single(
      await db
        .insert(slaPolicies)
        .values({
          name: unique("Urgent"),
          priority: "urgent",
          organizationId: organization.id,
          firstResponseMinutes: options.firstResponse === undefined ? 60 : options.firstResponse,
          resolutionMinutes: options.resolution === undefined ? 480 : options.resolution,
          pauseOnPending: options.pauseOnPending ?? true,
        })
        .returning(),
      "policy",
    );
    const customer = await createUser(db, { organizationId: organization.id });
    const agent = await createUser(db, { role: "agent" });
    await db.insert(teamMembers).values({ teamId: team.id, userId: agent.id });
    const open = async (subject = "Checkout is down for everyone") => {
      const created = await callerFor(db, customer).tickets.create({ subject, body: "Nobody can pay since 09:00.", categoryId: category.id });
      return single(await db.select().from(tickets).where(eq(tickets.id, created.id)), "ticket");
    };
    return { organization, category, team, calendar, policy, customer, agent, open };
  }

  async function clocksOf(ticketId: string) {
    const rows = await db.select().from(ticketSlas).where(eq(ticketSlas.ticketId, ticketId));
    return Object.fromEntries(rows.map((row) => [row.metric, row]));
  }
  const ticketOf = async (id: string) => single(await db.select().from(tickets).where(eq(tickets.id, id)), "ticket");
  const eventsOf = async (id: string) =>
    (await db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, id)).orderBy(ticketEvents.id)).filter((e) => e.field.startsWith("sla_"));

  /** Moves a ticket's life to start at `createdAt` and restarts its clocks there. */
  async function startAt(ticketId: string, createdAt: Date) {
    await db.transaction(async (tx) => {
      await tx.update(tickets).set({ createdAt }).where(eq(tickets.id, ticketId));
      await tx.delete(ticketSlas).where(eq(ticketSlas.ticketId, ticketId));
      await syncTicketSla(tx, ticketId, createdAt);
    });
  }
  /** Applies a change to the ticket row as if it happened at `now`, then lets the SLA follow. */
  async function changeAt(ticketId: string, now: Date, set: Partial<typeof tickets.$inferInsert> = {}) {
    await db.transaction(async (tx) => {
      if (Object.keys(set).length) await tx.update(tickets).set(set).where(eq(tickets.id, ticketId));
      await syncTicketSla(tx, ticketId, now);
    });
  }

  it("gives a new urgent ticket both clocks from its policy, with due times and the policy on the timeline", async () => {
    const { open, policy } = await desk();
    const ticket = await open();
    const clocks = await clocksOf(ticket.id);
    expect(clocks.first_response).toMatchObject({ targetMinutes: 60, policyId: policy.id, elapsedMinutes: 0, met: null });
    expect(clocks.first_response!.dueAt!.getTime()).toBe(ticket.createdAt.getTime() + 60 * MINUTE);
    expect(clocks.resolution!.dueAt!.getTime()).toBe(ticket.createdAt.getTime() + 480 * MINUTE);
    expect(clocks.first_response!.atRiskAt!.getTime()).toBe(ticket.createdAt.getTime() + 45 * MINUTE);
    expect(ticket.slaDueAt).toEqual(clocks.first_response!.dueAt);
    expect(ticket.slaAtRiskAt).toEqual(clocks.first_response!.atRiskAt);
    expect((await eventsOf(ticket.id)).map((e) => [e.field, e.toValue])).toEqual([["sla_policy", policy.name]]);
  });

  it("counts targets in the team's business hours: Friday 16:30 plus one hour is Monday 09:30", async () => {
    const { open } = await desk({ weekly: officeHours, timeZone: "Europe/Berlin" });
    const ticket = await open();
    await startAt(ticket.id, new Date("2026-11-27T15:30:00Z")); // Friday 16:30 in Berlin
    const clocks = await clocksOf(ticket.id);
    expect(clocks.first_response!.dueAt).toEqual(new Date("2026-11-30T08:30:00Z")); // Monday 09:30
    expect(clocks.resolution!.dueAt).toEqual(new Date("2026-11-30T15:30:00Z")); // 30 min Friday + 7 h 30 Monday
    expect(clocks.first_response!.atRiskAt).toEqual(new Date("2026-11-30T08:15:00Z"));
  });

  it("pauses while pending and resumes when the customer replies, each on the timeline", async () => {
    const { open, agent, customer } = await desk();
    const ticket = await open();
    const agentApi = callerFor(db, agent);
    await agentApi.desk.update({ number: ticket.number, version: ticket.version, changes: { status: "pending" } });
    const paused = await ticketOf(ticket.id);
    expect(paused.slaPausedAt).not.toBeNull();
    expect(paused.slaDueAt).toBeNull();
    const pausedClocks = await clocksOf(ticket.id);
    expect(pausedClocks.first_response).toMatchObject({ runningSince: null, dueAt: null });
    expect(pausedClocks.resolution).toMatchObject({ runningSince: null, dueAt: null });

    await callerFor(db, customer).tickets.reply({ number: ticket.number, body: "Here are the logs you asked for." });
    const resumed = await ticketOf(ticket.id);
    expect(resumed.status).toBe("open");
    expect(resumed.slaPausedAt).toBeNull();
    expect(resumed.slaDueAt).not.toBeNull();
    expect((await eventsOf(ticket.id)).map((e) => [e.field, e.detail])).toEqual([
      ["sla_policy", null],
      ["sla_paused", "pending"],
      ["sla_resumed", "open"],
    ]);
  });

  it("keeps the time used before a pause: 10 minutes, a 30-minute pause, and the target moves 30 minutes later", async () => {
    const { open } = await desk();
    const ticket = await open();
    const t0 = new Date(Date.now() - 3 * 3_600_000);
    await startAt(ticket.id, t0);
    await changeAt(ticket.id, new Date(t0.getTime() + 10 * MINUTE), { status: "pending" });
    expect((await clocksOf(ticket.id)).first_response).toMatchObject({ elapsedMinutes: 10, runningSince: null });
    await changeAt(ticket.id, new Date(t0.getTime() + 40 * MINUTE), { status: "open" });
    const clocks = await clocksOf(ticket.id);
    expect(clocks.first_response!.dueAt).toEqual(new Date(t0.getTime() + 90 * MINUTE));
    expect(clocks.resolution!.dueAt).toEqual(new Date(t0.getTime() + 510 * MINUTE));
    expect((await ticketOf(ticket.id)).slaDueAt).toEqual(clocks.first_response!.dueAt);
  });

  it("does not pause while pending when the policy says so, but still pauses on hold", async () => {
    const { open } = await desk({ pauseOnPending: false });
    const ticket = await open();
    const t0 = new Date(Date.now() - 3 * 3_600_000);
    await startAt(ticket.id, t0);
    await changeAt(ticket.id, new Date(t0.getTime() + 10 * MINUTE), { status: "pending" });
    expect((await clocksOf(ticket.id)).resolution!.runningSince).toEqual(t0);
    await changeAt(ticket.id, new Date(t0.getTime() + 20 * MINUTE), { status: "on_hold" });
    expect((await clocksOf(ticket.id)).resolution).toMatchObject({ runningSince: null, elapsedMinutes: 20 });
  });

  it("records the first response as met at the first public agent reply, and resolution met or missed when solved", async () => {
    const { open, agent } = await desk();
    const ticket = await open();
    const agentApi = callerFor(db, agent);
    await agentApi.tickets.reply({ number: ticket.number, body: "Looking into it now." });
    let clocks = await clocksOf(ticket.id);
    expect(clocks.first_response).toMatchObject({ met: true, runningSince: null, dueAt: null });
    expect(clocks.first_response!.completedAt).not.toBeNull();
    expect((await ticketOf(ticket.id)).slaDueAt).toEqual(clocks.resolution!.dueAt);

    const current = await ticketOf(ticket.id);
    await agentApi.desk.update({ number: ticket.number, version: current.version, changes: { status: "solved" } });
    clocks = await clocksOf(ticket.id);
    expect(clocks.resolution).toMatchObject({ met: true, runningSince: null });
    const solved = await ticketOf(ticket.id);
    expect(solved).toMatchObject({ slaDueAt: null, slaAtRiskAt: null, slaPausedAt: null });
  });

  it("runs the resolution clock again when a solved ticket reopens, keeping the time it used, and records a late solve as missed", async () => {
    const { open } = await desk({ firstResponse: null, resolution: 60 });
    const ticket = await open();
    const t0 = new Date(Date.now() - 5 * 3_600_000);
    await startAt(ticket.id, t0);
    await changeAt(ticket.id, new Date(t0.getTime() + 50 * MINUTE), { status: "solved", solvedAt: new Date(t0.getTime() + 50 * MINUTE) });
    expect((await clocksOf(ticket.id)).resolution).toMatchObject({ met: true, elapsedMinutes: 50 });
    await changeAt(ticket.id, new Date(t0.getTime() + 120 * MINUTE), { status: "open", solvedAt: null });
    const reopened = (await clocksOf(ticket.id)).resolution!;
    expect(reopened).toMatchObject({ met: null, completedAt: null, elapsedMinutes: 50 });
    expect(reopened.dueAt).toEqual(new Date(t0.getTime() + 130 * MINUTE));
    await changeAt(ticket.id, new Date(t0.getTime() + 150 * MINUTE), { status: "solved", solvedAt: new Date(t0.getTime() + 150 * MINUTE) });
    const late = (await clocksOf(ticket.id)).resolution!;
    expect(late).toMatchObject({ met: false, elapsedMinutes: 80 });
    expect(late.breachedAt).toEqual(new Date(t0.getTime() + 130 * MINUTE));
  });

  it("starts clocks from creation when the priority rises into a policy, and drops running ones when it falls out", async () => {
    const { open, agent } = await desk({ defaultPriority: "normal" });
    const ticket = await open();
    expect(await clocksOf(ticket.id)).toEqual({});
    const agentApi = callerFor(db, agent);
    await agentApi.desk.update({ number: ticket.number, version: ticket.version, changes: { priority: "urgent" } });
    const clocks = await clocksOf(ticket.id);
    expect(clocks.first_response!.runningSince).toEqual(ticket.createdAt);
    expect(clocks.first_response!.dueAt!.getTime()).toBe(ticket.createdAt.getTime() + 60 * MINUTE);
    const raised = await ticketOf(ticket.id);
    await agentApi.desk.update({ number: ticket.number, version: raised.version, changes: { priority: "low" } });
    expect(await clocksOf(ticket.id)).toEqual({});
    expect(await ticketOf(ticket.id)).toMatchObject({ slaDueAt: null, slaAtRiskAt: null });
  });

  it("prefers the most specific policy: organization and category over organization alone", async () => {
    const { open, organization, category } = await desk();
    await db.insert(slaPolicies).values({ name: unique("VIP checkout"), priority: "urgent", organizationId: organization.id, categoryId: category.id, firstResponseMinutes: 15, resolutionMinutes: 120 });
    const ticket = await open();
    expect((await clocksOf(ticket.id)).first_response!.targetMinutes).toBe(15);
  });

  it("reports a breach once: marks it, writes the event and emails the assignee and the team", async () => {
    const { open, agent, team } = await desk();
    const teammate = await createUser(db, { role: "agent" });
    await db.insert(teamMembers).values({ teamId: team.id, userId: teammate.id });
    const ticket = await open();
    await db.update(tickets).set({ assigneeId: agent.id }).where(eq(tickets.id, ticket.id));
    const t0 = new Date(Date.now() - 2 * 3_600_000);
    await startAt(ticket.id, t0);
    expect((await ticketOf(ticket.id)).slaDueAt!.getTime()).toBeLessThan(Date.now());

    expect(await reportSlaBreaches(db)).toBeGreaterThanOrEqual(1);
    const clock = (await clocksOf(ticket.id)).first_response!;
    expect(clock.breachedAt).toEqual(new Date(t0.getTime() + 60 * MINUTE));
    expect(clock.breachNotifiedAt).not.toBeNull();
    const mails = await db.select().from(outbox).where(and(eq(outbox.ticketId, ticket.id), eq(outbox.template, "sla-breached")));
    expect(mails.map((m) => m.toAddress).sort()).toEqual([agent.email, teammate.email].sort());
    expect(mails[0]!.subject).toContain(`[#${ticket.number}] First response overdue`);
    expect((await eventsOf(ticket.id)).filter((e) => e.field === "sla_breached").map((e) => e.toValue)).toEqual(["first_response"]);

    await reportSlaBreaches(db);
    expect(await db.$count(outbox, and(eq(outbox.ticketId, ticket.id), eq(outbox.template, "sla-breached")))).toBe(2);
  });

  it.runIf(onPostgres)("reports each breach once when two workers run at the same time", async () => {
    const { open, agent } = await desk();
    const created = [];
    for (let i = 0; i < 5; i++) created.push(await open(`Breach race ${i}`));
    const t0 = new Date(Date.now() - 2 * 3_600_000);
    for (const ticket of created) {
      await db.update(tickets).set({ assigneeId: agent.id }).where(eq(tickets.id, ticket.id));
      await startAt(ticket.id, t0);
    }
    await Promise.all([reportSlaBreaches(db), reportSlaBreaches(db), reportSlaBreaches(db)]);
    for (const ticket of created) {
      const mails = await db.$count(outbox, and(eq(outbox.ticketId, ticket.id), eq(outbox.template, "sla-breached"), eq(outbox.toAddress, agent.email)));
      const events = await db.$count(ticketEvents, and(eq(ticketEvents.ticketId, ticket.id), eq(ticketEvents.field, "sla_breached")));
      expect([mails, events]).toEqual([1, 1]);
    }
  });

  it("lists at-risk and breached tickets in the SLA at risk view, and sorts by due time with tickets without a clock last", async () => {
    const { open, agent, organization } = await desk();
    const now = Date.now();
    const fresh = await open("Fresh");
    const risky = await open("Risky");
    await startAt(risky.id, new Date(now - 50 * MINUTE)); // 50 of 60 minutes used
    const late = await open("Late");
    await startAt(late.id, new Date(now - 70 * MINUTE));
    const noSla = await open("No SLA");
    await callerFor(db, agent).desk.update({ number: noSla.number, version: noSla.version, changes: { priority: "low" } });

    const api = callerFor(db, agent);
    const atRisk = await api.desk.queue({ view: "sla_at_risk", filters: { organizationId: organization.id }, limit: 25 });
    expect(atRisk.items.map((t) => t.subject).sort()).toEqual(["Late", "Risky"]);

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await api.desk.queue({ view: "open", filters: { organizationId: organization.id }, sort: "due_asc", cursor, limit: 1 });
      seen.push(...page.items.map((t) => t.subject));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(["Late", "Risky", "Fresh", "No SLA"]);
    expect(fresh.slaDueAt).not.toBeNull();

    const counts = await api.desk.counts();
    expect(counts.views.sla_at_risk).toBeGreaterThanOrEqual(2);
  });
});
