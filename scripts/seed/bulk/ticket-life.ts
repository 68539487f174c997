/**
 * Plays one bulk-seeded ticket from creation to where it stands now and
 * returns its rows: the ticket, its thread, its events, its SLA clocks and
 * maybe a rating. Pure apart from the random source, so the same seed and
 * cast build the same data. The shape follows scripts/seed/demo-history.ts
 * (realistic waits per priority, squeezed into the time that has passed),
 * with reopens, ratings and SLA clocks added.
 */
import type { TicketChannel, TicketPriority, TicketStatus } from "@/db/schema";
import type { DemoConversation } from "../demo-conversations";
import { turnsFor } from "../demo-history";
import type { Random } from "../random";
import type { BulkCast, CastTeam } from "./bulk-cast";
import { ClockSet } from "./sla-simulation";
import { agentReopenReplies, customerGreetings, customerSignOffs, extraInternalNotes, ratingComments, reopenMessages, thankYouMessages } from "./texts";

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
export const AUTO_CLOSE_DAYS = 4;

export type Cell = string | number | boolean | null | string[];
export type Row = Cell[];

/** Column lists, in the order the rows below hold them. */
export const bulkColumns = {
  tickets: [
    "id", "number", "subject", "status", "priority", "channel", "category_id", "requester_id", "organization_id", "team_id", "assignee_id", "tags", "version",
    "created_at", "updated_at", "first_response_at", "solved_at", "closed_at", "sla_due_at", "sla_at_risk_at", "sla_paused_at",
  ],
  messages: ["ticket_id", "author_id", "kind", "body", "created_at"],
  ticket_events: ["ticket_id", "actor_id", "field", "from_value", "to_value", "detail", "created_at"],
  ticket_slas: ["ticket_id", "metric", "policy_id", "target_minutes", "elapsed_minutes", "running_since", "due_at", "at_risk_at", "completed_at", "met", "breached_at", "breach_notified_at"],
  satisfaction_ratings: ["ticket_id", "score", "comment", "assignee_id", "rated_at"],
} as const;
export type BulkTable = keyof typeof bulkColumns;
export const bulkTables = Object.keys(bulkColumns) as BulkTable[];

export type BulkRows = Record<BulkTable, Row[]>;

// How long the first answer takes, in hours, by priority (min, max).
const firstResponseHours: Record<TicketPriority, [number, number]> = { urgent: [0.1, 2], high: [0.3, 8], normal: [0.5, 24], low: [1, 48] };
const priorityWeights: Record<TicketPriority, number> = { low: 14, normal: 62, high: 18, urgent: 6 };
const channelWeights: Record<TicketChannel, number> = { web: 60, email: 32, api: 8 };

/** Where a ticket of this age stands; the status it ends in may move on to closed once the auto-close time has passed. */
function pickStatus(random: Random, ageDays: number): TicketStatus {
  if (ageDays < 2) return random.weighted({ new: 35, open: 30, pending: 15, on_hold: 5, solved: 15 });
  if (ageDays < 7) return random.weighted({ new: 3, open: 20, pending: 20, on_hold: 7, solved: 50 });
  if (ageDays < 14) return random.weighted({ open: 6, pending: 6, on_hold: 3, solved: 85 });
  return random.weighted({ open: 5, pending: 4, on_hold: 3, solved: 988 });
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function playBulkTicket(cast: BulkCast, random: Random, number: number, createdAt: number, now: number, ticketId: string, out: BulkRows): void {
  const category = cast.categories[cast.pickCategory(random)]!;
  const conversation: DemoConversation = random.pick(category.conversations);
  const requester = cast.customers[cast.pickCustomer(random)]!;
  const priority = random.weighted(priorityWeights);
  const channel = random.weighted(channelWeights);
  const team: CastTeam = cast.routeTeam(random, category.team);
  const ageDays = (now - createdAt) / DAY;
  const target = pickStatus(random, ageDays);
  const unassigned = target === "new" || (target === "open" && ageDays < 7 && random.chance(0.3));
  const agentId = random.pick(team.agentIds);
  const assigneeId = unassigned ? null : agentId;
  const solving = target === "solved";
  const reopens = solving && random.chance(0.07);
  const turns = conversation.turns.slice(0, turnsFor(target, !unassigned, conversation.turns.length, random));
  const [minHours, maxHours] = firstResponseHours[priority];
  const policy = cast.policies.get(priority);
  const clocks = new ClockSet(
    team.timeline,
    [
      { metric: "first_response", minutes: policy?.firstResponseMinutes ?? null },
      { metric: "resolution", minutes: policy?.resolutionMinutes ?? null },
    ],
    createdAt,
  );

  // Waits between steps, squeezed into the time that has passed.
  const assignWait = team.autoAssigns ? 0 : random.logUniform(0.05, Math.max(0.1, minHours)) * HOUR;
  const waits = turns.map((_, i) => (i === 0 ? random.logUniform(minHours, maxHours) : random.logUniform(0.3, i % 2 === 1 ? 30 : 10)) * HOUR);
  const solveWait = random.logUniform(0.1, 3) * HOUR;
  const reopenWaits = reopens ? [random.logUniform(4, 72) * HOUR, random.logUniform(0.3, 8) * HOUR, random.logUniform(0.1, 4) * HOUR] : [];
  const planned = assignWait + waits.reduce((a, b) => a + b, 0) + (solving ? solveWait : 0) + reopenWaits.reduce((a, b) => a + b, 0);
  const room = Math.max(MINUTE, (now - createdAt) * 0.9);
  const scale = planned > room ? room / planned : 1;
  let clock = createdAt;
  const step = (ms: number) => Math.round((clock += ms * scale));

  const firstName = requester.firstName;
  const events: { actor: string | null; field: string; from: string | null; to: string | null; detail: string | null; at: number }[] = [];
  const event = (actor: string | null, field: string, from: string | null, to: string | null, at: number, detail: string | null = null) =>
    events.push({ actor, field, from, to, detail, at });
  const message = (authorId: string | null, kind: "public" | "internal", body: string, at: number) =>
    out.messages.push([ticketId, authorId, kind, body, iso(at)]);
  let status = "new" as TicketStatus;
  const move = (to: TicketStatus, actor: string | null, at: number) => {
    if (to === status) return;
    event(actor, "status", status, to, at);
    status = to;
  };

  // As createTicket writes them: created, the category's defaults, the SLA policy.
  message(requester.id, "public", random.pick(customerGreetings) + conversation.opening + signOff(random, requester), createdAt);
  event(requester.id, "created", null, "new", createdAt);
  event(null, "priority", null, priority, createdAt);
  event(null, "team", null, team.id, createdAt);
  if (policy) event(null, "sla_policy", null, policy.name, createdAt);

  if (assigneeId) {
    const at = step(assignWait);
    if (team.autoAssigns) event(null, "assignee", null, assigneeId, at, team.assignReason);
    else event(assigneeId, "assignee", null, assigneeId, at);
  }

  let firstResponseAt: number | null = null;
  turns.forEach((turn, i) => {
    const at = step(waits[i] ?? 0);
    if (i % 2 === 0) {
      message(agentId, "public", turn.replaceAll("{{customer}}", firstName), at);
      // As addReply writes them: the status change, then the first response.
      move(i === turns.length - 1 && target === "on_hold" ? "on_hold" : "pending", agentId, at);
      if (firstResponseAt === null) {
        firstResponseAt = at;
        event(agentId, "first_response", null, iso(at), at);
        clocks.complete("first_response", at);
      }
      clocks.pause(at);
      if (i === 0 && random.chance(0.45)) message(agentId, "internal", conversation.internalNote, at + MINUTE);
      else if (random.chance(0.08)) message(agentId, "internal", random.pick(extraInternalNotes), at + 2 * MINUTE);
    } else {
      message(requester.id, "public", turn + signOff(random, requester), at);
      move("open", requester.id, at);
      clocks.resume(at);
    }
  });
  if (target === "open" && status === "new" && assigneeId) {
    move("open", assigneeId, clock);
  }

  let solvedAt: number | null = null;
  let closedAt: number | null = null;
  if (solving) {
    // Where the agent spoke last, some requesters say thanks before the agent solves (a reply after solving would reopen).
    if (turns.length % 2 === 1 && random.chance(0.4)) {
      const at = step(solveWait / 2);
      message(requester.id, "public", random.pick(thankYouMessages) + signOff(random, requester), at);
      move("open", requester.id, at);
      clocks.resume(at);
    }
    solvedAt = step(solveWait);
    move("solved", assigneeId, solvedAt);
    clocks.complete("first_response", solvedAt);
    clocks.complete("resolution", solvedAt);
    if (reopens) {
      // The requester writes back before the ticket closes; the agent answers and solves it again.
      // At most 72 hours after solving, so before the auto-close.
      const reopenedAt = step(reopenWaits[0] ?? 0);
      message(requester.id, "public", random.pick(reopenMessages) + signOff(random, requester), reopenedAt);
      move("open", requester.id, reopenedAt);
      clocks.reopen(reopenedAt);
      const answeredAt = step(reopenWaits[1] ?? 0);
      message(agentId, "public", random.pick(agentReopenReplies).replaceAll("{{customer}}", firstName), answeredAt);
      move("pending", agentId, answeredAt);
      clocks.pause(answeredAt);
      solvedAt = step(reopenWaits[2] ?? 0);
      move("solved", assigneeId, solvedAt);
      clocks.complete("resolution", solvedAt);
    }
    const closeAt = solvedAt + AUTO_CLOSE_DAYS * DAY;
    if (closeAt < now) {
      closedAt = closeAt;
      move("closed", null, closedAt);
    }
  }

  // Clocks past due were reported by the breach job when they breached.
  for (const c of clocks.clocks) {
    const breachedAt = c.breachedAt ?? (c.runningSince !== null && c.dueAt !== null && c.dueAt <= now ? c.dueAt : null);
    c.breachedAt = breachedAt;
    if (breachedAt !== null) event(null, "sla_breached", null, c.metric, breachedAt);
    out.ticket_slas.push([
      ticketId, c.metric, policy?.id ?? null, c.targetMinutes, c.elapsedMinutes, iso(c.runningSince), iso(c.dueAt), iso(c.atRiskAt), iso(c.completedAt), c.met, iso(breachedAt), iso(breachedAt),
    ]);
  }

  if (solvedAt !== null && assigneeId && random.chance(0.25)) {
    const good = random.chance(0.85);
    const ratedAt = solvedAt + Math.min(random.logUniform(0.05, 72) * HOUR, Math.max(1000, (now - solvedAt) / 2));
    const comment = random.chance(0.4) ? random.pick(good ? ratingComments.good : ratingComments.bad) : null;
    out.satisfaction_ratings.push([ticketId, good ? "good" : "bad", comment, assigneeId, iso(ratedAt)]);
    // As recordRating writes it; a rating is not an edit, so it leaves updated_at alone.
    event(requester.id, "satisfaction", null, good ? "good" : "bad", ratedAt);
  }

  // The timeline reads events in id order: write them in time order.
  events.sort((a, b) => a.at - b.at);
  let updatedAt = createdAt;
  for (const e of events) {
    out.ticket_events.push([ticketId, e.actor, e.field, e.from, e.to, e.detail, iso(e.at)]);
    if (e.field !== "sla_breached" && e.field !== "satisfaction" && e.at > updatedAt) updatedAt = e.at;
  }
  const summary = status === "solved" || status === "closed" ? { slaDueAt: null, slaAtRiskAt: null, slaPausedAt: null } : clocks.summary();
  const tags = category.tags.filter(() => random.chance(0.2)).slice(0, 2);
  out.tickets.push([
    ticketId, number, conversation.subject, status, priority, channel, category.id, requester.id, requester.organizationId, team.id, assigneeId, tags,
    1 + events.length, iso(createdAt), iso(updatedAt), iso(firstResponseAt), iso(solvedAt), iso(closedAt),
    iso(summary.slaDueAt), iso(summary.slaAtRiskAt), iso(summary.slaPausedAt),
  ]);
}

function signOff(random: Random, requester: { firstName: string; lastName: string }): string {
  return random.pick(customerSignOffs).replace("{first}", requester.firstName).replace("{last}", requester.lastName);
}
