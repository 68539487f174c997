import type { TicketDetail } from "@/server/tickets/ticket-detail";
import { slaStateLabels, stateOf, type SlaState } from "@/lib/sla-state";
import { formatDuration } from "../sla-time";

type Clock = TicketDetail["sla"][number];

const names = { first_response: "First response", resolution: "Resolution" } as const;
const absolute = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

const stateStyle: Record<SlaState, string> = {
  met: "bg-success-soft text-success",
  missed: "bg-danger-soft text-danger",
  overdue: "bg-danger-soft text-danger",
  overdue_paused: "bg-danger-soft text-danger",
  paused: "bg-surface-muted text-muted",
  at_risk: "bg-warning-soft text-warning",
  on_track: "bg-surface-muted text-fg",
};

/** The line under a clock's state: when it finished, when it is due, or what a pause kept. */
function clockDetail(clock: Clock, now: Date): string {
  const target = formatDuration(clock.targetMinutes * 60_000);
  if (clock.completedAt) return `${clock.met ? "Done" : "Done late"} ${absolute.format(clock.completedAt)} UTC · target ${target}`;
  if (clock.dueAt) {
    const distance = formatDuration(Math.abs(clock.dueAt.getTime() - now.getTime()));
    return `Due ${absolute.format(clock.dueAt)} UTC (${clock.dueAt > now ? `${distance} left` : `${distance} overdue`})`;
  }
  const left = clock.targetMinutes - clock.elapsedMinutes;
  if (left > 0 && !clock.breachedAt) return `Paused with ${formatDuration(left * 60_000)} of business time left`;
  return `Paused, ${formatDuration(Math.max(0, -left) * 60_000)} of business time past the target`;
}

/** The ticket's SLA targets: state, due time and what is left, in business time. */
export function SlaPanel({ clocks, now = new Date() }: { clocks: Clock[]; now?: Date }) {
  if (clocks.length === 0) return null;
  const policy = clocks.find((c) => c.policyName)?.policyName;
  return (
    <section className="rounded-lg border border-border bg-surface p-4" aria-labelledby="sla-heading">
      <h2 id="sla-heading" className="text-sm font-semibold">
        SLA
      </h2>
      {policy ? <p className="mb-2 text-xs text-muted">Policy: {policy}</p> : null}
      <dl className="space-y-2 text-sm">
        {clocks.map((clock) => {
          const state = stateOf(clock, now);
          return (
            <div key={clock.metric} data-sla-metric={clock.metric}>
              <dt className="flex items-center justify-between gap-2">
                <span>{names[clock.metric]}</span>
                <span className={`rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ${stateStyle[state]}`} data-sla-state={state}>
                  {slaStateLabels[state]}
                </span>
              </dt>
              <dd className="text-xs text-muted" suppressHydrationWarning>
                {clockDetail(clock, now)}
              </dd>
            </div>
          );
        })}
      </dl>
    </section>
  );
}
