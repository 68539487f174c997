/**
 * npm run test:crash [-- --clients 16 --seconds 30 --port 3200 --db-prefix frontdesk_crash --admin-url postgres://… --keep-database]
 *
 * The load test's load on one `next start` that also delivers mail (inline
 * background jobs, the real Resend transport posting to a local receiver
 * through RESEND_BASE_URL). Midway, once an email is in flight, the server's
 * process group gets SIGKILL; it is started again on the same port and the
 * load goes on. Then:
 * - every write acknowledged before, during or after the crash is stored
 *   exactly once, and a write whose answer was lost is stored at most once;
 * - the emails that were being delivered when the process died are delivered
 *   exactly once after the restart (the receiver, like Resend, delivers a
 *   repeated idempotency key once), and every other email too.
 * A row claimed by the dead process is retried once its claim expires
 * (300 s); the test moves that expiry to now instead of waiting.
 * Needs a production build (`npx next build`). Exits non-zero on any failure.
 */
import path from "node:path";
import postgres from "postgres";
import { freePort, hasProductionBuild, startBenchServer, type BenchServer } from "../bench/bench-server";
import { Cleanup } from "./cleanup";
import { runLoad } from "./load-clients";
import { createLoadDatabase, prepareLoadAccounts, replyableTickets, seedDemoDatabase } from "./load-database";
import { Checks, printLoadTable, statusTotals } from "./load-report";
import { FAKE_RESEND_API_KEY, startMailReceiver } from "./mail-receiver";
import { checkOutbox, describeOutbox, waitForOutboxDrained } from "./outbox-check";
import { scenarioOptions } from "./scenario-options";
import { checkLedger, checkWrites, describeLedger } from "./write-ledger";

const root = path.resolve(import.meta.dirname, "../..");
const options = scenarioOptions({ seconds: 30, minSeconds: 6, dbPrefix: "frontdesk_crash" });
const { clients, seconds } = options;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const IN_FLIGHT_WAIT_MS = 15_000;
const DRAIN_TIMEOUT_MS = 240_000;

const cleanup = new Cleanup();
const checks = new Checks();
let server: BenchServer | null = null;
const serverLog: string[] = [];
try {
  if (!hasProductionBuild(root)) throw new Error("No production build in .next: run `npx next build` first.");
  const database = await createLoadDatabase(options.adminUrl, options.dbPrefix);
  if (!options.keepDatabase) cleanup.add("drop database", () => database.drop());
  console.log(`Database ${database.name}: migrating and seeding the demo data…`);
  await seedDemoDatabase(root, database.url);

  // Answers held back a little, so deliveries take long enough to be caught mid-send.
  const receiver = await startMailReceiver({ delayMs: 100 });
  cleanup.add("stop mail receiver", () => receiver.close());
  const port = await freePort(options.port);
  const serverEnv = { BACKGROUND_JOBS: "inline", RESEND_API_KEY: FAKE_RESEND_API_KEY, RESEND_BASE_URL: receiver.url };
  const start = () => startBenchServer({ root, port, databaseUrl: database.url, env: serverEnv });
  console.log(`Starting next start on port ${port} (mail to ${receiver.url})…`);
  server = await start();
  cleanup.add("stop server", async () => {
    await server?.stop();
  });

  const sql = postgres(database.url, { max: 2, onnotice: () => {} });
  cleanup.add("close connections", () => sql.end());
  const [clock] = await sql<{ now: Date }[]>`select now() as now`;
  const since = clock?.now ?? new Date();
  const runId = Date.now().toString(36);
  const customerClients = Math.max(1, Math.round(clients * 0.3));
  const accounts = await prepareLoadAccounts(sql, runId, customerClients);
  const ticketNumbers = await replyableTickets(sql);

  const crash: { done?: Promise<{ claimed: { id: string; key: string }[]; midSend: { id: string; key: string }[]; inFlight: number; downSeconds: number }> } = {};
  const crashMidway = async () => {
    await sleep((seconds * 1000) / 2);
    const waitUntil = Date.now() + IN_FLIGHT_WAIT_MS;
    while (receiver.inFlight() === 0 && Date.now() < waitUntil) await sleep(10);
    const inFlight = receiver.inFlight();
    const old = server;
    if (old) serverLog.push(old.output());
    await old?.kill();
    const killedAt = performance.now();
    console.log(`SIGKILL with ${inFlight} email${inFlight === 1 ? "" : "s"} in flight; restarting…`);
    const claimed = await sql<{ id: string; key: string }[]>`select id, idempotency_key as key from outbox where status = 'sending'`;
    // Mid-delivery: claimed, and already handed to the provider when the process died.
    const midSend = claimed.filter((row) => receiver.posts.has(row.key));
    server = await start();
    const downSeconds = (performance.now() - killedAt) / 1000;
    console.log(`Back after ${downSeconds.toFixed(1)} s; ${claimed.length} outbox row${claimed.length === 1 ? " was" : "s were"} claimed by the dead process.`);
    return { claimed, midSend, inFlight, downSeconds };
  };

  const result = await runLoad({
    baseUrls: [server.baseUrl],
    clients,
    customerClients,
    seconds,
    runId,
    accounts,
    ticketNumbers,
    creationsPerCustomer: 20,
    onStart: () => (crash.done = crashMidway()),
  });
  if (!crash.done) throw new Error("The load never started.");
  const crashed = await crash.done;
  printLoadTable(result);

  // The dead process's claims would expire after 300 s; expire them now.
  const claimedIds = crashed.claimed.map((row) => row.id);
  await sql`update outbox set next_attempt_at = now() where status = 'sending' and id = any(${claimedIds}::uuid[])`;
  console.log("\nWaiting for the outbox to drain…");
  const drained = await waitForOutboxDrained(sql, since, DRAIN_TIMEOUT_MS);

  const totals = statusTotals(result);
  const ledger = await checkLedger(sql, runId, result.writes);
  const outbox = await checkOutbox(sql, since, receiver);
  console.log(`\n${describeLedger(ledger)}\n${describeOutbox(outbox, receiver)}`);
  const midSend = crashed.midSend;
  const midSendOnce = midSend.filter((row) => receiver.deliveries.filter((key) => key === row.key).length === 1);
  console.log(`Claimed by the dead process: ${crashed.claimed.length}, of which ${midSend.length} had already reached the receiver (${midSend.filter((row) => (receiver.posts.get(row.key) ?? 0) > 1).length} of them posted again after the restart, with the same key).`);

  checks.check("the crash hit an email in flight", crashed.inFlight > 0 && midSend.length > 0, `${crashed.inFlight} in flight, ${midSend.length} claimed row(s) already posted`);
  checks.check("no 5xx answers", totals.serverErrors === 0, `${totals.serverErrors}`);
  console.log(`Requests without an answer (the server was down ${crashed.downSeconds.toFixed(1)} s): ${totals.networkErrors}.`);
  checkWrites(checks, result.writes, ledger);
  checks.check("the outbox drained", drained);
  checks.check("every email queued was sent", outbox.notSent.length === 0, `${outbox.notSent.length} not sent of ${outbox.queued}`);
  checks.check("every sent email was delivered once", outbox.undelivered.length === 0 && outbox.strangers.length === 0, `${outbox.undelivered.length} undelivered, ${outbox.strangers.length} unknown`);
  checks.check("the emails mid-delivery at the crash were delivered exactly once", midSendOnce.length === midSend.length, `${midSendOnce.length} of ${midSend.length}`);
  checks.check("no email queued twice", outbox.doubleQueued.length === 0, `${outbox.doubleQueued.length}`);
  checks.check("every send carried an idempotency key", receiver.withoutKey() === 0, `${receiver.withoutKey()} without`);
  if (checks.failed > 0 && server) console.log(`\nThe server's last output:\n${[...serverLog, server.output()].join("\n--- restart ---\n").slice(-6000)}`);
} catch (error) {
  checks.check("the crash test ran", false, error instanceof Error ? error.message : String(error));
  if (server) console.log(`\nThe server's last output:\n${server.output().slice(-4000)}`);
} finally {
  await cleanup.run();
}
checks.finish();
