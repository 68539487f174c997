import type { Db } from "@/db/types";
import { deliverDueEmails } from "./deliver";
import type { EmailTransport } from "./transport";

/**
 * Runs the outbox delivery every few seconds until stopped. One pass at a
 * time: a slow provider never stacks up overlapping passes. Errors are
 * logged and the next pass tries again.
 */
export function startDeliveryLoop(db: Db, transport: EmailTransport, options: { intervalMs?: number; log?: (line: string) => void } = {}) {
  const log = options.log ?? console.log;
  let running = false;
  let stopped = false;
  const pass = async () => {
    if (running || stopped) return;
    running = true;
    try {
      const outcome = await deliverDueEmails(db, transport);
      if (outcome.sent || outcome.retried || outcome.failed) {
        log(`Email: ${outcome.sent} sent, ${outcome.retried} to retry, ${outcome.failed} failed.`);
      }
    } catch (error) {
      console.error("Email delivery pass failed:", error);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(pass, options.intervalMs ?? 5_000);
  timer.unref();
  void pass();
  return async function stop() {
    stopped = true;
    clearInterval(timer);
    while (running) await new Promise((resolve) => setTimeout(resolve, 50));
  };
}
