/**
 * What a person sees of one SLA clock at an instant. Pure and without the
 * calendar arithmetic (server/sla/sla-clock.ts keeps that), so pages and
 * components can show a clock's state from the instants the server stored.
 */
export type SlaState = "on_track" | "at_risk" | "breached" | "paused" | "met" | "missed";

/** The instants a stored clock carries that its state depends on. */
export interface SlaClockMarks {
  runningSince: Date | null;
  dueAt: Date | null;
  atRiskAt: Date | null;
  completedAt: Date | null;
  met: boolean | null;
  breachedAt: Date | null;
}

/** The state a person sees at `now`. */
export function stateOf(clock: SlaClockMarks, now: Date): SlaState {
  if (clock.completedAt) return clock.met ? "met" : "missed";
  if (!clock.runningSince) return clock.breachedAt ? "breached" : "paused";
  if (clock.dueAt && clock.dueAt <= now) return "breached";
  if (clock.atRiskAt && clock.atRiskAt <= now) return "at_risk";
  return "on_track";
}
