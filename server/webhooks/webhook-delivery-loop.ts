import "server-only";
import type { Db } from "@/db/types";
import { startBackgroundLoop } from "@/server/background-loop";
import { deliverDueWebhooks } from "./deliver-webhooks";

/** Delivers the webhook outbox every two seconds until stopped (receivers expect events within seconds). */
export function startWebhookDeliveryLoop(db: Db, options: { intervalMs?: number } = {}) {
  return startBackgroundLoop("Webhook delivery", options.intervalMs ?? 2_000, async () => {
    const outcome = await deliverDueWebhooks(db);
    if (outcome.succeeded || outcome.retried || outcome.failed) {
      console.log(`Webhooks: ${outcome.succeeded} delivered, ${outcome.retried} to retry, ${outcome.failed} failed.`);
    }
  });
}
