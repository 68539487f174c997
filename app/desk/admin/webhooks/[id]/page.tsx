import type { Metadata, Route } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AdminPanel, Disclosure } from "@/components/admin/admin-panel";
import { RefusedQuery } from "@/components/refused-query";
import { RelativeTime } from "@/components/relative-time";
import { webhookDeliveryStatuses } from "@/lib/vocabularies";
import { requireUser } from "@/server/auth/session";
import { getServerApi } from "@/server/caller";
import { refusedQueryOr } from "@/server/page-query";
import { webhookEndpointLimits } from "@/server/webhooks/endpoints";
import { EndpointForm } from "../endpoint-form";
import { EndpointStatusBadge, EventList } from "../webhook-labels";
import { DeliveryLog } from "./delivery-log";
import { EndpointActions } from "./endpoint-actions";

export const metadata: Metadata = { title: "Webhook endpoint · Admin" };

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One endpoint: what it hears and how it stands, what can be done to it, and its delivery log. */
export default async function WebhookEndpointPage({ params, searchParams }: PageProps<"/desk/admin/webhooks/[id]">) {
  await requireUser("admin");
  const { id } = await params;
  if (!uuid.test(id)) notFound();
  const query = await searchParams;
  const status = webhookDeliveryStatuses.find((s) => s === query.status);
  const cursor = typeof query.cursor === "string" ? query.cursor : undefined;

  const api = await getServerApi();
  const endpoint = await api.admin.webhooks.get({ id }).catch(() => null);
  if (!endpoint) notFound();
  const deliveries = await refusedQueryOr(api.admin.webhooks.deliveries.list({ endpointId: id, status, cursor, limit: 25 }));
  const { urlMaxLength, descriptionMaxLength } = webhookEndpointLimits;

  const row = (name: string, value: React.ReactNode) => (
    <div className="grid gap-1 py-2 sm:grid-cols-[10rem_minmax(0,1fr)] sm:gap-3">
      <dt className="text-muted">{name}</dt>
      <dd className="min-w-0">{value}</dd>
    </div>
  );

  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href="/desk/admin/webhooks" className="text-accent hover:underline">
          ← Webhooks
        </Link>
      </p>
      {/* An AdminPanel in all but its heading, which is a URL and may need to wrap anywhere on a phone. */}
      <section aria-labelledby="webhook-endpoint" className="space-y-4 rounded-lg border border-border bg-surface p-4 sm:p-5">
        <div>
          <h2 id="webhook-endpoint" className="font-semibold wrap-anywhere">
            {endpoint.url}
          </h2>
          {endpoint.description ? <p className="text-sm text-muted">{endpoint.description}</p> : null}
        </div>
        <dl className="divide-y divide-border text-sm">
          {row(
            "Status",
            <span className="flex flex-wrap items-center gap-2">
              <EndpointStatusBadge endpoint={endpoint} />
              {endpoint.enabled && endpoint.failingSince ? (
                <span className="text-warning">
                  Failing since <RelativeTime date={endpoint.failingSince} />; if it keeps failing for a day, it is switched off.
                </span>
              ) : null}
            </span>,
          )}
          {endpoint.disabledReason ? row("Why it is off", <span className="text-danger">{endpoint.disabledReason}</span>) : null}
          {row("Events", <EventList events={endpoint.events} />)}
          {row("Internal notes", endpoint.includeInternalNotes ? "Sent with message.created" : "Never sent")}
          {row(
            "Signing secret",
            endpoint.previousSecretExpiresAt ? (
              <>
                Rotated; deliveries are also signed with the previous secret until it expires <RelativeTime date={endpoint.previousSecretExpiresAt} />
              </>
            ) : (
              "Shown once when made; rotate it to get a new one"
            ),
          )}
          {row("Added", <RelativeTime date={endpoint.createdAt} />)}
        </dl>
        <EndpointActions id={endpoint.id} url={endpoint.url} enabled={endpoint.enabled} />
      </section>

      <Disclosure summary="Edit endpoint">
        <EndpointForm endpoint={endpoint} limits={{ urlMaxLength, descriptionMaxLength }} />
      </Disclosure>

      <AdminPanel
        id="webhook-deliveries"
        title="Delivery log"
        description="Each event sent to this endpoint, newest first. A delivery that fails is retried with growing pauses for about a day; redelivering keeps its webhook-id."
      >
        {deliveries.ok ? (
          <DeliveryLog endpointId={endpoint.id} enabled={endpoint.enabled} status={status} cursor={cursor} page={deliveries.value} />
        ) : (
          <RefusedQuery message={deliveries.message} startOverHref={`/desk/admin/webhooks/${endpoint.id}` as Route} />
        )}
      </AdminPanel>
    </div>
  );
}
