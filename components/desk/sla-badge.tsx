import { formatDuration, slaStateAt } from "../sla-time";

const style = {
  on_track: "text-muted",
  at_risk: "bg-warning-soft text-warning font-medium",
  breached: "bg-danger-soft text-danger font-medium",
  paused: "text-muted italic",
} as const;

/**
 * A queue row's SLA: time left on the nearest running target, "overdue" past
 * it, amber from 75% used, or paused. Nothing when no target applies.
 */
export function SlaBadge({ dueAt, atRiskAt, pausedAt, now = new Date() }: { dueAt: Date | null; atRiskAt: Date | null; pausedAt: Date | null; now?: Date }) {
  const state = slaStateAt({ dueAt, atRiskAt, pausedAt }, now);
  if (!state) return <span className="text-muted" aria-label="No SLA">—</span>;
  const text =
    state === "paused"
      ? "Paused"
      : state === "breached"
        ? `Overdue ${formatDuration(now.getTime() - (dueAt?.getTime() ?? now.getTime()))}`
        : `${formatDuration((dueAt?.getTime() ?? now.getTime()) - now.getTime())} left`;
  const title = dueAt ? `Due ${dueAt.toISOString().slice(0, 16).replace("T", " ")} UTC` : "The SLA clock is paused while the ticket waits";
  return (
    <span className={`inline-flex rounded-full px-2 py-0.5 text-xs whitespace-nowrap ${style[state]}`} title={title} data-sla-state={state} suppressHydrationWarning>
      {state === "at_risk" ? "At risk · " : ""}
      {text}
    </span>
  );
}
