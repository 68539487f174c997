import type { DeskView, TicketSort } from "@/lib/vocabularies";

export const deskViewLabels: Record<DeskView, string> = {
  mine: "My open tickets",
  unassigned: "Unassigned",
  open: "All open",
  sla_at_risk: "SLA at risk",
  pending: "Pending",
  on_hold: "On hold",
  solved: "Recently solved",
  team: "Team",
};

export const sortLabels: Record<TicketSort, string> = {
  updated_desc: "Recently updated",
  updated_asc: "Least recently updated",
  created_desc: "Newest",
  created_asc: "Oldest",
  priority_desc: "Priority",
  due_asc: "SLA due soonest",
};
