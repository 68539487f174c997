import type { Metadata, Route } from "next";
import Link from "next/link";
import { AdminPanel, Disclosure } from "@/components/admin/admin-panel";
import { EmptyState } from "@/components/empty-state";
import { RelativeTime } from "@/components/relative-time";
import { requireUser } from "@/server/auth/session";
import { getServerApi } from "@/server/caller";
import { webhookEndpointLimits, type WebhookEndpointView } from "@/server/webhooks/endpoints";
import { EndpointForm } from "./endpoint-form";
import { DeliveryStatusBadge, EndpointStatusBadge, EventList } from "./webhook-labels";

export const metadata: Metadata = { title: "Webhooks · Admin" };

/** Where Frontdesk tells other systems about changes: the endpoints, how each stands, and a form to add one. */
export default async function AdminWebhooksPage() {
  await requireUser("admin");
  const endpoints = await (await getServerApi()).admin.webhooks.list();
  const { urlMaxLength, descriptionMaxLength, maxEndpoints } = webhookEndpointLimits;
  const full = endpoints.length >= maxEndpoints;

  return (
    <div className="space-y-6">
      {full ? (
        <p className="rounded-lg border border-border bg-surface p-4 text-sm text-muted">
          All {maxEndpoints} endpoints are in use. Delete one that is no longer needed to add another.
        </p>
      ) : (
        <Disclosure summary="Add an endpoint">
          <EndpointForm limits={{ urlMaxLength, descriptionMaxLength }} />
        </Disclosure>
      )}
      <AdminPanel
        id="webhook-endpoints"
        title="Webhook endpoints"
        description={`Frontdesk POSTs signed JSON to each endpoint when the events it subscribes to happen. ${endpoints.length} of ${maxEndpoints} in use.`}
      >
        {endpoints.length === 0 ? (
          <EmptyState title="No webhook endpoints yet">
            Add one above to tell a CRM, chat or billing system when tickets are created, updated or solved. You get a signing secret to verify each
            delivery, and can send a test event right away.
          </EmptyState>
        ) : (
          <ul className="space-y-3">
            {endpoints.map((endpoint) => (
              <EndpointItem key={endpoint.id} endpoint={endpoint} />
            ))}
          </ul>
        )}
      </AdminPanel>
    </div>
  );
}

function EndpointItem({ endpoint }: { endpoint: WebhookEndpointView }) {
  const last = endpoint.lastDelivery;
  return (
    <li className="space-y-2 rounded-lg border border-border p-4">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h3 className="font-medium wrap-anywhere">
            <Link href={`/desk/admin/webhooks/${endpoint.id}` as Route} className="hover:text-accent hover:underline">
              {endpoint.url}
            </Link>
          </h3>
          {endpoint.description ? <p className="text-sm text-muted">{endpoint.description}</p> : null}
        </div>
        <EndpointStatusBadge endpoint={endpoint} />
      </div>
      <EventList events={endpoint.events} />
      {endpoint.disabledReason && !endpoint.enabled ? <p className="text-sm text-danger">{endpoint.disabledReason}</p> : null}
      {endpoint.enabled && endpoint.failingSince ? (
        <p className="text-sm text-warning">
          Failing since <RelativeTime date={endpoint.failingSince} />; if it keeps failing for a day, it is switched off.
        </p>
      ) : null}
      <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-muted">
        {last ? (
          <>
            <span>Last delivery:</span>
            <DeliveryStatusBadge status={last.status} />
            <code className="font-mono">{last.eventType}</code>
            {last.responseStatus !== null ? <span>HTTP {last.responseStatus}</span> : null}
            <RelativeTime date={last.at} />
          </>
        ) : (
          <span>No deliveries yet: open the endpoint to send a test event.</span>
        )}
        {endpoint.includeInternalNotes ? <span>· includes internal notes</span> : null}
      </p>
    </li>
  );
}
