import type { WebhookDeliveryStatus, WebhookEventType } from "@/lib/vocabularies";

/**
 * Words and badges for webhooks, shared by the list, the detail page and the
 * form (no client-only code, so server and client components both use them).
 */

export const webhookEventLabels: Record<WebhookEventType, { label: string; hint: string }> = {
  "ticket.created": { label: "Ticket created", hint: "From any channel: portal, email, desk or API." },
  "ticket.updated": { label: "Ticket updated", hint: "Status, priority, category, team, assignee or tags, with the fields that changed." },
  "ticket.merged": { label: "Tickets merged", hint: "A ticket was merged into another." },
  "ticket.solved": { label: "Ticket solved", hint: "A ticket became solved, by an agent, the requester or a rule." },
  "message.created": { label: "Message added", hint: "Public replies; internal notes only if allowed below." },
  "satisfaction.rated": { label: "Satisfaction rated", hint: "A requester rated a solved ticket good or bad." },
};

export const deliveryStatusLabels: Record<WebhookDeliveryStatus, string> = {
  pending: "Waiting",
  delivering: "Sending",
  succeeded: "Delivered",
  failed: "Failed",
};

const deliveryStyles: Record<WebhookDeliveryStatus, string> = {
  pending: "bg-warning-soft text-warning",
  delivering: "bg-warning-soft text-warning",
  succeeded: "bg-success-soft text-success",
  failed: "bg-danger-soft text-danger",
};

const badge = "inline-flex rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap";

export function DeliveryStatusBadge({ status }: { status: WebhookDeliveryStatus }) {
  return <span className={`${badge} ${deliveryStyles[status]}`}>{deliveryStatusLabels[status]}</span>;
}

/** How an endpoint stands: on, on but failing, switched off by an admin, or switched off after failing for a day. */
export function EndpointStatusBadge({ endpoint }: { endpoint: { enabled: boolean; disabledReason: string | null; failingSince: Date | null } }) {
  if (endpoint.enabled) {
    return endpoint.failingSince ? <span className={`${badge} bg-warning-soft text-warning`}>On · failing</span> : <span className={`${badge} bg-success-soft text-success`}>On</span>;
  }
  return endpoint.disabledReason ? (
    <span className={`${badge} bg-danger-soft text-danger`}>Off after failures</span>
  ) : (
    <span className={`${badge} bg-surface-muted text-muted`}>Switched off</span>
  );
}

/** The events an endpoint hears, as the codes integrators look for. */
export function EventList({ events }: { events: readonly string[] }) {
  return (
    <ul aria-label="Events" className="flex flex-wrap gap-1.5">
      {events.map((event) => (
        <li key={event} className="rounded border border-border bg-surface-muted px-1.5 py-0.5 font-mono text-xs">
          {event}
        </li>
      ))}
    </ul>
  );
}
