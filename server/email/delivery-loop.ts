import "server-only";
import type { Db } from "@/db/types";
import { startBackgroundLoop } from "@/server/background-loop";
import { deliverDueEmails } from "./deliver";
import type { EmailTransport } from "./transport";

/**
 * Delivers the outbox every few seconds until stopped. `appTransport` is the
 * app's Resend account, or null without RESEND_API_KEY: mailboxes with their
 * own SMTP server still send, and whatever would need Resend is kept.
 */
export function startDeliveryLoop(db: Db, appTransport: EmailTransport | null, options: { intervalMs?: number } = {}) {
  return startBackgroundLoop("Email delivery", options.intervalMs ?? 5_000, async () => {
    const outcome = await deliverDueEmails(db, appTransport);
    if (outcome.sent || outcome.retried || outcome.failed || outcome.stored) {
      console.log(`Email: ${outcome.sent} sent, ${outcome.retried} to retry, ${outcome.failed} failed, ${outcome.stored} kept (no transport).`);
    }
  });
}
