/**
 * Times searchTickets itself (no HTTP, no rendering) for single words of chosen ticket
 * frequencies, as the bench agent and as the busiest customer, on the database of DATABASE_URL:
 *
 *   DATABASE_URL=postgres://… npm run bench:search -- \
 *     [--runs 20] [--warmup 3] [--limit 25] [--words refund,transit] [--targets 0.1,0.5,1,2.5,5,20]
 *
 * Without --words it picks, for each target percentage, the word of a 1% sample of the tickets'
 * staff documents nearest to it, then counts its tickets exactly; a made-up word stands for a
 * word in no ticket. Prints a Markdown table of p50/p95 per word and viewer. It does not migrate
 * the database.
 */
import { parseArgs } from "node:util";
import { eq, sql } from "drizzle-orm";
import { rowsOf } from "@/db/rows";
import { tickets, users } from "@/db/schema";
import { searchTickets } from "@/server/tickets/ticket-lists";
import { loadActiveUser } from "@/server/users/session-user";
import { openDatabase } from "@/db/client";
import { env } from "@/server/env";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "20" },
    warmup: { type: "string", default: "3" },
    limit: { type: "string", default: "25" },
    words: { type: "string" },
    targets: { type: "string", default: "0.1,0.5,1,2.5,5,20" },
  },
});
const runs = Number(values.runs);
const warmup = Number(values.warmup);
const limit = Number(values.limit);

// No migration: a bench database is timed as it is (run npm run db:migrate first).
if (!env.DATABASE_URL) throw new Error("Set DATABASE_URL to the PostgreSQL database to time.");
const database = await openDatabase({ url: env.DATABASE_URL });
const { db } = database;
const [{ total } = { total: 0 }] = await db.select({ total: sql<number>`count(*)::int` }).from(tickets);

async function ticketsWith(word: string, column: "staff_search" | "public_search" = "staff_search") {
  const [row] = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from tickets where subject_search @@ websearch_to_tsquery('english', ${word}) or ${sql.raw(column)} @@ websearch_to_tsquery('english', ${word})`),
  );
  return Number(row?.n ?? 0);
}

async function pickWords(): Promise<string[]> {
  if (values.words) return values.words.split(",").map((w) => w.trim());
  const sample = rowsOf<{ word: string; ndoc: number; sampled: number }>(
    await db.execute(
      sql.raw(`select word, ndoc, (select count(*) from tickets tablesample system (1) repeatable (7))::int as sampled
             from ts_stat('select staff_search from tickets tablesample system (1) repeatable (7)') where word ~ '^[a-z]{4,}$'`),
    ),
  );
  const rows = sample.map((r) => ({ word: r.word, share: (100 * Number(r.ndoc)) / Number(r.sampled) }));
  const chosen = values.targets.split(",").map(Number).map((target) => rows.reduce((best, r) => (Math.abs(Math.log(r.share / target)) < Math.abs(Math.log(best.share / target)) ? r : best)).word);
  return [...chosen, "zqxjvbnonsense"];
}

const agentRow = await db.select({ id: users.id }).from(users).where(eq(users.email, "alex@frontdesk.example"));
const [busiest] = rowsOf<{ id: string }>(await db.execute(sql`select requester_id as id from tickets group by requester_id order by count(*) desc limit 1`));
const customerId = busiest?.id;
const agent = agentRow[0] && (await loadActiveUser(db, agentRow[0].id));
const customer = customerId && (await loadActiveUser(db, customerId));
if (!agent || !customer) throw new Error("The bench agent (alex@frontdesk.example) or a customer is missing: seed first.");
const [{ own } = { own: 0 }] = await db.select({ own: sql<number>`count(*)::int` }).from(tickets).where(eq(tickets.requesterId, customer.id));

const median = (xs: number[], p = 0.5) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? 0;

console.log(`${total} tickets; agent ${agent.email}; customer ${customer.email} (${own} tickets); ${runs} runs after ${warmup} warm-up, ${limit} a page\n`);
console.log("| word | tickets (staff) | share | agent p50 | agent p95 | customer p50 | customer p95 | hits (agent/customer) |");
console.log("|---|---:|---:|---:|---:|---:|---:|---:|");
for (const word of await pickWords()) {
  const count = await ticketsWith(word);
  const cells: string[] = [];
  const hits: number[] = [];
  for (const viewer of [agent, customer]) {
    const times: number[] = [];
    let found = 0;
    for (let i = 0; i < warmup + runs; i++) {
      const started = performance.now();
      const page = await searchTickets(db, viewer, { query: word, limit });
      const ms = performance.now() - started;
      if (i >= warmup) times.push(ms);
      found = page.items.length;
    }
    cells.push(median(times).toFixed(1), median(times, 0.95).toFixed(1));
    hits.push(found);
  }
  console.log(`| ${word} | ${count} | ${((100 * count) / Math.max(total, 1)).toFixed(2)}% | ${cells.join(" | ")} | ${hits.join("/")} |`);
}
await database.close();
process.exit(0);
