/** SLA display helpers shared by the queue and the ticket page (no server imports). */

import type { SlaState } from "@/lib/sla-state";

/** A queue row knows only its nearest running clock, or that its clocks are paused (and whether one of them was already past its target). */
export type SlaSummaryState = Extract<SlaState, "on_track" | "at_risk" | "overdue" | "paused" | "overdue_paused">;

/** The state of a ticket's nearest SLA clock at `now`, from the summary the ticket row keeps; null when none applies. */
export function slaStateAt(sla: { dueAt: Date | null; atRiskAt: Date | null; pausedAt: Date | null; pausedOverdue?: boolean }, now: Date): SlaSummaryState | null {
  if (sla.dueAt) {
    if (sla.dueAt <= now) return "overdue";
    if (sla.atRiskAt && sla.atRiskAt <= now) return "at_risk";
    return "on_track";
  }
  if (!sla.pausedAt) return null;
  return sla.pausedOverdue ? "overdue_paused" : "paused";
}

/** "2 d 3 h", "3 h 20 min", "12 min", "< 1 min": coarse enough to read at a glance. */
export function formatDuration(milliseconds: number): string {
  const minutes = Math.floor(Math.max(0, milliseconds) / 60_000);
  if (minutes < 1) return "< 1 min";
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days > 0) return hours ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return rest ? `${hours} h ${rest} min` : `${hours} h`;
  return `${rest} min`;
}
