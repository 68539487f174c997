import "server-only";
import { z } from "zod";
import { webhookDeliveryStatuses } from "@/db/schema";
import { AppError } from "@/server/errors";
import { createWebhookEndpointInput, updateWebhookEndpointInput } from "@/server/routers/webhooks-admin.schema";
import { getDelivery, listDeliveries, redeliver, sendTestEvent } from "@/server/webhooks/delivery-log";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  getWebhookEndpoint,
  listWebhookEndpoints,
  rotateWebhookSecret,
  updateWebhookEndpoint,
} from "@/server/webhooks/endpoints";
import { pageBody, pageOf, pageQuery } from "../resources/page";
import {
  toWebhookDeliveryResource,
  toWebhookEndpointResource,
  webhookDeliveryResource,
  webhookEndpointResource,
  webhookEndpointWithSecretResource,
} from "../resources/webhook";
import { apiRoute } from "../route-definition";

const tag = "Webhooks";
const admin = { tag, scope: "admin", role: "admin" } as const;
const idParams = z.object({ id: z.uuid() });

// The same field rules as the admin page (server/routers/webhooks-admin.schema.ts).
const create = createWebhookEndpointInput.shape;
const update = updateWebhookEndpointInput.shape;
const createBody = z.object({
  url: create.url.meta({ description: "Where events are POSTed (https in production)." }),
  description: create.description,
  events: create.events,
  include_internal_notes: create.includeInternalNotes.meta({ description: "Whether message.created carries internal notes too." }),
  enabled: create.enabled,
});
const updateBody = z
  .object({ url: update.url, description: update.description, events: update.events, include_internal_notes: update.includeInternalNotes, enabled: update.enabled })
  .refine((body) => Object.values(body).some((value) => value !== undefined), "Change at least one field.");

const endpointList = z.object({ data: z.array(webhookEndpointResource) }).meta({ id: "WebhookEndpointList" });

export const webhookRoutes = [
  apiRoute({
    ...admin,
    method: "GET",
    path: "/webhooks",
    operationId: "listWebhooks",
    summary: "List webhook endpoints",
    responses: { 200: { description: "Every endpoint (at most 50).", schema: endpointList } },
    handler: async ({ db }) => ({ status: 200, body: { data: (await listWebhookEndpoints(db)).map(toWebhookEndpointResource) } }),
  }),
  apiRoute({
    ...admin,
    method: "POST",
    path: "/webhooks",
    operationId: "createWebhook",
    summary: "Register a webhook endpoint",
    description: "The answer carries the signing secret, this once.",
    body: createBody,
    responses: { 201: { description: "The endpoint and its secret.", schema: webhookEndpointWithSecretResource } },
    handler: async ({ db, body }) => {
      const created = await createWebhookEndpoint(db, { url: body.url, description: body.description, events: body.events, includeInternalNotes: body.include_internal_notes, enabled: body.enabled });
      return { status: 201, body: { endpoint: toWebhookEndpointResource(created.endpoint), secret: created.secret }, headers: { location: `/api/v1/webhooks/${created.endpoint.id}` } };
    },
  }),
  apiRoute({
    ...admin,
    method: "GET",
    path: "/webhooks/{id}",
    operationId: "getWebhook",
    summary: "Get a webhook endpoint",
    params: idParams,
    responses: { 200: { description: "The endpoint (never its secret).", schema: webhookEndpointResource } },
    handler: async ({ db, params }) => ({ status: 200, body: toWebhookEndpointResource(await getWebhookEndpoint(db, params.id)) }),
  }),
  apiRoute({
    ...admin,
    method: "PATCH",
    path: "/webhooks/{id}",
    operationId: "updateWebhook",
    summary: "Change a webhook endpoint",
    description: "Only the fields given change. Switching an endpoint back on forgets its failures.",
    params: idParams,
    body: updateBody,
    responses: { 200: { description: "The endpoint after the change.", schema: webhookEndpointResource } },
    handler: async ({ db, params, body }) => {
      const updated = await updateWebhookEndpoint(db, { id: params.id, url: body.url, description: body.description, events: body.events, includeInternalNotes: body.include_internal_notes, enabled: body.enabled });
      return { status: 200, body: toWebhookEndpointResource(updated) };
    },
  }),
  apiRoute({
    ...admin,
    method: "DELETE",
    path: "/webhooks/{id}",
    operationId: "deleteWebhook",
    summary: "Delete a webhook endpoint",
    description: "Its deliveries go with it; nothing more is sent.",
    params: idParams,
    responses: { 204: { description: "Deleted." } },
    handler: async ({ db, params }) => {
      await deleteWebhookEndpoint(db, params.id);
      return { status: 204 };
    },
  }),
  apiRoute({
    ...admin,
    method: "POST",
    path: "/webhooks/{id}/rotate-secret",
    operationId: "rotateWebhookSecret",
    summary: "Rotate an endpoint's signing secret",
    description: "Deliveries are signed with both the new and the previous secret for 24 hours, so receivers can switch over.",
    params: idParams,
    responses: { 200: { description: "The endpoint and its new secret.", schema: webhookEndpointWithSecretResource } },
    handler: async ({ db, params }) => {
      const rotated = await rotateWebhookSecret(db, params.id);
      return { status: 200, body: { endpoint: toWebhookEndpointResource(rotated.endpoint), secret: rotated.secret } };
    },
  }),
  apiRoute({
    ...admin,
    method: "GET",
    path: "/webhooks/{id}/deliveries",
    operationId: "listWebhookDeliveries",
    summary: "An endpoint's delivery log",
    description: "Newest first.",
    params: idParams,
    query: z.object({ status: z.enum(webhookDeliveryStatuses).optional(), ...pageQuery }),
    responses: { 200: { description: "A page of deliveries.", schema: pageOf(webhookDeliveryResource, "WebhookDeliveryPage") } },
    handler: async ({ db, params, query, request }) => {
      const page = await listDeliveries(db, { endpointId: params.id, status: query.status, cursor: query.cursor, limit: query.limit });
      return { status: 200, body: pageBody(request, page.items.map(toWebhookDeliveryResource), page.nextCursor) };
    },
  }),
  apiRoute({
    ...admin,
    method: "POST",
    path: "/webhooks/{id}/test",
    operationId: "sendWebhookTestEvent",
    summary: "Send a test event",
    description: "Queues a webhook.test event for this endpoint, whatever events it subscribes to.",
    params: idParams,
    responses: { 201: { description: "The queued delivery.", schema: webhookDeliveryResource } },
    handler: async ({ db, params }) => ({ status: 201, body: toWebhookDeliveryResource(await sendTestEvent(db, params.id)) }),
  }),
  apiRoute({
    ...admin,
    method: "POST",
    path: "/webhooks/{id}/deliveries/{delivery_id}/redeliver",
    operationId: "redeliverWebhook",
    summary: "Deliver again",
    description: "Sends the delivery again, with the same webhook-id so receivers can drop a repeat.",
    params: z.object({ id: z.uuid(), delivery_id: z.uuid() }),
    responses: { 200: { description: "The delivery, queued again.", schema: webhookDeliveryResource } },
    handler: async ({ db, params }) => {
      const delivery = await getDelivery(db, params.delivery_id);
      if (delivery.endpointId !== params.id) throw new AppError("NOT_FOUND", "That delivery is not in this endpoint's log.");
      return { status: 200, body: toWebhookDeliveryResource(await redeliver(db, params.delivery_id)) };
    },
  }),
];
