import "server-only";
import { and, desc, eq, isNull, or, sql } from "drizzle-orm";
import { toSnakeCase } from "drizzle-orm/casing";
import { businessCalendars, slaMetrics, slaPolicies, teams, tickets, ticketSlas, type SlaMetric, type TicketStatus } from "@/db/schema";
import type { DbOrTx } from "@/db/types";
import { recordEvents, type TicketChange } from "@/server/tickets/ticket-events";
import { businessMinutesBetween, type BusinessCalendar } from "./business-hours";
import { businessCalendarOf } from "./stored-calendar";
import { alwaysOpen, completeClock, pauseClock, reopenClock, resumeClock, retarget, schedule, startClock, type SlaClock } from "./sla-clock";

/**
 * Keeps a ticket's SLA clocks in step with the ticket. Called at the end of
 * every transaction that changes a ticket (creation, edits, replies, solving,
 * merging, closing); it reads the ticket as it now is, so it is idempotent.
 *
 * - The policy is the most specific one for the ticket's priority
 *   (organization and category > organization > category > priority only);
 *   a new policy retargets running clocks and keeps the time they used.
 * - A clock that starts late (the ticket's priority rose) counts from the
 *   ticket's creation, but never from before its policy existed: a ticket
 *   opened before anyone set a target is measured from the moment the
 *   policy was added (not weeks overdue on its first change).
 * - The calendar is the team's, else the default one, else round the clock.
 * - Clocks pause while pending or on hold (as the policy says) and resume
 *   when the ticket leaves that status; both are timeline events.
 * - The first response clock stops at the first public agent reply, both
 *   stop when the ticket is solved; a reopened ticket's resolution clock
 *   runs again with the time it had used.
 */
export async function syncTicketSla(tx: DbOrTx, ticketId: string, now: Date = new Date()): Promise<void> {
  const [ticket] = await tx
    .select({
      id: tickets.id,
      status: tickets.status,
      priority: tickets.priority,
      categoryId: tickets.categoryId,
      organizationId: tickets.organizationId,
      teamId: tickets.teamId,
      createdAt: tickets.createdAt,
      firstResponseAt: tickets.firstResponseAt,
      solvedAt: tickets.solvedAt,
      slaPausedAt: tickets.slaPausedAt,
      slaDueAt: tickets.slaDueAt,
      slaAtRiskAt: tickets.slaAtRiskAt,
    })
    .from(tickets)
    .where(eq(tickets.id, ticketId));
  if (!ticket) return;
  const existing = await tx.select().from(ticketSlas).where(eq(ticketSlas.ticketId, ticket.id));
  await applyClocks(tx, ticket, existing, now);
}

type SlaTicket = Pick<
  typeof tickets.$inferSelect,
  "id" | "status" | "priority" | "categoryId" | "organizationId" | "teamId" | "createdAt" | "firstResponseAt" | "solvedAt" | "slaPausedAt" | "slaDueAt" | "slaAtRiskAt"
>;

/**
 * syncTicketSla for a ticket inserted in this transaction, from what its
 * creator knows: a new ticket has no clocks, no response, no solve and no
 * SLA summary yet, so nothing needs to be read back.
 */
export async function startTicketSla(
  tx: DbOrTx,
  ticket: Pick<SlaTicket, "id" | "status" | "priority" | "categoryId" | "organizationId" | "teamId" | "createdAt">,
  now: Date,
): Promise<void> {
  const blank = { firstResponseAt: null, solvedAt: null, slaPausedAt: null, slaDueAt: null, slaAtRiskAt: null };
  await applyClocks(tx, { ...ticket, ...blank }, [], now);
}

/** Brings the ticket's clocks (`existing`, its ticket_slas rows) and its SLA summary in line with the ticket as given. */
async function applyClocks(tx: DbOrTx, ticket: SlaTicket, existing: (typeof ticketSlas.$inferSelect)[], now: Date): Promise<void> {
  const policy = await policyFor(tx, ticket);
  const calendar = await calendarFor(tx, ticket.teamId);
  const paused = Boolean(policy && isPausing(ticket.status, policy));
  const solved = ticket.status === "solved" || ticket.status === "closed";
  const solvedAt = solved ? (ticket.solvedAt ?? now) : null;

  const clocks: { metric: SlaMetric; clock: SlaClock }[] = [];
  const writes: (typeof ticketSlas.$inferInsert)[] = [];
  for (const metric of slaMetrics) {
    const row = existing.find((r) => r.metric === metric);
    const target = metric === "first_response" ? policy?.firstResponseMinutes : policy?.resolutionMinutes;
    const finishedAt = metric === "first_response" ? (ticket.firstResponseAt ?? solvedAt) : solvedAt;
    if (!target) {
      // No target applies any more: an unfinished clock goes; a finished one is history.
      if (row && !row.completedAt) await tx.delete(ticketSlas).where(and(eq(ticketSlas.ticketId, ticket.id), eq(ticketSlas.metric, metric)));
      if (row?.completedAt) clocks.push({ metric, clock: row });
      continue;
    }
    let clock: SlaClock;
    if (!row) {
      if (finishedAt) continue;
      const startsAt = clockStart(ticket.createdAt, policy?.createdAt ?? null, now);
      clock = paused ? startClock(target, now, calendar, false, businessMinutesBetween(startsAt, now, calendar)) : startClock(target, startsAt, calendar, true);
    } else {
      clock = retarget(row, target, calendar);
      if (finishedAt) clock = completeClock(clock, finishedAt, calendar);
      else if (clock.completedAt) clock = reopenClock(clock, now, calendar, !paused);
      else clock = paused ? pauseClock(clock, now, calendar) : resumeClock(clock, now, calendar);
      // The team (and so the calendar) may have changed.
      if (clock.runningSince) clock = schedule(clock, calendar);
    }
    clocks.push({ metric, clock });
    if (!row || policy?.id !== row.policyId || !sameClock(row, clock)) {
      writes.push({ ticketId: ticket.id, metric, ...clockColumns(clock), policyId: policy?.id ?? null });
    }
  }
  const [written] = writes;
  if (written) {
    // Both clocks in one statement: a row that exists takes the values proposed for it.
    const columns = Object.keys(written).filter((key) => key !== "ticketId" && key !== "metric");
    await tx
      .insert(ticketSlas)
      .values(writes)
      .onConflictDoUpdate({
        target: [ticketSlas.ticketId, ticketSlas.metric],
        set: Object.fromEntries(columns.map((key) => [key, sql.raw(`excluded.${toSnakeCase(key)}`)])),
      });
  }

  const running = clocks.filter(({ clock }) => clock.runningSince);
  const waiting = clocks.some(({ clock }) => !clock.runningSince && !clock.completedAt);
  const earliest = (key: "dueAt" | "atRiskAt") =>
    running.reduce<Date | null>((min, { clock }) => (clock[key] && (!min || clock[key] < min) ? clock[key] : min), null);
  const summary = { slaDueAt: earliest("dueAt"), slaAtRiskAt: earliest("atRiskAt"), slaPausedAt: waiting && !running.length ? (ticket.slaPausedAt ?? now) : null };

  const events: TicketChange[] = [];
  const previousPolicyId = existing.find((r) => !r.completedAt)?.policyId ?? null;
  if (policy && policy.id !== previousPolicyId && clocks.some(({ clock }) => !clock.completedAt)) {
    events.push({ field: "sla_policy", to: policy.name });
  }
  if (!ticket.slaPausedAt && summary.slaPausedAt) events.push({ field: "sla_paused", detail: ticket.status.replace("_", " ") });
  if (ticket.slaPausedAt && !summary.slaPausedAt && running.length) events.push({ field: "sla_resumed", detail: ticket.status.replace("_", " ") });
  await recordEvents(tx, ticket.id, null, events, now);

  if (!sameTime(summary.slaDueAt, ticket.slaDueAt) || !sameTime(summary.slaAtRiskAt, ticket.slaAtRiskAt) || !sameTime(summary.slaPausedAt, ticket.slaPausedAt)) {
    // Derived state: not an edit, so the version (which guards edits) stays.
    await tx.update(tickets).set(summary).where(eq(tickets.id, ticket.id));
  }
}

type Policy = typeof slaPolicies.$inferSelect;

/** Where a new clock starts counting: the ticket's creation, or the policy's if that came later (never after now). */
export function clockStart(ticketCreatedAt: Date, policyCreatedAt: Date | null, now: Date): Date {
  const start = policyCreatedAt && policyCreatedAt > ticketCreatedAt ? policyCreatedAt : ticketCreatedAt;
  return start > now ? now : start;
}

function isPausing(status: TicketStatus, policy: Policy): boolean {
  return (status === "pending" && policy.pauseOnPending) || (status === "on_hold" && policy.pauseOnHold);
}

async function policyFor(tx: DbOrTx, ticket: { priority: Policy["priority"]; categoryId: string | null; organizationId: string | null }) {
  const [policy] = await tx
    .select()
    .from(slaPolicies)
    .where(
      and(
        eq(slaPolicies.priority, ticket.priority),
        ticket.categoryId ? or(isNull(slaPolicies.categoryId), eq(slaPolicies.categoryId, ticket.categoryId)) : isNull(slaPolicies.categoryId),
        ticket.organizationId ? or(isNull(slaPolicies.organizationId), eq(slaPolicies.organizationId, ticket.organizationId)) : isNull(slaPolicies.organizationId),
      ),
    )
    .orderBy(desc(sql`${slaPolicies.organizationId} is not null`), desc(sql`${slaPolicies.categoryId} is not null`))
    .limit(1);
  return policy ?? null;
}

/** The team's calendar, else the default one, else round the clock. */
export async function calendarFor(tx: DbOrTx, teamId: string | null): Promise<BusinessCalendar> {
  const teamCalendar = teamId ? sql`(select ${teams.calendarId} from ${teams} where ${teams.id} = ${teamId})` : sql`null`;
  const [calendar] = await tx
    .select({ timeZone: businessCalendars.timeZone, weekly: businessCalendars.weekly, holidays: businessCalendars.holidays })
    .from(businessCalendars)
    .where(or(eq(businessCalendars.id, teamCalendar), eq(businessCalendars.isDefault, true)))
    .orderBy(desc(sql`${businessCalendars.id} = ${teamCalendar}`))
    .limit(1);
  if (!calendar) return alwaysOpen;
  return businessCalendarOf(calendar);
}

function clockColumns(clock: SlaClock) {
  const { targetMinutes, elapsedMinutes, runningSince, dueAt, atRiskAt, completedAt, met, breachedAt } = clock;
  return { targetMinutes, elapsedMinutes, runningSince, dueAt, atRiskAt, completedAt, met, breachedAt };
}

function sameTime(a: Date | null, b: Date | null): boolean {
  return (a?.getTime() ?? null) === (b?.getTime() ?? null);
}

function sameClock(a: SlaClock, b: SlaClock): boolean {
  return (
    a.targetMinutes === b.targetMinutes &&
    a.elapsedMinutes === b.elapsedMinutes &&
    a.met === b.met &&
    (["runningSince", "dueAt", "atRiskAt", "completedAt", "breachedAt"] as const).every((key) => sameTime(a[key], b[key]))
  );
}
