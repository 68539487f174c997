import { slaStateLabels } from "@/lib/sla-state";
import { formatDuration, slaStateAt } from "../sla-time";

const style = {
  on_track: "text-muted",
  at_risk: "bg-warning-soft text-warning font-medium",
  overdue: "bg-danger-soft text-danger font-medium",
  paused: "text-muted italic",
  overdue_paused: "bg-danger-soft text-danger italic",
} as const;

/**
 * A queue row's SLA, in the vocabulary of lib/sla-state.ts: time left on the
 * nearest running target, "Overdue" and by how much past it, "At risk" from
 * 75% used, "Paused", or "Overdue, paused" when a paused clock is already
 * past its target. Nothing when no target applies.
 */
export function SlaBadge({ dueAt, atRiskAt, pausedAt, pausedOverdue = false, now = new Date() }: { dueAt: Date | null; atRiskAt: Date | null; pausedAt: Date | null; pausedOverdue?: boolean; now?: Date }) {
  const state = slaStateAt({ dueAt, atRiskAt, pausedAt, pausedOverdue }, now);
  if (!state) return <span className="text-muted" aria-label="No SLA">—</span>;
  const due = dueAt?.getTime() ?? now.getTime();
  const text =
    state === "paused" || state === "overdue_paused"
      ? slaStateLabels[state]
      : state === "overdue"
        ? `${slaStateLabels.overdue} ${formatDuration(now.getTime() - due)}`
        : `${state === "at_risk" ? `${slaStateLabels.at_risk} · ` : ""}${formatDuration(due - now.getTime())} left`;
  const title = dueAt ? `Due ${dueAt.toISOString().slice(0, 16).replace("T", " ")} UTC` : "The SLA clock is paused while the ticket waits";
  return (
    <span className={`inline-flex rounded-full px-2 py-0.5 text-xs whitespace-nowrap ${style[state]}`} title={title} data-sla-state={state} suppressHydrationWarning>
      {text}
    </span>
  );
}
