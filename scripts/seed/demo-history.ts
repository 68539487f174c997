import type { MessageKind, TicketPriority, TicketStatus } from "@/db/schema";
import type { DemoConversation } from "./demo-conversations";
import type { Random } from "./random";

/**
 * Plays one demo ticket's life forward from its creation: who answered when,
 * how its status moved, when it was solved and closed. The timestamps follow
 * realistic waits per priority, so reports over the demo data mean something.
 */
export interface HistoryInput {
  createdAt: Date;
  now: Date;
  status: TicketStatus;
  priority: TicketPriority;
  conversation: DemoConversation;
  customerFirstName: string;
  requesterId: string;
  /** The agent who answers the ticket. */
  agentId: string;
  /** False leaves the ticket unassigned (new tickets always are). */
  assigned: boolean;
  autoCloseDays: number;
}

export interface HistoryMessage {
  kind: MessageKind;
  authorId: string | null;
  body: string;
  at: Date;
}

export interface HistoryEvent {
  actorId: string | null;
  field: string;
  from: string | null;
  to: string | null;
  at: Date;
}

export interface TicketHistory {
  messages: HistoryMessage[];
  events: HistoryEvent[];
  status: TicketStatus;
  assigneeId: string | null;
  firstResponseAt: Date | null;
  solvedAt: Date | null;
  closedAt: Date | null;
  updatedAt: Date;
}

const HOUR = 3_600_000;

// How long the first answer takes, in hours, by priority (min, max).
const firstResponseHours: Record<TicketPriority, [number, number]> = {
  urgent: [0.1, 2],
  high: [0.3, 8],
  normal: [0.5, 24],
  low: [1, 48],
};

/** How many follow-up turns to play out so that the thread ends the way the status says. */
export function turnsFor(status: TicketStatus, assigned: boolean, available: number, random: Random): number {
  switch (status) {
    case "new":
      return 0;
    case "open":
      // Waiting on the agent: no answer yet, or the customer spoke last.
      return assigned && available >= 2 && random.chance(0.6) ? 2 : 0;
    case "pending":
    case "on_hold":
      return available >= 3 && random.chance(0.4) ? 3 : 1;
    case "solved":
    case "closed":
      return available;
  }
}

export function playTicketHistory(input: HistoryInput, random: Random): TicketHistory {
  const { createdAt, now, requesterId, agentId, priority } = input;
  const turns = input.conversation.turns.slice(0, turnsFor(input.status, input.assigned, input.conversation.turns.length, random));
  const [minHours, maxHours] = firstResponseHours[priority];

  // Waits between steps, in ms, squeezed into the time that has passed.
  const assignWait = random.logUniform(0.05, Math.max(0.1, minHours)) * HOUR;
  const waits = turns.map((_, i) =>
    i === 0 ? random.logUniform(minHours, maxHours) * HOUR : random.logUniform(0.3, i % 2 === 1 ? 30 : 10) * HOUR,
  );
  const solveWait = random.logUniform(0.1, 3) * HOUR;
  const planned = assignWait + waits.reduce((a, b) => a + b, 0) + (input.status === "solved" || input.status === "closed" ? solveWait : 0);
  const room = Math.max(60_000, (now.getTime() - createdAt.getTime()) * 0.9);
  const scale = planned > room ? room / planned : 1;
  let clock = createdAt.getTime();
  const step = (ms: number) => new Date((clock += ms * scale));

  const messages: HistoryMessage[] = [{ kind: "public", authorId: requesterId, body: input.conversation.opening, at: createdAt }];
  const events: HistoryEvent[] = [{ actorId: requesterId, field: "created", from: null, to: "new", at: createdAt }];
  let status: TicketStatus = "new";
  const move = (to: TicketStatus, actorId: string | null, at: Date) => {
    if (to === status) return;
    events.push({ actorId, field: "status", from: status, to, at });
    status = to;
  };

  const assigneeId = input.status === "new" || !input.assigned ? null : agentId;
  if (assigneeId) events.push({ actorId: assigneeId, field: "assignee", from: null, to: assigneeId, at: step(assignWait) });

  let firstResponseAt: Date | null = null;
  turns.forEach((turn, i) => {
    const at = step(waits[i] ?? 0);
    const fromAgent = i % 2 === 0;
    if (fromAgent) {
      const author = agentId;
      messages.push({ kind: "public", authorId: author, body: turn.replaceAll("{{customer}}", input.customerFirstName), at });
      firstResponseAt ??= at;
      const last = i === turns.length - 1;
      move(last && input.status === "on_hold" ? "on_hold" : "pending", author, at);
      if (i === 0 && random.chance(0.45)) {
        messages.push({ kind: "internal", authorId: author, body: input.conversation.internalNote, at: new Date(at.getTime() + 60_000) });
      }
    } else {
      messages.push({ kind: "public", authorId: requesterId, body: turn, at });
      move("open", requesterId, at);
    }
  });
  if (input.status === "open" && status === "new" && assigneeId) move("open", assigneeId, new Date(clock));

  let solvedAt: Date | null = null;
  let closedAt: Date | null = null;
  if (input.status === "solved" || input.status === "closed") {
    solvedAt = step(solveWait);
    move("solved", assigneeId, solvedAt);
    const closeAt = new Date(solvedAt.getTime() + input.autoCloseDays * 24 * HOUR);
    if (input.status === "closed" && closeAt < now) {
      closedAt = closeAt;
      move("closed", null, closedAt);
    }
  }

  const lastActivity = Math.max(...messages.map((m) => m.at.getTime()), ...events.map((e) => e.at.getTime()));
  return { messages, events, status, assigneeId, firstResponseAt, solvedAt, closedAt, updatedAt: new Date(lastActivity) };
}
