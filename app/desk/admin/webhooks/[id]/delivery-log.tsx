import type { Route } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { RelativeTime } from "@/components/relative-time";
import { PageLinks } from "@/components/ticket-table";
import { webhookDeliveryStatuses, type WebhookDeliveryStatus } from "@/lib/vocabularies";
import type { WebhookDeliverySummary } from "@/server/webhooks/delivery-log";
import { deliveryStatusLabels, DeliveryStatusBadge } from "../webhook-labels";
import { RedeliverButton } from "./redeliver-button";
import { RefreshWhilePending } from "./refresh-while-pending";

/** One endpoint's deliveries, newest first: filter by status, page with Older/Newest, expand a row for the answer. */
export function DeliveryLog({
  endpointId,
  enabled,
  status,
  cursor,
  page,
}: {
  endpointId: string;
  enabled: boolean;
  status: WebhookDeliveryStatus | undefined;
  cursor: string | undefined;
  page: { items: WebhookDeliverySummary[]; nextCursor: string | null };
}) {
  const path = `/desk/admin/webhooks/${endpointId}`;
  const base = `${path}?${status ? `status=${status}&` : ""}`;
  const waiting = !cursor && page.items.some((d) => d.status === "pending" || d.status === "delivering");

  return (
    <div className="space-y-4">
      <nav aria-label="Filter deliveries by status" className="flex flex-wrap gap-2 text-sm">
        {[undefined, ...webhookDeliveryStatuses].map((s) => (
          <Link
            key={s ?? "all"}
            href={(s ? `${path}?status=${s}` : path) as Route}
            aria-current={s === status ? "page" : undefined}
            scroll={false}
            className={`rounded-full border px-3 py-1 ${s === status ? "border-accent bg-accent-soft text-accent" : "border-border hover:bg-surface-muted"}`}
          >
            {s ? deliveryStatusLabels[s] : "All"}
          </Link>
        ))}
      </nav>
      {!enabled ? <p className="text-sm text-muted">This endpoint is switched off: switch it on to send test events or redeliver.</p> : null}
      <RefreshWhilePending active={waiting} />
      {page.items.length === 0 ? (
        cursor ? (
          <EmptyState title="No older deliveries">Go back to the newest ones.</EmptyState>
        ) : status ? (
          <EmptyState title={`No deliveries are ${deliveryStatusLabels[status].toLowerCase()}`}>Show all deliveries to see the others.</EmptyState>
        ) : (
          <EmptyState title="No deliveries yet">
            Deliveries appear here as soon as a subscribed event happens. Send a test event to check that the receiver answers.
          </EmptyState>
        )
      ) : (
        <ul aria-label="Deliveries" className="divide-y divide-border rounded-lg border border-border">
          {page.items.map((delivery) => (
            <DeliveryRow key={delivery.id} delivery={delivery} endpointEnabled={enabled} />
          ))}
        </ul>
      )}
      <PageLinks firstHref={cursor ? ((status ? `${path}?status=${status}` : path) as Route) : null} nextHref={page.nextCursor ? (`${base}cursor=${page.nextCursor}` as Route) : null} />
    </div>
  );
}

/** What the row's button does: send a finished delivery again, or retry a waiting one now; nothing while it is first in line or being sent. */
function redeliverLabel(delivery: WebhookDeliverySummary): string | null {
  if (delivery.status === "succeeded" || delivery.status === "failed") return "Redeliver";
  if (delivery.status === "pending" && delivery.attempts > 0) return "Retry now";
  return null;
}

function DeliveryRow({ delivery, endpointEnabled }: { delivery: WebhookDeliverySummary; endpointEnabled: boolean }) {
  const action = endpointEnabled ? redeliverLabel(delivery) : null;
  const facts = [
    `${delivery.attempts} attempt${delivery.attempts === 1 ? "" : "s"}`,
    delivery.responseStatus !== null ? `HTTP ${delivery.responseStatus}` : null,
    delivery.durationMs !== null ? `${delivery.durationMs.toLocaleString("en")} ms` : null,
  ].filter(Boolean);
  const answer = [delivery.lastError, delivery.responseBodyHead].filter(Boolean).join("\n\n");

  return (
    <li className="space-y-2 px-3 py-3 sm:px-4">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0 space-y-1">
          <p className="flex flex-wrap items-center gap-2 text-sm">
            <DeliveryStatusBadge status={delivery.status} />
            <code className="font-mono text-xs font-medium">{delivery.eventType}</code>
            {delivery.ticketNumber !== null ? (
              <Link href={`/desk/tickets/${delivery.ticketNumber}` as Route} className="text-accent hover:underline">
                #{delivery.ticketNumber}
              </Link>
            ) : null}
          </p>
          <p className="text-xs text-muted">
            <RelativeTime date={delivery.createdAt} /> · {facts.join(" · ")}
            {delivery.status === "pending" ? (
              <>
                {" "}
                · next attempt <RelativeTime date={delivery.nextAttemptAt} />
              </>
            ) : null}
            {delivery.deliveredAt ? (
              <>
                {" "}
                · delivered <RelativeTime date={delivery.deliveredAt} />
              </>
            ) : null}
          </p>
        </div>
        {action ? <RedeliverButton id={delivery.id} text={action} label={`${action}: ${delivery.eventType} ${delivery.messageId}`} /> : null}
      </div>
      <details className="text-xs">
        <summary className="cursor-pointer text-accent">Details{answer ? " and response" : ""}</summary>
        <dl className="mt-2 grid gap-x-3 gap-y-1 sm:grid-cols-[9rem_minmax(0,1fr)]">
          <dt className="text-muted">webhook-id</dt>
          <dd className="font-mono break-all">{delivery.messageId}</dd>
          {delivery.lastAttemptAt ? (
            <>
              <dt className="text-muted">Last attempt</dt>
              <dd>
                <RelativeTime date={delivery.lastAttemptAt} />
              </dd>
            </>
          ) : null}
        </dl>
        {answer ? (
          <pre className="mt-2 max-h-64 overflow-auto rounded-md border border-border bg-surface-muted p-2 font-mono whitespace-pre-wrap break-words">{answer}</pre>
        ) : (
          <p className="mt-2 text-muted">No answer yet.</p>
        )}
      </details>
    </li>
  );
}
