import "server-only";
import { adminProcedure, router } from "@/server/trpc";
import { getDelivery, listDeliveries, redeliver, sendTestEvent } from "@/server/webhooks/delivery-log";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  getWebhookEndpoint,
  listWebhookEndpoints,
  rotateWebhookSecret,
  updateWebhookEndpoint,
} from "@/server/webhooks/endpoints";
import {
  createWebhookEndpointInput,
  listWebhookDeliveriesInput,
  updateWebhookEndpointInput,
  webhookDeliveryIdInput,
  webhookEndpointIdInput,
} from "./webhooks-admin.schema";

/** Outbound webhook endpoints and their delivery logs. Admins only; the secret is answered only by create and rotateSecret. */
export const webhooksAdminRouter = router({
  list: adminProcedure.query(({ ctx }) => listWebhookEndpoints(ctx.db)),
  get: adminProcedure.input(webhookEndpointIdInput).query(({ ctx, input }) => getWebhookEndpoint(ctx.db, input.id)),
  create: adminProcedure.input(createWebhookEndpointInput).mutation(({ ctx, input }) => createWebhookEndpoint(ctx.db, input)),
  update: adminProcedure.input(updateWebhookEndpointInput).mutation(({ ctx, input }) => updateWebhookEndpoint(ctx.db, input)),
  delete: adminProcedure.input(webhookEndpointIdInput).mutation(({ ctx, input }) => deleteWebhookEndpoint(ctx.db, input.id)),
  rotateSecret: adminProcedure.input(webhookEndpointIdInput).mutation(({ ctx, input }) => rotateWebhookSecret(ctx.db, input.id)),
  sendTestEvent: adminProcedure.input(webhookEndpointIdInput).mutation(({ ctx, input }) => sendTestEvent(ctx.db, input.id)),
  deliveries: router({
    list: adminProcedure.input(listWebhookDeliveriesInput).query(({ ctx, input }) => listDeliveries(ctx.db, input)),
    get: adminProcedure.input(webhookDeliveryIdInput).query(({ ctx, input }) => getDelivery(ctx.db, input.id)),
    redeliver: adminProcedure.input(webhookDeliveryIdInput).mutation(({ ctx, input }) => redeliver(ctx.db, input.id)),
  }),
});
