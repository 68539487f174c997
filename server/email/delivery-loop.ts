import "server-only";
import type { Db } from "@/db/types";
import { startBackgroundLoop } from "@/server/background-loop";
import { deliverDueEmails } from "./deliver";
import type { EmailTransport } from "./transport";

/** Delivers the outbox every few seconds until stopped. */
export function startDeliveryLoop(db: Db, transport: EmailTransport, options: { intervalMs?: number } = {}) {
  return startBackgroundLoop("Email delivery", options.intervalMs ?? 5_000, async () => {
    const outcome = await deliverDueEmails(db, transport);
    if (outcome.sent || outcome.retried || outcome.failed) {
      console.log(`Email: ${outcome.sent} sent, ${outcome.retried} to retry, ${outcome.failed} failed.`);
    }
  });
}
