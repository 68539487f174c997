/**
 * npm run bench [-- --runs 40 --warmup 5 --budget-seconds 30 --create-seconds 10 --search invoice --port 3500 --keep-tickets --skip-reports]
 * npm run bench -- --load [--clients 50 --load-seconds 60 --port 3500 --keep-tickets]
 *
 * Measures the production build against the PostgreSQL database in
 * DATABASE_URL (seed one with `npm run db:seed -- --tickets N`): starts
 * `next start`, signs in, then times sequential page loads (p50/p95 after a
 * warm-up) and ticket creation through the API with 1 and 8 concurrent
 * clients, and through the REST API (POST /api/v1/tickets with a bearer
 * token) with 1, 8 and 32 clients. A URL stops early once it has used its time budget (after at
 * least 5 measured runs), so a slow page shows as few samples, not as a
 * benchmark that never ends. Prints a Markdown table; ratios are to the
 * floor page's p50.
 * Tickets the benchmark created are deleted at the end unless --keep-tickets.
 *
 * With --load it measures throughput under concurrency instead: --clients
 * clients load the floor page for --load-seconds, then run the load test's mix
 * for as long (see scripts/bench/load-bench.ts).
 */
import path from "node:path";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { env } from "@/server/env";
import { newTokenSecret } from "@/server/api-tokens/token-secret";
import { BenchSession, percentile, timed } from "./bench/bench-client";
import { benchUnderLoad } from "./bench/load-bench";
import { freePort, hasProductionBuild, startBenchServer, type BenchServer } from "./bench/bench-server";

/**
 * The reports to time; extend this list as reports are added. The page itself
 * renders a shell (its reports load client-side through tRPC), so each report
 * is timed as the GET the dashboard makes, for the page's default range (the
 * last 30 days, by day) and for the last 12 months by month.
 */
const REPORT_PAGES = ["/desk/reports"];
const REPORT_PROCEDURES = ["summary", "volume", "backlog", "responseTimes", "sla", "satisfaction", "reopens", "agents", "breakdown"];
const REPORT_RANGES = [
  { label: "30d", days: 30, bucket: "day" },
  { label: "12m", days: 365, bucket: "month" },
];

function reportUrls(today: Date): { name: string; url: string }[] {
  const date = (daysAgo: number) => new Date(today.getTime() - daysAgo * 86_400_000).toISOString().slice(0, 10);
  return [
    ...REPORT_PAGES.map((url) => ({ name: `report page ${url}`, url })),
    ...REPORT_RANGES.flatMap((range) =>
      REPORT_PROCEDURES.map((procedure) => {
        const input = { from: date(range.days - 1), to: date(0), timeZone: "UTC", bucket: range.bucket, filters: {}, ...(procedure === "breakdown" ? { dimension: "team" } : {}) };
        return { name: `report ${procedure} ${range.label}`, url: `/api/trpc/reports.${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}` };
      }),
    ),
  ];
}

const BENCH_SUBJECT = "Bench ticket";
const PASSWORD = "frontdesk";
const root = path.resolve(import.meta.dirname, "..");

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "40" },
    warmup: { type: "string", default: "5" },
    "budget-seconds": { type: "string", default: "30" },
    "create-seconds": { type: "string", default: "10" },
    search: { type: "string", default: "invoice" },
    port: { type: "string", default: "3500" },
    "keep-tickets": { type: "boolean", default: false },
    /** Only the floor, queue, ticket and search pages and creation: a quick repeat of the goals that compare to the floor. */
    "skip-reports": { type: "boolean", default: false },
    /** Throughput and p50/p95 under concurrent clients: the floor page alone, then the load test's mix. */
    load: { type: "boolean", default: false },
    clients: { type: "string", default: "50" },
    "load-seconds": { type: "string", default: "60" },
  },
});
const runs = Number(values.runs);
const warmup = Number(values.warmup);
const createSeconds = Number(values["create-seconds"]);
const budgetMs = Number(values["budget-seconds"]) * 1000;
const loadClients = Number(values.clients);
const loadSeconds = Number(values["load-seconds"]);
if (values.load && (!Number.isInteger(loadClients) || loadClients < 2 || loadClients > 500 || !(loadSeconds > 0 && loadSeconds <= 3600))) {
  console.error("Use --clients 2–500 and --load-seconds up to 3600.");
  process.exit(1);
}

if (!env.DATABASE_URL) {
  console.error("npm run bench needs DATABASE_URL (a PostgreSQL database seeded with `npm run db:seed -- --tickets N`).");
  process.exit(1);
}
if (!hasProductionBuild(root)) {
  console.error("No production build in .next: run `npx next build` first (the benchmark measures `next start`).");
  process.exit(1);
}
const databaseUrl = env.DATABASE_URL;

interface Result {
  name: string;
  url: string;
  samples: number[];
  perSecond?: number;
}

const sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
let server: BenchServer | null = null;
const stopServer = async () => {
  await server?.stop();
  server = null;
};
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void stopServer().then(() => process.exit(130)));

try {
  const [size] = await sql<{ tickets: number; messages: number }[]>`
    select (select count(*) from tickets)::int as tickets, (select count(*) from messages)::int as messages`;
  // A recent ticket with a real conversation: what an agent opens all day.
  const [recent] = await sql<{ number: number }[]>`
    select t.number from tickets t
    where t.subject not like ${BENCH_SUBJECT + "%"} and (select count(*) from messages m where m.ticket_id = t.id) >= 4
    order by t.number desc limit 1`;
  if (!size || !recent) throw new Error("The database has no seeded tickets: run `npm run db:seed -- --tickets N` first.");
  console.log(`Database: ${size.tickets.toLocaleString("en-US")} tickets, ${size.messages.toLocaleString("en-US")} messages.`);

  const port = await freePort(Number(values.port));
  console.log(`Starting next start on port ${port}…`);
  try {
    // The API's per-token limit (600 a minute by default) would measure the limiter, not the write.
    server = await startBenchServer({ root, port, databaseUrl, env: { API_RATE_LIMIT_PER_MINUTE: "1000000" } });
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  }

  const manager = await BenchSession.signIn(server.baseUrl, "manager@frontdesk.example", PASSWORD);
  const admin = await BenchSession.signIn(server.baseUrl, "admin@frontdesk.example", PASSWORD);
  const agent = await BenchSession.signIn(server.baseUrl, "alex@frontdesk.example", PASSWORD);

  if (values.load) {
    const warmUpUrls = ["/desk?view=open", `/desk/tickets/${recent.number}`, `/desk?q=${encodeURIComponent(values.search)}`];
    await benchUnderLoad({ sql, admin, clients: loadClients, seconds: loadSeconds, warmUpUrls, keepWrites: values["keep-tickets"] });
  } else {
    // The floor: /desk/admin/settings goes through the same desk layout (session
    // check, role check, the sidebar's view counts) and reads one settings row,
    // but runs no ticket query of its own, so what a page costs above it is the
    // page's own work. It needs the admin role, so the admin session loads it.
    const pages: { name: string; url: string; session: BenchSession }[] = [
      { name: "floor (admin settings)", url: "/desk/admin/settings", session: admin },
      { name: "queue (open)", url: "/desk?view=open", session: manager },
      { name: "ticket page", url: `/desk/tickets/${recent.number}`, session: manager },
      { name: `search "${values.search}"`, url: `/desk?q=${encodeURIComponent(values.search)}`, session: manager },
      ...(values["skip-reports"] ? [] : reportUrls(new Date()).map((report) => ({ ...report, session: manager }))),
    ];
    const results: Result[] = [];
    for (const page of pages) {
      const started = performance.now();
      for (let i = 0; i < warmup; i += 1) await page.session.get(page.url);
      const samples: number[] = [];
      for (let i = 0; i < runs && (i < 5 || performance.now() - started < budgetMs); i += 1) samples.push(await timed(() => page.session.get(page.url)));
      results.push({ name: page.name, url: page.url, samples });
      console.log(`  ${page.name}: done`);
    }

    const categories = await agent.trpcQuery<{ id: string }[]>("categories.list");
    const categoryId = categories[0]?.id;
    if (!categoryId) throw new Error("categories.list returned no category.");
    let created = 0;
    const createOne = () =>
      agent.trpcMutation("tickets.create", {
        subject: `${BENCH_SUBJECT} ${(created += 1)}`,
        body: "The benchmark opened this ticket to measure creation throughput.",
        categoryId,
      });
    const measureCreation = async (name: string, url: string, clientCounts: number[], create: () => Promise<unknown>) => {
      for (let i = 0; i < warmup; i += 1) await create();
      for (const clients of clientCounts) {
        const samples: number[] = [];
        const started = performance.now();
        const deadline = started + createSeconds * 1000;
        await Promise.all(
          Array.from({ length: clients }, async () => {
            while (performance.now() < deadline) samples.push(await timed(create));
          }),
        );
        const seconds = (performance.now() - started) / 1000;
        results.push({ name: `${name} ×${clients} client${clients > 1 ? "s" : ""}`, url, samples, perSecond: samples.length / seconds });
        console.log(`  ${name} with ${clients} client(s): done`);
      }
    };
    await measureCreation("create", "POST /api/trpc/tickets.create", [1, 8], createOne);

    // The same agent, through the REST API with a token made for the run.
    const token = newTokenSecret();
    await sql`insert into api_tokens (user_id, name, prefix, secret_hash, scopes)
      select id, ${BENCH_SUBJECT}, ${token.prefix}, ${token.secretHash}, ${["tickets:write"]} from users where email = 'alex@frontdesk.example'`;
    const baseUrl = server.baseUrl;
    const createByApi = async () => {
      const response = await fetch(`${baseUrl}/api/v1/tickets`, {
        method: "POST",
        headers: { authorization: `Bearer ${token.token}`, "content-type": "application/json" },
        body: JSON.stringify({ subject: `${BENCH_SUBJECT} ${(created += 1)}`, body: "The benchmark opened this ticket through the REST API.", category_id: categoryId }),
        signal: AbortSignal.timeout(60_000),
      });
      if (response.status !== 201) throw new Error(`POST /api/v1/tickets answered ${response.status}: ${await response.text()}`);
      await response.arrayBuffer();
    };
    await measureCreation("API create", "POST /api/v1/tickets", [1, 8, 32], createByApi);

    const floor = percentile([...(results[0]?.samples ?? [])].sort((a, b) => a - b), 0.5);
    const ms = (n: number) => n.toFixed(1);
    console.log(`\n${size.tickets.toLocaleString("en-US")} tickets · ${runs} runs after ${warmup} warm-up · ticket #${recent.number}\n`);
    console.log("| name | p50 ms | p95 ms | p50 / floor | n | tickets/s |");
    console.log("|---|---:|---:|---:|---:|---:|");
    for (const result of results) {
      const sorted = [...result.samples].sort((a, b) => a - b);
      const p50 = percentile(sorted, 0.5);
      const ratio = result.perSecond === undefined ? `${(p50 / floor).toFixed(2)}×` : "";
      console.log(`| ${result.name} | ${ms(p50)} | ${ms(percentile(sorted, 0.95))} | ${ratio} | ${sorted.length} | ${result.perSecond === undefined ? "" : result.perSecond.toFixed(1)} |`);
    }
  }
} finally {
  await stopServer();
  if (!values["keep-tickets"]) {
    const removed = await sql`
      with bench as (select id from tickets where subject like ${BENCH_SUBJECT + " %"} and requester_id = (select id from users where email = 'alex@frontdesk.example'))
      , outbox as (delete from outbox where ticket_id in (select id from bench))
      delete from tickets where id in (select id from bench)`;
    if (removed.count > 0) console.log(`\nRemoved the ${removed.count} tickets the benchmark created.`);
  }
  await sql`delete from api_tokens where name = ${BENCH_SUBJECT}`;
  await sql.end();
}
