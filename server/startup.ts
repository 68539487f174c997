import "server-only";
import { getAuthSecret, MissingSecretError } from "./auth/secret";
import { getDatabase } from "./db";
import { startDeliveryLoop } from "./email/delivery-loop";
import { startImapMailboxes } from "./email/imap/mailbox-supervisor";
import { resendTransport } from "./email/transport";
import { env } from "./env";
import { startTimedJobs } from "./jobs/timed-jobs";
import { startWebhookDeliveryLoop } from "./webhooks/webhook-delivery-loop";

/**
 * Server start (Node.js runtime only): refuse a production start without a
 * secret, then open the database so migrations (and, on a fresh embedded
 * database, the demo seed) run before the first request rather than in it.
 */
export async function startServer(): Promise<void> {
  try {
    getAuthSecret();
  } catch (error) {
    if (error instanceof MissingSecretError) {
      console.error(`\n${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const database = await getDatabase();
  console.log(`Database ready (${database.driver === "pglite" ? "embedded PGlite in the data folder" : "PostgreSQL"}).`);
  if (env.BACKGROUND_JOBS === "external") {
    console.log("Background jobs: BACKGROUND_JOBS=external, so `npm run worker` delivers mail and webhooks, reads IMAP mailboxes and runs timed jobs.");
    return;
  }
  startTimedJobs(database.db);
  startWebhookDeliveryLoop(database.db);
  startImapMailboxes(database);
  if (env.RESEND_API_KEY) {
    startDeliveryLoop(database.db, resendTransport(env.RESEND_API_KEY));
    console.log("Email: delivering through Resend from this process.");
  } else {
    console.log("Email: no RESEND_API_KEY, so mail is kept in the outbox: admins read it at /desk/admin/mailbox.");
  }
}
