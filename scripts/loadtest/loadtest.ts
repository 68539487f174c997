/**
 * npm run loadtest [-- --clients 50 --seconds 60 --customers 15 --port 3200 --db-prefix frontdesk_load --admin-url postgres://… --keep-database]
 * npm run loadtest -- --url http://127.0.0.1:3000 --database-url postgres://…/frontdesk   (a server already running)
 *
 * Load on the production build against PostgreSQL, loopback only and bounded
 * in time: customers open tickets through the portal's tRPC mutation and read
 * the portal, staff read the queue, ticket pages and search and write replies
 * and internal notes. Prints requests/s, p50/p95 and status counts per kind,
 * then proves from the database that every acknowledged write is stored
 * exactly once. Exits non-zero on any 5xx, any request left unanswered, or
 * any lost or duplicated write.
 *
 * Without --url it creates a fresh database beside --admin-url, migrates and
 * seeds it with the demo data, starts `next start` (build first with
 * `npx next build`) on a free port from --port, and drops the database at the
 * end. With --url it only adds its own customer accounts to that database.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { freePort, hasProductionBuild, startBenchServer, type BenchServer } from "../bench/bench-server";
import { Cleanup } from "./cleanup";
import { CREATIONS_PER_CUSTOMER, defaultCustomerClients, runLoad } from "./load-clients";
import { createLoadDatabase, DEFAULT_ADMIN_URL, prepareLoadAccounts, replyableTickets, seedDemoDatabase } from "./load-database";
import { Checks, printLoadTable, statusTotals } from "./load-report";
import { checkLedger, checkWrites, describeLedger } from "./write-ledger";

const root = path.resolve(import.meta.dirname, "../..");
const { values } = parseArgs({
  options: {
    clients: { type: "string", default: "50" },
    seconds: { type: "string", default: "60" },
    customers: { type: "string" },
    url: { type: "string" },
    "database-url": { type: "string" },
    "admin-url": { type: "string", default: DEFAULT_ADMIN_URL },
    "db-prefix": { type: "string", default: "frontdesk_load" },
    port: { type: "string", default: "3200" },
    "keep-database": { type: "boolean", default: false },
  },
});
const clients = Number(values.clients);
const seconds = Number(values.seconds);
const customerClients = values.customers === undefined ? defaultCustomerClients(clients) : Number(values.customers);
if (!Number.isInteger(clients) || clients < 2 || clients > 500 || !(seconds > 0 && seconds <= 3600) || !(customerClients >= 1 && customerClients < clients)) {
  console.error("Use --clients 2–500, --seconds up to 3600 and --customers between 1 and clients − 1.");
  process.exit(1);
}

const cleanup = new Cleanup();
const checks = new Checks();
let server: BenchServer | null = null;
try {
  let databaseUrl = values["database-url"] ?? process.env.DATABASE_URL;
  let baseUrl = values.url;
  if (baseUrl) {
    if (!databaseUrl) throw new Error("--url needs --database-url (or DATABASE_URL): the writes are checked in the database.");
    if (!["127.0.0.1", "localhost", "[::1]"].includes(new URL(baseUrl).hostname)) throw new Error("The load test only sends traffic to this machine (loopback).");
  } else {
    if (!hasProductionBuild(root)) throw new Error("No production build in .next: run `npx next build` first (the load test runs `next start`).");
    const database = await createLoadDatabase(values["admin-url"], values["db-prefix"]);
    if (!values["keep-database"]) cleanup.add("drop database", () => database.drop());
    databaseUrl = database.url;
    console.log(`Database ${database.name}: migrating and seeding the demo data…`);
    await seedDemoDatabase(root, databaseUrl);
    const port = await freePort(Number(values.port));
    console.log(`Starting next start on port ${port}…`);
    server = await startBenchServer({ root, port, databaseUrl, env: { BACKGROUND_JOBS: "inline" } });
    const started = server;
    cleanup.add("stop server", () => started.stop());
    baseUrl = server.baseUrl;
  }

  const sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
  cleanup.add("close connections", () => sql.end());
  const runId = Date.now().toString(36);
  const accounts = await prepareLoadAccounts(sql, runId, customerClients);
  const ticketNumbers = await replyableTickets(sql);
  if (ticketNumbers.length === 0) throw new Error("No open ticket to reply to.");

  const result = await runLoad({ baseUrls: [baseUrl], clients, customerClients, seconds, runId, accounts, ticketNumbers, creationsPerCustomer: CREATIONS_PER_CUSTOMER });
  printLoadTable(result);
  const totals = statusTotals(result);
  const ledger = await checkLedger(sql, runId, result.writes);
  console.log(`\n${describeLedger(ledger)}`);

  checks.check("no 5xx answers", totals.serverErrors === 0, `${totals.serverErrors}`);
  checks.check("every request answered", totals.networkErrors === 0, `${totals.networkErrors} without an answer`);
  checkWrites(checks, result.writes, ledger);
  if (checks.failed > 0 && server) console.log(`\nThe server's last output:\n${server.output().slice(-4000)}`);
} catch (error) {
  checks.check("the load test ran", false, error instanceof Error ? error.message : String(error));
  if (server) console.log(`\nThe server's last output:\n${server.output().slice(-4000)}`);
} finally {
  await cleanup.run();
}
checks.finish();
