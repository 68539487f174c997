import "server-only";
import { getAuthSecret, MissingSecretError } from "./auth/secret";
import { getDatabase } from "./db";
import { startDeliveryLoop } from "./email/delivery-loop";
import { startImapMailboxes } from "./email/imap/mailbox-supervisor";
import { appTransportFromEnv } from "./email/transport";
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
  // Always: mailboxes with their own SMTP server send without a Resend key.
  startDeliveryLoop(database.db, appTransportFromEnv());
  console.log(
    env.RESEND_API_KEY
      ? "Email: delivering through Resend (and mailboxes' own SMTP servers) from this process."
      : "Email: no RESEND_API_KEY, so mail is sent only through mailboxes with their own SMTP server; the rest is kept in the outbox (/desk/admin/mailbox).",
  );
}
