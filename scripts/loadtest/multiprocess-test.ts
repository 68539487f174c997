/**
 * npm run test:multiprocess [-- --clients 16 --seconds 20 --port 3200 --db-prefix frontdesk_multi --admin-url postgres://… --keep-database]
 *
 * Two `next start` processes (BACKGROUND_JOBS=external) and two
 * `npm run worker` processes on one fresh PostgreSQL database, under the load
 * test's load spread over both apps. Proves:
 * - every acknowledged write is stored exactly once;
 * - every email queued is delivered exactly once and posted exactly once
 *   (the workers claim rows with SKIP LOCKED; the mail receiver counts
 *   requests per idempotency key);
 * - the timed jobs, running every 2 s in both workers, act once: each ticket
 *   solved long ago is closed with one status event, each overdue SLA clock is
 *   reported with one breach event;
 * - the same inbound email (one Message-ID) posted 10 times at once to
 *   POST /api/inbound/mime, 5 times to each app, gives one ticket with one message;
 * - attachments live in one S3-compatible bucket (an s3rver this test starts;
 *   every app and worker gets the same S3_* variables): a file uploaded
 *   through app 1 downloads byte-identical through app 2, and a customer who
 *   may not see it gets 404 there (attachment-check.ts).
 * Needs a production build (`npx next build`). Exits non-zero on any failure.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import postgres from "postgres";
import { freePort, hasProductionBuild, startBenchServer, type BenchServer } from "../bench/bench-server";
import { tsxCommand } from "../tsx-command";
import { checkAttachmentsAcrossApps } from "./attachment-check";
import { Cleanup } from "./cleanup";
import { runLoad } from "./load-clients";
import { createLoadDatabase, prepareLoadAccounts, replyableTickets, seedDemoDatabase } from "./load-database";
import { Checks, printLoadTable, statusTotals } from "./load-report";
import { FAKE_RESEND_API_KEY, startMailReceiver } from "./mail-receiver";
import { checkOutbox, describeOutbox, waitForOutboxDrained } from "./outbox-check";
import { startS3Server } from "./s3-server";
import { scenarioOptions } from "./scenario-options";
import { checkLedger, checkWrites, describeLedger } from "./write-ledger";

const root = path.resolve(import.meta.dirname, "../..");
const options = scenarioOptions({ seconds: 20, minSeconds: 5, dbPrefix: "frontdesk_multi" });
const { clients, seconds } = options;

/** A throwaway secret for the inbound endpoint of these test servers only. */
const INBOUND_SECRET = "multiprocess-test-inbound-secret-0123456789";
const TIMED_JOBS_INTERVAL_SECONDS = "2";
const PREPARED_TICKETS = 8;
const INBOUND_COPIES = 10;
const DRAIN_TIMEOUT_MS = 180_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `npm run worker` in its own process group; `stop` sends SIGTERM and waits (SIGKILL after 10 s). */
function startWorker(name: string, env: Record<string, string>) {
  const output: string[] = [];
  const child: ChildProcess = spawn(...tsxCommand(root, "scripts/worker.ts"), {
    cwd: root,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...env },
  });
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 200) output.shift();
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  let exited = false;
  child.once("exit", () => (exited = true));
  return {
    output: () => `--- ${name} ---\n${output.join("")}`,
    stop: async () => {
      if (exited || child.pid === undefined) return;
      const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      process.kill(-child.pid, "SIGTERM");
      const timer = setTimeout(() => child.pid !== undefined && process.kill(-child.pid, "SIGKILL"), 10_000);
      await gone;
      clearTimeout(timer);
    },
  };
}

function inboundEmail(runId: string): string {
  return [
    `From: Load Sender <load-inbound-${runId}@load-test.example>`,
    "To: support@frontdesk.local",
    `Subject: Inbound once ${runId}`,
    `Message-ID: <inbound-${runId}@load-test.example>`,
    `Date: ${new Date().toUTCString()}`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "",
    `This email (inbound-${runId}) is posted ${INBOUND_COPIES} times at once; it must become one ticket.`,
    "",
  ].join("\r\n");
}

const cleanup = new Cleanup();
const checks = new Checks();
const servers: BenchServer[] = [];
const workers: ReturnType<typeof startWorker>[] = [];
try {
  if (!hasProductionBuild(root)) throw new Error("No production build in .next: run `npx next build` first.");
  const database = await createLoadDatabase(options.adminUrl, options.dbPrefix);
  if (!options.keepDatabase) cleanup.add("drop database", () => database.drop());
  console.log(`Database ${database.name}: migrating and seeding the demo data…`);
  await seedDemoDatabase(root, database.url);
  const sql = postgres(database.url, { max: 2, onnotice: () => {} });
  cleanup.add("close connections", () => sql.end());
  const [clock] = await sql<{ now: Date }[]>`select now() as now`;
  const since = clock?.now ?? new Date();

  // Work for the timed jobs: tickets solved a month ago (auto-close) and running SLA clocks gone overdue.
  const solved = await sql<{ id: string }[]>`
    update tickets set status = 'solved', solved_at = now() - interval '30 days'
    where id in (select id from tickets where status in ('open', 'pending') order by number limit ${PREPARED_TICKETS})
    returning id`;
  const overdue = await sql<{ ticket_id: string; metric: string }[]>`
    update ticket_slas set due_at = now() - interval '1 hour'
    where (ticket_id, metric) in (
      select s.ticket_id, s.metric from ticket_slas s join tickets t on t.id = s.ticket_id
      where s.running_since is not null and s.breach_notified_at is null and t.status in ('new', 'open')
      order by t.number desc limit ${PREPARED_TICKETS})
    returning ticket_id, metric::text as metric`;
  const prepared = new Set([...solved.map((r) => r.id), ...overdue.map((r) => r.ticket_id)]);

  const receiver = await startMailReceiver({ delayMs: 20 });
  cleanup.add("stop mail receiver", () => receiver.close());
  const s3 = await startS3Server({ bucket: "frontdesk-multiprocess" });
  cleanup.add("stop the S3 server", () => s3.stop());
  const firstPort = await freePort(options.port);
  const secondPort = await freePort(firstPort + 1);
  console.log(`Starting two apps (ports ${firstPort}, ${secondPort}) and two workers…`);
  cleanup.add("stop apps", () => Promise.all(servers.map((server) => server.stop())));
  cleanup.add("stop workers", () => Promise.all(workers.map((worker) => worker.stop())));
  // The apps queue mail for delivery (a provider is configured) but leave sending to the workers.
  const appEnv = { BACKGROUND_JOBS: "external", INBOUND_SECRET, RESEND_API_KEY: FAKE_RESEND_API_KEY, RESEND_BASE_URL: receiver.url, ...s3.env };
  servers.push(...(await Promise.all([firstPort, secondPort].map((port) => startBenchServer({ root, port, databaseUrl: database.url, env: appEnv })))));
  const workerEnv = { DATABASE_URL: database.url, RESEND_API_KEY: FAKE_RESEND_API_KEY, RESEND_BASE_URL: receiver.url, TIMED_JOBS_INTERVAL_SECONDS, ...s3.env };
  workers.push(startWorker("worker 1", workerEnv), startWorker("worker 2", workerEnv));
  const passesAtStart = await timedPasses(sql);
  const workersStartedAt = Date.now();

  const runId = Date.now().toString(36);
  const [firstApp, secondApp] = servers;
  if (!firstApp || !secondApp) throw new Error("Two apps did not start.");
  console.log(`Attachments: uploading through ${firstApp.baseUrl}, downloading through ${secondApp.baseUrl} (bucket ${s3.bucket} at ${s3.endpoint})…`);
  await checkAttachmentsAcrossApps(sql, checks, { root, uploadUrl: firstApp.baseUrl, downloadUrl: secondApp.baseUrl, runId, s3 });
  const customerClients = Math.max(1, Math.round(clients * 0.3));
  const accounts = await prepareLoadAccounts(sql, runId, customerClients);
  // Staff leave the prepared tickets alone, so a reply cannot stop an overdue clock first.
  const ticketNumbers = (await sql<{ number: number; id: string }[]>`select number, id from tickets where status in ('new', 'open', 'pending') order by number desc limit 300`)
    .filter((t) => !prepared.has(t.id))
    .map((t) => t.number);
  if (ticketNumbers.length === 0) ticketNumbers.push(...(await replyableTickets(sql)));

  const raw = inboundEmail(runId);
  const inbound: { done?: Promise<(number | "network")[]> } = {};
  const postInbound = () =>
    Promise.all(
      Array.from({ length: INBOUND_COPIES }, (_, i) =>
        fetch(`${servers[i % servers.length]?.baseUrl}/api/inbound/mime`, {
          method: "POST",
          headers: { authorization: `Bearer ${INBOUND_SECRET}`, "content-type": "message/rfc822" },
          body: raw,
          signal: AbortSignal.timeout(60_000),
        }).then(
          async (response) => (await response.text(), response.status),
          () => "network" as const,
        ),
      ),
    );
  const result = await runLoad({
    baseUrls: servers.map((server) => server.baseUrl),
    clients,
    customerClients,
    seconds,
    runId,
    accounts,
    ticketNumbers,
    creationsPerCustomer: 20,
    onStart: () => (inbound.done = postInbound()),
  });
  const inboundStatuses = (await inbound.done) ?? [];
  printLoadTable(result);

  console.log("\nWaiting for the outbox to drain and two more timed-job intervals…");
  const drained = await waitForOutboxDrained(sql, since, DRAIN_TIMEOUT_MS);
  await sleep(2 * Number(TIMED_JOBS_INTERVAL_SECONDS) * 1000 + 1000);

  // Two workers tick every interval; between them the timed jobs must run once per interval, not twice.
  const passes = (await timedPasses(sql)) - passesAtStart;
  const intervals = (Date.now() - workersStartedAt) / (Number(TIMED_JOBS_INTERVAL_SECONDS) * 1000);
  console.log(`Timed jobs: ${passes} passes in ${intervals.toFixed(1)} intervals across two workers.`);
  const totals = statusTotals(result);
  const ledger = await checkLedger(sql, runId, result.writes);
  const outbox = await checkOutbox(sql, since, receiver);
  console.log(`\n${describeLedger(ledger)}\n${describeOutbox(outbox, receiver)}`);

  const closeEvents = await sql<{ id: string; n: number; status: string }[]>`
    select t.id, t.status::text as status, (select count(*)::int from ticket_events e where e.ticket_id = t.id and e.field = 'status' and e.from_value = 'solved' and e.to_value = 'closed') as n
    from tickets t where t.id = any(${solved.map((r) => r.id)}::uuid[])`;
  const breachEvents = await sql<{ n: number }[]>`
    select (select count(*)::int from ticket_events e where e.ticket_id = s.ticket_id and e.field = 'sla_breached' and e.to_value = s.metric::text) as n
    from ticket_slas s where (s.ticket_id, s.metric::text) in (select * from unnest(${overdue.map((r) => r.ticket_id)}::uuid[], ${overdue.map((r) => r.metric)}::text[]))`;
  const inboundRows = await sql<{ n: number }[]>`select count(*)::int as n from inbound_messages where message_id_header like ${`%inbound-${runId}@load-test.example%`}`;
  const inboundMessages = await sql<{ n: number }[]>`select count(*)::int as n from messages where email_message_id like ${`%inbound-${runId}@load-test.example%`}`;
  const inboundTickets = await sql<{ n: number }[]>`select count(*)::int as n from tickets where subject = ${`Inbound once ${runId}`}`;
  const closedOnce = closeEvents.filter((t) => t.n === 1 && t.status === "closed").length;
  const breachedOnce = breachEvents.filter((c) => c.n === 1).length;
  const workerPosts = [...receiver.posts.values()];
  console.log(`Auto-close: ${closedOnce} of ${solved.length} prepared tickets closed with one event; SLA: ${breachedOnce} of ${overdue.length} overdue clocks reported once.`);
  console.log(`Inbound: answers ${inboundStatuses.join(", ")}; ${inboundRows[0]?.n} inbound row(s), ${inboundMessages[0]?.n} message(s), ${inboundTickets[0]?.n} ticket(s).`);

  checks.check("no 5xx answers", totals.serverErrors === 0, `${totals.serverErrors}`);
  checks.check("every request answered", totals.networkErrors === 0, `${totals.networkErrors} without an answer`);
  checkWrites(checks, result.writes, ledger);
  checks.check("the outbox drained", drained);
  checks.check("every email queued was sent", outbox.queued > 0 && outbox.notSent.length === 0, `${outbox.notSent.length} not sent of ${outbox.queued}`);
  checks.check("every sent email was delivered", outbox.undelivered.length === 0 && outbox.strangers.length === 0, `${outbox.undelivered.length} undelivered, ${outbox.strangers.length} unknown`);
  checks.check("each email posted exactly once by the two workers", workerPosts.every((n) => n === 1), `${workerPosts.filter((n) => n > 1).length} posted more than once`);
  checks.check("no email queued twice", outbox.doubleQueued.length === 0, `${outbox.doubleQueued.length}`);
  checks.check("timed jobs ran once per interval across the workers", passes >= 1 && passes <= intervals / 0.8 + 1, `${passes} passes in ${intervals.toFixed(1)} intervals`);
  checks.check("auto-close closed each prepared ticket once", solved.length > 0 && closedOnce === solved.length, `${closedOnce} of ${solved.length}`);
  checks.check("each overdue SLA clock reported once", overdue.length > 0 && breachedOnce === overdue.length, `${breachedOnce} of ${overdue.length}`);
  checks.check("inbound copies all answered without 5xx", inboundStatuses.length === INBOUND_COPIES && inboundStatuses.every((s) => s === 200), inboundStatuses.join(","));
  checks.check("one Message-ID posted 10× gives one message", inboundRows[0]?.n === 1 && inboundMessages[0]?.n === 1 && inboundTickets[0]?.n === 1);
  if (checks.failed > 0) console.log(`\nLast output:\n${[...servers.map((s) => s.output()), ...workers.map((w) => w.output())].join("\n").slice(-8000)}`);
} catch (error) {
  checks.check("the multi-process test ran", false, error instanceof Error ? error.message : String(error));
  console.log(`\nLast output:\n${[...servers.map((s) => s.output()), ...workers.map((w) => w.output())].join("\n").slice(-8000)}`);
} finally {
  await cleanup.run();
}
checks.finish();

/** How many timed-job passes have started, across every process (see server/jobs/timed-job-claim.ts). */
async function timedPasses(sql: postgres.Sql): Promise<number> {
  const [row] = await sql<{ passes: number }[]>`select coalesce(sum(passes), 0)::int as passes from timed_job_runs`;
  return row?.passes ?? 0;
}
