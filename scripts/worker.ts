/**
 * npm run worker — delivers the outboxes (mail, webhooks), reads the IMAP
 * mailboxes and runs the timed jobs (auto-close, sweeps) from its own
 * process, for deployments with several app processes on PostgreSQL (set
 * BACKGROUND_JOBS=external on them). Any number of workers may run: rows are
 * claimed with SKIP LOCKED, every job is idempotent, and each mailbox is read
 * by the one worker holding its advisory lock.
 */
import { startDeliveryLoop } from "@/server/email/delivery-loop";
import { startImapMailboxes } from "@/server/email/imap/mailbox-supervisor";
import { appTransportFromEnv } from "@/server/email/transport";
import { env } from "@/server/env";
import { startTimedJobs } from "@/server/jobs/timed-jobs";
import { startWebhookDeliveryLoop } from "@/server/webhooks/webhook-delivery-loop";
import { openScriptDatabase } from "./open-database";

const database = await openScriptDatabase();
const stops = [startTimedJobs(database.db), startWebhookDeliveryLoop(database.db), startImapMailboxes(database)];
// Always: mailboxes with their own SMTP server send without a Resend key.
stops.push(startDeliveryLoop(database.db, appTransportFromEnv()));
if (!env.RESEND_API_KEY) console.log("RESEND_API_KEY is not set: only mailboxes with their own SMTP server send; other mail stays in the outbox (see /desk/admin/mailbox).");
console.log(`Worker running (${database.driver}). Ctrl+C stops it after the current pass.`);

async function shutdown(signal: string) {
  console.log(`${signal}: finishing the current pass…`);
  await Promise.all(stops.map((stop) => stop()));
  await database.close();
  process.exit(0);
}
process.once("SIGINT", () => void shutdown("SIGINT"));
process.once("SIGTERM", () => void shutdown("SIGTERM"));
// The loop's timer does not hold the process open; this does, until a signal.
setInterval(() => {}, 1 << 30);
