import type { OutboxStatus } from "@/db/schema/email";

const styles: Record<OutboxStatus, string> = {
  pending: "bg-warning-soft text-warning",
  sending: "bg-warning-soft text-warning",
  sent: "bg-success-soft text-success",
  delivered: "bg-success-soft text-success",
  bounced: "bg-danger-soft text-danger",
  failed: "bg-danger-soft text-danger",
  stored: "bg-surface-muted text-muted",
};

/** What happened to an email, as the admin mailbox lists and filters it. */
export const outboxStatusLabels: Record<OutboxStatus, string> = {
  pending: "Waiting to send",
  sending: "Sending",
  sent: "Sent",
  delivered: "Delivered",
  bounced: "Bounced",
  failed: "Failed",
  stored: "Not sent: email is not configured",
};

/**
 * What happened to a public reply's email, in the words an agent asks it in:
 * did the customer get it? "Sent" is as far as we know until the provider
 * reports delivery or a bounce (Resend's webhook events).
 */
export const replyDeliveryLabels: Record<OutboxStatus, string> = {
  pending: "Sending to the customer",
  sending: "Sending to the customer",
  sent: "Sent to the customer",
  delivered: "Delivered",
  bounced: "Bounced",
  failed: "Not sent: sending failed",
  stored: "Not sent: email is not configured",
};

const replyDeliveryHints: Partial<Record<OutboxStatus, string>> = {
  sent: "The email provider accepted it; delivery is not confirmed yet.",
  delivered: "The customer's mail server accepted the email.",
  bounced: "The customer's mail server refused the email: check their address.",
  failed: "Every attempt to send it failed; an admin can resend it from the mailbox.",
  stored: "No email provider is set up (RESEND_API_KEY), so it is kept in the admin mailbox only.",
};

const badge = "inline-flex rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap";

export function OutboxStatusBadge({ status }: { status: OutboxStatus }) {
  return <span className={`${badge} ${styles[status]}`}>{outboxStatusLabels[status]}</span>;
}

/** A public reply's delivery, shown beside it in the thread (no "Email:" prefix needed: the words say it). */
export function ReplyDeliveryBadge({ status }: { status: OutboxStatus }) {
  return (
    <span className={`${badge} ${styles[status]}`} title={replyDeliveryHints[status]} data-delivery={status}>
      {replyDeliveryLabels[status]}
    </span>
  );
}
