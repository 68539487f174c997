/**
 * `npm run bench -- --load`: the load test's mix (scripts/loadtest/load-clients.ts,
 * the same code `npm run loadtest` runs) against the bench database, next to
 * the framework floor under the same number of clients. First every client
 * loads only the floor page (/desk/admin/settings, as the admin) for the
 * duration; then the mix runs for the same duration. Prints one Markdown table
 * (requests/s, p50, p95 and p95 ÷ the floor's p95 per kind), the two goals of
 * issue 16 (the mix at ≥ 70% of the floor's requests/s, every read's p95 within
 * 4× the floor's), and the resident memory of the app and of PostgreSQL.
 * The mix's writes (its customers, their tickets, the replies and notes it
 * added to seeded tickets, the emails queued for them) are removed afterwards,
 * found by the run's markers, unless `keepWrites` (or the run is interrupted).
 * What those replies changed on the seeded tickets they answered (at most the
 * 200 newest open ones: status, owner, first response, history events) stays,
 * as it would after a morning's work; a later run picks the same tickets.
 * As in the rest of the bench, background jobs are left to a worker and none
 * runs: emails are queued, not sent, and the worker's CPU is not in the run.
 */
import type postgres from "postgres";
import { CREATIONS_PER_CUSTOMER, defaultCustomerClients, requestKinds, runLoad, type RequestKind } from "../loadtest/load-clients";
import { prepareLoadAccounts, replyableTickets } from "../loadtest/load-database";
import { percentile, type BenchSession } from "./bench-client";
import { childProcessGroups, describeMemory, memoryOf, postgresClusterPids } from "./process-memory";

/** The floor page: the desk layout, session and role check, sidebar counts and one settings row (see bench.ts). */
const FLOOR_URL = "/desk/admin/settings";
const READ_KINDS: readonly RequestKind[] = ["queue", "ticket", "search", "portal", "portal-ticket"];
/** Goals of issue 16, item 3. */
const THROUGHPUT_GOAL = 0.7;
const READ_P95_GOAL = 4;

export interface LoadBenchOptions {
  sql: postgres.Sql;
  /** Signed in as an admin: the floor page needs the admin role. Every floor client shares this session. */
  admin: BenchSession;
  clients: number;
  seconds: number;
  /** Pages to load once each before measuring, so the first compile of a route is in neither run. */
  warmUpUrls: string[];
  keepWrites: boolean;
}

interface Row {
  kind: string;
  samples: number[];
  statuses: Map<string, number>;
  seconds: number;
}

/** `clients` loops loading the floor page for `seconds`. */
async function floorUnderLoad(admin: BenchSession, clients: number, seconds: number): Promise<Row> {
  const row: Row = { kind: "floor (admin settings)", samples: [], statuses: new Map(), seconds };
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < deadline) {
        const sent = performance.now();
        let status = "network";
        try {
          const response = await admin.request("GET", FLOOR_URL);
          await response.text();
          status = String(response.status);
        } catch {
          // Counted as "network" below, as the load test counts it.
        }
        row.samples.push(performance.now() - sent);
        row.statuses.set(status, (row.statuses.get(status) ?? 0) + 1);
      }
    }),
  );
  row.seconds = (performance.now() - started) / 1000;
  return row;
}

/** Everything the run wrote, found by its markers: its customers' tickets, its replies and notes on seeded tickets, and the emails queued for either. */
async function removeLoadWrites(sql: postgres.Sql, runId: string, seededNumbers: number[]): Promise<{ tickets: number; messages: number; customers: number }> {
  return sql.begin(async (tx) => {
    const customers = tx`select id from users where email like ${`load-${runId}-%@load-test.example`}`;
    const tickets = tx`select id from tickets where requester_id in (${customers})`;
    const messages = tx`select id from messages where ticket_id in (select id from tickets where number = any(${seededNumbers})) and body like ${`%ltm${runId}c%`}`;
    await tx`delete from outbox where ticket_id in (${tickets}) or ticket_message_id in (${messages})`;
    const removedMessages = await tx`delete from messages where id in (${messages})`;
    const removedTickets = await tx`delete from tickets where id in (${tickets})`;
    const removedCustomers = await tx`delete from users where id in (${customers})`;
    return { tickets: removedTickets.count, messages: removedMessages.count, customers: removedCustomers.count };
  });
}

function printTable(floor: Row, mix: Row[]): void {
  const sorted = (row: Row) => [...row.samples].sort((a, b) => a - b);
  const floorP95 = percentile(sorted(floor), 0.95);
  const ms = (n: number) => n.toFixed(1);
  console.log("\n| kind | n | requests/s | p50 ms | p95 ms | p95 ÷ floor p95 | statuses |");
  console.log("|---|---:|---:|---:|---:|---:|---|");
  for (const row of [floor, ...mix]) {
    const samples = sorted(row);
    if (samples.length === 0) continue;
    const statuses = [...row.statuses]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([status, n]) => `${status}×${n}`)
      .join(" ");
    const p95 = percentile(samples, 0.95);
    console.log(`| ${row.kind} | ${samples.length} | ${(samples.length / row.seconds).toFixed(1)} | ${ms(percentile(samples, 0.5))} | ${ms(p95)} | ${(p95 / floorP95).toFixed(2)}× | ${statuses} |`);
  }

  const mixSeconds = mix[0]?.seconds ?? NaN;
  const mixRate = mix.reduce((n, row) => n + row.samples.length, 0) / mixSeconds;
  const floorRate = floor.samples.length / floor.seconds;
  const reads = mix.filter((row) => (READ_KINDS as readonly string[]).includes(row.kind) && row.samples.length > 0);
  const worst = reads.map((row) => ({ kind: row.kind, ratio: percentile(sorted(row), 0.95) / floorP95 })).sort((a, b) => b.ratio - a.ratio)[0];
  const verdict = (ok: boolean) => (ok ? "reached" : "not reached");
  console.log(`\nMix: ${mixRate.toFixed(1)} requests/s; floor: ${floorRate.toFixed(1)} requests/s; mix ÷ floor ${((mixRate / floorRate) * 100).toFixed(0)}% (goal ≥ ${THROUGHPUT_GOAL * 100}%: ${verdict(mixRate / floorRate >= THROUGHPUT_GOAL)}).`);
  if (worst) console.log(`Worst read p95: ${worst.kind}, ${worst.ratio.toFixed(2)}× the floor's ${ms(floorP95)} ms (goal ≤ ${READ_P95_GOAL}×: ${verdict(worst.ratio <= READ_P95_GOAL)}).`);
}

async function printMemory(sql: postgres.Sql): Promise<void> {
  console.log(`\nResident memory at the end of the mix:`);
  console.log(`- app (next start, its process group): ${describeMemory(memoryOf(childProcessGroups()))}`);
  const host = sql.options.host[0] ?? "";
  const local = ["127.0.0.1", "localhost", "::1", "[::1]"].includes(host) || host.startsWith("/");
  // The cluster's background processes and this database's connections: other databases' connections are left out.
  const ours = await sql<{ pid: number; connection: boolean }[]>`
    select pid, backend_type = 'client backend' as connection from pg_stat_activity
    where datname = current_database() or backend_type <> 'client backend'`;
  // Each of them is a child of the postmaster, which postgresClusterPids lists first.
  const cluster = local && ours[0] ? postgresClusterPids(ours[0].pid) : [];
  const listed = new Set(ours.map((row) => row.pid));
  const connections = ours.filter((row) => row.connection).length;
  console.log(`- PostgreSQL (postmaster, background processes and the ${connections} connections to this database): ${describeMemory(memoryOf(cluster.filter((pid, i) => i === 0 || listed.has(pid))))}`);
  console.log(`- PostgreSQL (the whole cluster, other databases' connections included): ${describeMemory(memoryOf(cluster))}`);
}

export async function benchUnderLoad(options: LoadBenchOptions): Promise<void> {
  const { sql, admin, clients, seconds } = options;
  const customerClients = defaultCustomerClients(clients);
  const runId = Date.now().toString(36);
  const ticketNumbers = await replyableTickets(sql);
  if (ticketNumbers.length === 0) throw new Error("No open ticket to reply to.");
  try {
    const accounts = await prepareLoadAccounts(sql, runId, customerClients);
    for (const url of [FLOOR_URL, ...options.warmUpUrls]) await admin.get(url);
    console.log(`Floor: ${clients} clients load ${FLOOR_URL} for ${seconds} s…`);
    const floor = await floorUnderLoad(admin, clients, seconds);
    console.log(`Mix: ${clients} clients (${customerClients} customers), the load test's mix…`);
    const result = await runLoad({ baseUrls: [admin.baseUrl], clients, customerClients, seconds, runId, accounts, ticketNumbers, creationsPerCustomer: CREATIONS_PER_CUSTOMER });
    const mix = requestKinds.map((kind) => ({ kind, samples: result.samples.get(kind) ?? [], statuses: result.statuses.get(kind) ?? new Map<string, number>(), seconds: result.seconds }));
    printTable(floor, mix);
    await printMemory(sql);
  } finally {
    if (options.keepWrites) console.log(`\nKept the mix's writes (markers ltm${runId}c…, customers load-${runId}-…@load-test.example).`);
    else {
      const removed = await removeLoadWrites(sql, runId, ticketNumbers);
      console.log(`\nRemoved the mix's writes: ${removed.tickets} tickets, ${removed.messages} replies and notes on seeded tickets, ${removed.customers} customers.`);
    }
  }
}
