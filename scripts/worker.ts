/**
 * npm run worker — delivers the outbox from its own process, for deployments
 * with several app processes on PostgreSQL (set EMAIL_WORKER=external on
 * them). Any number of workers may run; rows are claimed with SKIP LOCKED.
 */
import { startDeliveryLoop } from "@/server/email/delivery-loop";
import { resendTransport } from "@/server/email/transport";
import { env } from "@/server/env";
import { openScriptDatabase } from "./open-database";

if (!env.RESEND_API_KEY) {
  console.error("RESEND_API_KEY is not set: there is nothing to deliver to. Mail stays in the outbox (see /desk/admin/mailbox).");
  process.exit(1);
}

const database = await openScriptDatabase();
const stop = startDeliveryLoop(database.db, resendTransport(env.RESEND_API_KEY));
console.log(`Worker delivering email (${database.driver}). Ctrl+C stops it after the current pass.`);

async function shutdown(signal: string) {
  console.log(`${signal}: finishing the current pass…`);
  await stop();
  await database.close();
  process.exit(0);
}
process.once("SIGINT", () => void shutdown("SIGINT"));
process.once("SIGTERM", () => void shutdown("SIGTERM"));
// The loop's timer does not hold the process open; this does, until a signal.
setInterval(() => {}, 1 << 30);
