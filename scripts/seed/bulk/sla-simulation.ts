/**
 * SLA clocks played along a seeded ticket's life, with the rules of
 * server/sla/sla-clock.ts and server/sla/ticket-sla.ts: a clock starts at
 * creation, pauses while the ticket is pending or on hold (the demo policies
 * pause on both), stops for good at the first public agent reply (first
 * response) or when the ticket is solved (both), and a reopened ticket's
 * resolution clock runs again with the time it had used. Minutes are
 * business minutes of the ticket's calendar, so `met` means what the SLA
 * report means by it.
 */
import type { SlaMetric } from "@/db/schema";
import { AT_RISK_SHARE } from "@/server/sla/sla-clock";
import type { BusinessTimeline } from "./business-timeline";

export interface SeedClock {
  metric: SlaMetric;
  targetMinutes: number;
  elapsedMinutes: number;
  runningSince: number | null;
  dueAt: number | null;
  atRiskAt: number | null;
  completedAt: number | null;
  met: boolean | null;
  breachedAt: number | null;
}

export class ClockSet {
  readonly clocks: SeedClock[];
  /** Since when every unfinished clock has been paused; null while one runs. */
  pausedSince: number | null = null;

  constructor(
    private readonly timeline: BusinessTimeline,
    targets: { metric: SlaMetric; minutes: number | null }[],
    createdAt: number,
  ) {
    this.clocks = targets.flatMap(({ metric, minutes }) =>
      minutes
        ? [this.schedule({ metric, targetMinutes: minutes, elapsedMinutes: 0, runningSince: createdAt, dueAt: null, atRiskAt: null, completedAt: null, met: null, breachedAt: null })]
        : [],
    );
  }

  private schedule(clock: SeedClock): SeedClock {
    if (clock.runningSince === null) return { ...clock, dueAt: null, atRiskAt: null };
    const remaining = clock.targetMinutes - clock.elapsedMinutes;
    const toRisk = clock.targetMinutes * AT_RISK_SHARE - clock.elapsedMinutes;
    clock.dueAt = remaining > 0 ? this.timeline.addMinutes(clock.runningSince, remaining) : (clock.breachedAt ?? clock.runningSince);
    clock.atRiskAt = toRisk > 0 ? this.timeline.addMinutes(clock.runningSince, toRisk) : clock.runningSince;
    return clock;
  }

  private used(clock: SeedClock, at: number): number {
    return clock.elapsedMinutes + (clock.runningSince !== null ? this.timeline.minutesBetween(clock.runningSince, at) : 0);
  }

  private breachOf(clock: SeedClock, at: number): number | null {
    if (clock.breachedAt !== null) return clock.breachedAt;
    if (clock.dueAt !== null && clock.dueAt <= at) return clock.dueAt;
    return null;
  }

  /** The ticket went pending or on hold. */
  pause(at: number): void {
    for (const clock of this.clocks) {
      if (clock.runningSince === null || clock.completedAt !== null) continue;
      clock.breachedAt = this.breachOf(clock, at);
      clock.elapsedMinutes = this.used(clock, at);
      clock.runningSince = null;
      clock.dueAt = null;
      clock.atRiskAt = null;
    }
    if (this.clocks.some((c) => c.completedAt === null)) this.pausedSince ??= at;
  }

  /** The ticket is open again (a requester reply). */
  resume(at: number): void {
    for (const clock of this.clocks) {
      if (clock.runningSince !== null || clock.completedAt !== null) continue;
      clock.runningSince = at;
      this.schedule(clock);
    }
    this.pausedSince = null;
  }

  complete(metric: SlaMetric, at: number): void {
    const clock = this.clocks.find((c) => c.metric === metric);
    if (!clock || clock.completedAt !== null) return;
    const used = this.used(clock, at);
    const met = used <= clock.targetMinutes;
    clock.breachedAt = met ? clock.breachedAt : this.breachOf(clock, at);
    Object.assign(clock, { elapsedMinutes: used, runningSince: null, dueAt: null, atRiskAt: null, completedAt: at, met });
    if (this.clocks.every((c) => c.completedAt !== null)) this.pausedSince = null;
  }

  /** A solved ticket reopened: its resolution clock counts again, from the time it had used. */
  reopen(at: number): void {
    const clock = this.clocks.find((c) => c.metric === "resolution");
    if (!clock || clock.completedAt === null) return;
    Object.assign(clock, { completedAt: null, met: null, runningSince: at });
    this.schedule(clock);
    this.pausedSince = null;
  }

  /** The ticket's denormalized columns: nearest due and at-risk among running clocks, and the pause. */
  summary(): { slaDueAt: number | null; slaAtRiskAt: number | null; slaPausedAt: number | null } {
    let slaDueAt: number | null = null;
    let slaAtRiskAt: number | null = null;
    for (const clock of this.clocks) {
      if (clock.runningSince === null) continue;
      if (clock.dueAt !== null && (slaDueAt === null || clock.dueAt < slaDueAt)) slaDueAt = clock.dueAt;
      if (clock.atRiskAt !== null && (slaAtRiskAt === null || clock.atRiskAt < slaAtRiskAt)) slaAtRiskAt = clock.atRiskAt;
    }
    const running = this.clocks.some((c) => c.runningSince !== null);
    const waiting = this.clocks.some((c) => c.runningSince === null && c.completedAt === null);
    return { slaDueAt, slaAtRiskAt, slaPausedAt: waiting && !running ? this.pausedSince : null };
  }
}
