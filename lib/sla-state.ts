/**
 * What a person sees of one SLA clock at an instant. Pure and without the
 * calendar arithmetic (server/sla/sla-clock.ts keeps that), so pages and
 * components can show a clock's state from the instants the server stored.
 *
 * The SLA vocabulary, in one place, used by the queue badge, the ticket's
 * SLA panel, reports and emails alike:
 * - "Overdue": a clock still counting (or paused) after its due time passed;
 * - "Missed": a finished clock that finished after its target ("Met" if not);
 * - "At risk": 75% of the target used; "Paused": stopped while the ticket
 *   waits, with time left ("Overdue, paused" when it was already past due).
 * "Breached" is never shown: it is only the database's name for the instant
 * a clock went overdue (ticket_slas.breached_at).
 */
export type SlaState = "on_track" | "at_risk" | "overdue" | "paused" | "overdue_paused" | "met" | "missed";

export const slaStateLabels: Record<SlaState, string> = {
  on_track: "On track",
  at_risk: "At risk",
  overdue: "Overdue",
  paused: "Paused",
  overdue_paused: "Overdue, paused",
  met: "Met",
  missed: "Missed",
};

/** The instants a stored clock carries that its state depends on. */
export interface SlaClockMarks {
  runningSince: Date | null;
  dueAt: Date | null;
  atRiskAt: Date | null;
  completedAt: Date | null;
  met: boolean | null;
  breachedAt: Date | null;
  /** Business minutes allowed, and used before runningSince. */
  targetMinutes: number;
  elapsedMinutes: number;
}

/** The state a person sees at `now`. */
export function stateOf(clock: SlaClockMarks, now: Date): SlaState {
  if (clock.completedAt) return clock.met ? "met" : "missed";
  // A paused clock past its target: it went overdue before the pause, or it started paused with the time already used.
  if (!clock.runningSince) return clock.breachedAt || clock.elapsedMinutes >= clock.targetMinutes ? "overdue_paused" : "paused";
  if (clock.dueAt && clock.dueAt <= now) return "overdue";
  if (clock.atRiskAt && clock.atRiskAt <= now) return "at_risk";
  return "on_track";
}
