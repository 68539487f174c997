import type { TicketStatus } from "@/lib/vocabularies";

export { unsolvedStatuses } from "@/lib/vocabularies";

/**
 * The ticket lifecycle: new → open → pending | on_hold → solved → closed.
 * This module is the only place that says which status may follow which;
 * the server enforces it and the UI asks it which choices to offer.
 */
const agentTransitions: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ["open", "pending", "on_hold", "solved"],
  open: ["pending", "on_hold", "solved"],
  pending: ["open", "on_hold", "solved"],
  on_hold: ["open", "pending", "solved"],
  // Closing is the auto-close job's work (or a merge); agents reopen or leave it.
  solved: ["open"],
  closed: [],
};

/** What the system itself may do: everything an agent may, plus closing. */
const systemTransitions: Record<TicketStatus, readonly TicketStatus[]> = {
  ...agentTransitions,
  new: [...agentTransitions.new, "closed"],
  open: [...agentTransitions.open, "closed"],
  pending: [...agentTransitions.pending, "closed"],
  on_hold: [...agentTransitions.on_hold, "closed"],
  solved: [...agentTransitions.solved, "closed"],
};

/** Requesters may only mark their own unsolved ticket solved; replies reopen it. */
const requesterTransitions: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ["solved"],
  open: ["solved"],
  pending: ["solved"],
  on_hold: ["solved"],
  solved: [],
  closed: [],
};

export type StatusActor = "agent" | "requester" | "system";

const tables: Record<StatusActor, Record<TicketStatus, readonly TicketStatus[]>> = {
  agent: agentTransitions,
  requester: requesterTransitions,
  system: systemTransitions,
};

export function canTransition(from: TicketStatus, to: TicketStatus, actor: StatusActor = "agent"): boolean {
  return tables[actor][from].includes(to);
}

/** The statuses the actor may move a ticket to from `from` (not including staying put). */
export function nextStatuses(from: TicketStatus, actor: StatusActor = "agent"): readonly TicketStatus[] {
  return tables[actor][from];
}

/** The status a public reply moves a ticket to, if any. */
export function statusAfterReply(from: TicketStatus, by: "agent" | "requester"): TicketStatus | null {
  if (by === "agent") return from === "new" ? "open" : null;
  return from === "pending" || from === "solved" ? "open" : null;
}

/** Solved and closed timestamps that go with entering a status. */
export function resolutionTimestamps(from: TicketStatus, to: TicketStatus, at: Date): { solvedAt?: Date | null; closedAt?: Date | null } {
  if (to === "solved") return { solvedAt: at };
  if (to === "closed") return from === "solved" ? { closedAt: at } : { solvedAt: at, closedAt: at };
  if (from === "solved") return { solvedAt: null };
  return {};
}
