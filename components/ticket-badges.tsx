import type { TicketPriority, TicketStatus } from "@/lib/vocabularies";

const statusStyle: Record<TicketStatus, string> = {
  new: "bg-accent-soft text-accent",
  open: "bg-danger-soft text-danger",
  pending: "bg-warning-soft text-warning",
  on_hold: "bg-surface-muted text-muted",
  solved: "bg-success-soft text-success",
  closed: "bg-surface-muted text-muted",
};

export const statusLabels: Record<TicketStatus, string> = {
  new: "New",
  open: "Open",
  pending: "Pending",
  on_hold: "On hold",
  solved: "Solved",
  closed: "Closed",
};

const priorityStyle: Record<TicketPriority, string> = {
  low: "text-muted",
  normal: "text-fg",
  high: "text-warning font-semibold",
  urgent: "text-danger font-semibold",
};

export const priorityLabels: Record<TicketPriority, string> = { low: "Low", normal: "Normal", high: "High", urgent: "Urgent" };

export function StatusBadge({ status }: { status: TicketStatus }) {
  return (
    <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ${statusStyle[status]}`}>
      {statusLabels[status]}
    </span>
  );
}

export function PriorityLabel({ priority }: { priority: TicketPriority }) {
  return <span className={`text-xs whitespace-nowrap ${priorityStyle[priority]}`}>{priorityLabels[priority]}</span>;
}
