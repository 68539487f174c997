import "server-only";
import { z } from "zod";
import { webhookDeliveryStatuses, webhookEventTypes } from "@/db/schema";
import type { WebhookDelivery, WebhookDeliverySummary } from "@/server/webhooks/delivery-log";
import type { WebhookEndpointView } from "@/server/webhooks/endpoints";

const timestamp = z.iso.datetime({ offset: true });
const isoOrNull = (date: Date | null) => (date ? date.toISOString() : null);

export const webhookEndpointResource = z
  .object({
    id: z.uuid(),
    url: z.string(),
    description: z.string(),
    events: z.array(z.enum(webhookEventTypes)),
    include_internal_notes: z.boolean(),
    enabled: z.boolean(),
    status: z.enum(["enabled", "disabled", "disabled_after_failures"]),
    failing_since: timestamp.nullable(),
    disabled_reason: z.string().nullable(),
    previous_secret_expires_at: timestamp.nullable().meta({ description: "Until when the secret before the last rotation still signs deliveries." }),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: "WebhookEndpoint" });

export const webhookEndpointWithSecretResource = z
  .object({
    endpoint: webhookEndpointResource,
    secret: z.string().meta({ description: "The signing secret (whsec_…), shown this once." }),
  })
  .meta({ id: "WebhookEndpointWithSecret" });

export const webhookDeliveryResource = z
  .object({
    id: z.uuid(),
    endpoint_id: z.uuid(),
    webhook_id: z.string().meta({ description: "The webhook-id header, the same on every attempt." }),
    event_type: z.string(),
    status: z.enum(webhookDeliveryStatuses),
    attempts: z.number().int(),
    next_attempt_at: timestamp,
    last_attempt_at: timestamp.nullable(),
    response_status: z.number().int().nullable(),
    response_body_head: z.string().nullable(),
    last_error: z.string().nullable(),
    duration_ms: z.number().int().nullable(),
    created_at: timestamp,
    delivered_at: timestamp.nullable(),
    ticket_number: z.number().int().nullable(),
    payload: z.unknown().optional().meta({ description: "The body sent: { type, timestamp, data } (on single deliveries)." }),
  })
  .meta({ id: "WebhookDelivery" });

export function toWebhookEndpointResource(endpoint: WebhookEndpointView): z.infer<typeof webhookEndpointResource> {
  return {
    id: endpoint.id,
    url: endpoint.url,
    description: endpoint.description,
    events: endpoint.events,
    include_internal_notes: endpoint.includeInternalNotes,
    enabled: endpoint.enabled,
    status: endpoint.status,
    failing_since: isoOrNull(endpoint.failingSince),
    disabled_reason: endpoint.disabledReason,
    previous_secret_expires_at: isoOrNull(endpoint.previousSecretExpiresAt),
    created_at: endpoint.createdAt.toISOString(),
    updated_at: endpoint.updatedAt.toISOString(),
  };
}

export function toWebhookDeliveryResource(delivery: WebhookDeliverySummary | WebhookDelivery): z.infer<typeof webhookDeliveryResource> {
  return {
    id: delivery.id,
    endpoint_id: delivery.endpointId,
    webhook_id: delivery.messageId,
    event_type: delivery.eventType,
    status: delivery.status,
    attempts: delivery.attempts,
    next_attempt_at: delivery.nextAttemptAt.toISOString(),
    last_attempt_at: isoOrNull(delivery.lastAttemptAt),
    response_status: delivery.responseStatus,
    response_body_head: delivery.responseBodyHead,
    last_error: delivery.lastError,
    duration_ms: delivery.durationMs,
    created_at: delivery.createdAt.toISOString(),
    delivered_at: isoOrNull(delivery.deliveredAt),
    ticket_number: delivery.ticketNumber,
    ...("payload" in delivery ? { payload: delivery.payload } : {}),
  };
}
