import type { OutboxStatus } from "@/db/schema/email";

const styles: Record<OutboxStatus, string> = {
  pending: "bg-warning-soft text-warning",
  sending: "bg-warning-soft text-warning",
  sent: "bg-success-soft text-success",
  failed: "bg-danger-soft text-danger",
  stored: "bg-surface-muted text-muted",
};

export const outboxStatusLabels: Record<OutboxStatus, string> = {
  pending: "Waiting to send",
  sending: "Sending",
  sent: "Sent",
  failed: "Failed",
  stored: "Kept locally",
};

export function OutboxStatusBadge({ status }: { status: OutboxStatus }) {
  return <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ${styles[status]}`}>{outboxStatusLabels[status]}</span>;
}
