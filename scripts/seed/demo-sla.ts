import { and, inArray, isNotNull, lte, sql } from "drizzle-orm";
import { automationRules, businessCalendars, satisfactionRatings, slaPolicies, teams, ticketSlas, type AutomationAction, type AutomationCondition, type TicketPriority, type WeeklyHours } from "@/db/schema";
import type { Db } from "@/db/types";
import { calendarFor, syncTicketSla } from "@/server/sla/ticket-sla";
import { completeClock, startClock } from "@/server/sla/sla-clock";
import { Random } from "./random";

const office = [{ start: "08:00", end: "18:00" }];
const allDay = [{ start: "00:00", end: "24:00" }];

/** London office hours for most teams; technical support is on call round the clock. */
const demoCalendars: { key: "office" | "oncall"; name: string; timeZone: string; weekly: WeeklyHours; holidays: string[]; isDefault: boolean }[] = [
  {
    key: "office",
    name: "London office hours",
    timeZone: "Europe/London",
    weekly: { 1: office, 2: office, 3: office, 4: office, 5: office, 6: [], 7: [] },
    holidays: ["2026-12-25", "2026-12-28", "2027-01-01", "2027-04-02", "2027-04-05", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28"],
    isDefault: true,
  },
  { key: "oncall", name: "Round the clock (on call)", timeZone: "UTC", weekly: { 1: allDay, 2: allDay, 3: allDay, 4: allDay, 5: allDay, 6: allDay, 7: allDay }, holidays: [], isDefault: false },
];

/** Business-minute targets per priority; low priority has no resolution target. */
const demoPolicies: { name: string; priority: TicketPriority; firstResponseMinutes: number; resolutionMinutes: number | null }[] = [
  { name: "Urgent", priority: "urgent", firstResponseMinutes: 60, resolutionMinutes: 8 * 60 },
  { name: "High", priority: "high", firstResponseMinutes: 4 * 60, resolutionMinutes: 3 * 10 * 60 },
  { name: "Normal", priority: "normal", firstResponseMinutes: 8 * 60, resolutionMinutes: 5 * 10 * 60 },
  { name: "Low", priority: "low", firstResponseMinutes: 2 * 10 * 60, resolutionMinutes: null },
];

function demoRules(categoryIds: Map<string, string>): { name: string; conditions: AutomationCondition[]; actions: AutomationAction[]; matchAll: boolean }[] {
  const billing = categoryIds.get("billing") ?? "";
  return [
    {
      name: "Outages are urgent",
      matchAll: false,
      conditions: [
        { field: "subject", operator: "contains_any", value: "outage, down, not loading, 500 error" },
        { field: "body", operator: "contains_any", value: "production is down, site is down" },
      ],
      actions: [
        { type: "set_priority", value: "urgent" },
        { type: "add_tags", value: "outage" },
        { type: "add_internal_note", value: "Possible outage: check the status page before replying." },
      ],
    },
    {
      name: "Refund requests go to Billing",
      matchAll: true,
      conditions: [{ field: "subject", operator: "contains_any", value: "refund, charged twice, double charge" }],
      actions: [
        { type: "set_category", value: billing },
        { type: "add_tags", value: "refund" },
      ],
    },
  ];
}

/**
 * The demo's business hours, SLA policies and automation rules, and SLA
 * clocks for the tickets still open. Breaches that happened before today
 * count as already reported, so a fresh demo does not start with a burst
 * of breach emails.
 */
export async function seedDemoSla(
  db: Db,
  demo: { technicalTeamId: string | null; categoryIds: Map<string, string>; unsolvedTicketIds: string[]; solvedTickets: SolvedTicket[]; now: Date; startedAt: Date },
): Promise<void> {
  const calendarIds = new Map<string, string>();
  for (const { key, ...calendar } of demoCalendars) {
    const [row] = await db.insert(businessCalendars).values({ ...calendar, createdAt: demo.startedAt }).returning({ id: businessCalendars.id });
    if (row) calendarIds.set(key, row.id);
  }
  if (demo.technicalTeamId) {
    await db.update(teams).set({ calendarId: calendarIds.get("oncall") ?? null }).where(inArray(teams.id, [demo.technicalTeamId]));
  }
  await db.insert(slaPolicies).values(demoPolicies.map((p) => ({ ...p, createdAt: demo.startedAt, updatedAt: demo.startedAt })));
  await db.insert(automationRules).values(demoRules(demo.categoryIds).map((rule, position) => ({ ...rule, position, createdAt: demo.startedAt, updatedAt: demo.startedAt })));
  for (const ticketId of demo.unsolvedTicketIds) await syncTicketSla(db, ticketId, demo.now);
  await seedFinishedClocks(db, demo.solvedTickets);
  await seedRatings(db, demo.solvedTickets, demo.now);
  await db
    .update(ticketSlas)
    .set({ breachedAt: sql`coalesce(${ticketSlas.breachedAt}, ${ticketSlas.dueAt})`, breachNotifiedAt: ticketSlas.dueAt })
    .where(and(isNotNull(ticketSlas.runningSince), lte(ticketSlas.dueAt, demo.now)));
}

export interface SolvedTicket {
  id: string;
  priority: TicketPriority;
  teamId: string | null;
  assigneeId: string | null;
  createdAt: Date;
  firstResponseAt: Date | null;
  solvedAt: Date;
}

/** What the SLA clocks of an already solved ticket recorded: each target met or missed, counted in its team's hours. */
async function seedFinishedClocks(db: Db, solved: SolvedTicket[]): Promise<void> {
  const policies = await db.select().from(slaPolicies);
  const calendars = new Map<string | null, Awaited<ReturnType<typeof calendarFor>>>();
  const rows: (typeof ticketSlas.$inferInsert)[] = [];
  for (const ticket of solved) {
    const policy = policies.find((p) => p.priority === ticket.priority && !p.categoryId && !p.organizationId);
    if (!policy) continue;
    if (!calendars.has(ticket.teamId)) calendars.set(ticket.teamId, await calendarFor(db, ticket.teamId));
    const calendar = calendars.get(ticket.teamId)!;
    const finish = (metric: "first_response" | "resolution", target: number | null, at: Date) => {
      if (!target) return;
      const clock = completeClock(startClock(target, ticket.createdAt, calendar, true), at, calendar);
      rows.push({ ticketId: ticket.id, metric, policyId: policy.id, ...clock });
    };
    finish("first_response", policy.firstResponseMinutes, ticket.firstResponseAt ?? ticket.solvedAt);
    finish("resolution", policy.resolutionMinutes, ticket.solvedAt);
  }
  for (let i = 0; i < rows.length; i += 500) await db.insert(ticketSlas).values(rows.slice(i, i + 500));
}

const goodComments = ["Quick and friendly, thank you!", "Solved on the first reply.", "Great explanation, everything works now."];
const badComments = ["It took days to get an answer.", "The fix did not last: it broke again the next day.", "I had to explain the problem three times."];

/** About a third of solved tickets rated, mostly good, within two days of solving. */
async function seedRatings(db: Db, solved: SolvedTicket[], now: Date): Promise<void> {
  const random = new Random(2042);
  const rows: (typeof satisfactionRatings.$inferInsert)[] = [];
  for (const ticket of solved) {
    if (!random.chance(0.35)) continue;
    const ratedAt = new Date(Math.min(ticket.solvedAt.getTime() + random.int(10, 48 * 60) * 60_000, now.getTime()));
    const good = random.chance(0.86);
    const comments = good ? goodComments : badComments;
    rows.push({ ticketId: ticket.id, score: good ? "good" : "bad", assigneeId: ticket.assigneeId, ratedAt, comment: random.chance(0.3) ? random.pick(comments) : null });
  }
  for (let i = 0; i < rows.length; i += 500) await db.insert(satisfactionRatings).values(rows.slice(i, i + 500));
}
