/**
 * One SLA clock (first response or resolution) as a value: pure functions
 * from a clock, an instant and a calendar to the next clock. The database
 * module (./ticket-sla) decides which of these apply to a ticket.
 *
 * A clock keeps the business minutes it used before `runningSince`
 * (`elapsedMinutes`); while it runs, the business time since then counts
 * too. Due and at-risk instants are derived from those two and the current
 * calendar, so a pause, a new target or a new calendar only reschedules.
 * The state a person sees (stateOf) is in lib/sla-state.ts, shared with the UI.
 */
import "server-only";
import type { SlaClockMarks } from "@/lib/sla-state";
import { addBusinessMinutes, businessMinutesBetween, type BusinessCalendar } from "./business-hours";

/** Share of the target after which a clock is "at risk". */
export const AT_RISK_SHARE = 0.75;

/** A clock as stored; lib/sla-state.ts reads its state from the marks. */
export interface SlaClock extends SlaClockMarks {
  targetMinutes: number;
  elapsedMinutes: number;
}

/** A round-the-clock calendar, for desks that have not set business hours. */
export const alwaysOpen: BusinessCalendar = {
  timeZone: "UTC",
  weekly: { 1: [{ start: "00:00", end: "24:00" }], 2: [{ start: "00:00", end: "24:00" }], 3: [{ start: "00:00", end: "24:00" }], 4: [{ start: "00:00", end: "24:00" }], 5: [{ start: "00:00", end: "24:00" }], 6: [{ start: "00:00", end: "24:00" }], 7: [{ start: "00:00", end: "24:00" }] },
  holidays: [],
};

/** Business minutes used by `now`. */
export function usedMinutes(clock: SlaClock, now: Date, calendar: BusinessCalendar): number {
  return clock.elapsedMinutes + (clock.runningSince ? businessMinutesBetween(clock.runningSince, now, calendar) : 0);
}

/** Due and at-risk instants of a running clock; null for a stopped one. */
export function schedule(clock: SlaClock, calendar: BusinessCalendar): SlaClock {
  if (!clock.runningSince) return { ...clock, dueAt: null, atRiskAt: null };
  const remaining = clock.targetMinutes - clock.elapsedMinutes;
  const toRisk = clock.targetMinutes * AT_RISK_SHARE - clock.elapsedMinutes;
  // Past the target already: it was due when it breached (or, not yet
  // noticed, when it started running again), which is in the past.
  const dueAt = remaining > 0 ? addBusinessMinutes(clock.runningSince, remaining, calendar) : (clock.breachedAt ?? clock.runningSince);
  const atRiskAt = toRisk > 0 ? addBusinessMinutes(clock.runningSince, toRisk, calendar) : clock.runningSince;
  return { ...clock, dueAt, atRiskAt };
}

export function startClock(targetMinutes: number, at: Date, calendar: BusinessCalendar, running: boolean, elapsedMinutes = 0): SlaClock {
  return schedule(
    { targetMinutes, elapsedMinutes, runningSince: running ? at : null, dueAt: null, atRiskAt: null, completedAt: null, met: null, breachedAt: null },
    calendar,
  );
}

export function pauseClock(clock: SlaClock, now: Date, calendar: BusinessCalendar): SlaClock {
  if (!clock.runningSince || clock.completedAt) return clock;
  return { ...clock, elapsedMinutes: usedMinutes(clock, now, calendar), runningSince: null, dueAt: null, atRiskAt: null, breachedAt: breachOf(clock, now) };
}

export function resumeClock(clock: SlaClock, now: Date, calendar: BusinessCalendar): SlaClock {
  if (clock.runningSince || clock.completedAt) return clock;
  return schedule({ ...clock, runningSince: now }, calendar);
}

/** Stops the clock for good at `at`: met when the target was not exceeded. */
export function completeClock(clock: SlaClock, at: Date, calendar: BusinessCalendar): SlaClock {
  if (clock.completedAt) return clock;
  const used = usedMinutes(clock, at, calendar);
  const met = used <= clock.targetMinutes;
  return { ...clock, elapsedMinutes: used, runningSince: null, dueAt: null, atRiskAt: null, completedAt: at, met, breachedAt: met ? clock.breachedAt : breachOf(clock, at) };
}

/** A finished clock counts again (a solved ticket reopened), keeping the time it used. */
export function reopenClock(clock: SlaClock, now: Date, calendar: BusinessCalendar, running: boolean): SlaClock {
  if (!clock.completedAt) return clock;
  const reopened: SlaClock = { ...clock, completedAt: null, met: null };
  return running ? schedule({ ...reopened, runningSince: now }, calendar) : reopened;
}

export function retarget(clock: SlaClock, targetMinutes: number, calendar: BusinessCalendar): SlaClock {
  if (clock.completedAt || clock.targetMinutes === targetMinutes) return clock;
  // A longer target can un-breach a clock that has not been reported yet.
  return schedule({ ...clock, targetMinutes, breachedAt: clock.elapsedMinutes > targetMinutes ? clock.breachedAt : null }, calendar);
}

/** When a clock stopped at `at` went past its target: its due time if it had one, else `at`. */
function breachOf(clock: SlaClock, at: Date): Date | null {
  if (clock.breachedAt) return clock.breachedAt;
  if (clock.dueAt && clock.dueAt <= at) return clock.dueAt;
  return null;
}

