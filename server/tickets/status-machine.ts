import type { TicketStatus } from "@/db/schema";

/**
 * The ticket lifecycle: new → open → pending | on_hold → solved → closed.
 * This table is the only place that says which status may follow which; the
 * server enforces it and the UI asks it which choices to offer.
 */
const allowedNext: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ["open", "pending", "on_hold", "solved"],
  open: ["pending", "on_hold", "solved"],
  pending: ["open", "on_hold", "solved"],
  on_hold: ["open", "pending", "solved"],
  solved: ["open", "closed"],
  closed: [],
};

export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return allowedNext[from].includes(to);
}

export function nextStatuses(from: TicketStatus): readonly TicketStatus[] {
  return allowedNext[from];
}

export { unsolvedStatuses } from "@/db/schema";
