import { and, inArray, isNotNull, lte, sql } from "drizzle-orm";
import { automationRules, businessCalendars, slaPolicies, teams, ticketSlas, type AutomationAction, type AutomationCondition, type TicketPriority, type WeeklyHours } from "@/db/schema";
import type { Db } from "@/db/types";
import { syncTicketSla } from "@/server/sla/ticket-sla";

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
  demo: { technicalTeamId: string | null; categoryIds: Map<string, string>; unsolvedTicketIds: string[]; now: Date; startedAt: Date },
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
  await db
    .update(ticketSlas)
    .set({ breachedAt: sql`coalesce(${ticketSlas.breachedAt}, ${ticketSlas.dueAt})`, breachNotifiedAt: ticketSlas.dueAt })
    .where(and(isNotNull(ticketSlas.runningSince), lte(ticketSlas.dueAt, demo.now)));
}
