/**
 * Times the new-ticket form's article suggestions (suggestArticles, the
 * query behind knowledge.suggest; no HTTP) at 10,000 articles, in a
 * throwaway database it creates, migrates, fills and removes:
 *
 *   npm run bench:suggest                        # embedded PGlite in a temp folder
 *   npm run bench:suggest -- --pg [--admin-url postgres://postgres@127.0.0.1:5432/postgres]
 *                                                # a new database on a loopback PostgreSQL, dropped at the end
 *   options: --articles 10000 --runs 30 --warmup 3
 *
 * Articles are 120–320 words drawn Zipf-like from a vocabulary of support
 * words and filler (so common words match thousands of articles, rare ones
 * a few); 90% are published, with every visibility. Subjects mix common
 * and rare words, with and without an article holding all of them (the
 * any-word fallback). Prints p50/p95 per viewer (anonymous, a customer).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { articleCategories, articles, articleSections } from "@/db/schema";
import { openDatabase, type OpenedDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { slugOf } from "@/lib/article-slug";
import { suggestArticles } from "@/server/knowledge/article-suggestions";
import { createLoadDatabase, DEFAULT_ADMIN_URL, type LoadDatabase } from "../loadtest/load-database";

const { values } = parseArgs({
  options: {
    pg: { type: "boolean", default: false },
    "admin-url": { type: "string", default: DEFAULT_ADMIN_URL },
    articles: { type: "string", default: "10000" },
    runs: { type: "string", default: "30" },
    warmup: { type: "string", default: "3" },
  },
  allowPositionals: false,
});
const articleCount = Math.min(Number(values.articles), 100_000);
const runs = Number(values.runs);
const warmup = Number(values.warmup);
const pgAdmin = values.pg ? values["admin-url"] : null;

const supportWords = (
  "account password reset login sign email invoice billing refund payment card charge subscription plan upgrade downgrade cancel order shipping delivery tracking " +
  "return exchange warranty printer laptop phone battery screen keyboard mouse network wifi vpn router firewall install update download upload file folder share " +
  "permission access admin user profile settings notification alert error crash slow freeze timeout sync backup restore export import report dashboard calendar " +
  "meeting schedule booking address phone number verify code security twofactor token api integration webhook browser cookie cache mobile app android iphone " +
  "desktop windows mac linux license key activation trial discount coupon tax receipt statement currency language timezone privacy data delete merge duplicate"
).split(" ");
let seed = 7;
const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
const syllables = ["ka", "lo", "mi", "ner", "ta", "vu", "sel", "dra", "po", "quin", "bar", "te", "zo", "rim", "fa"];
const filler = Array.from({ length: 3000 }, () => Array.from({ length: 2 + Math.floor(random() * 3) }, () => syllables[Math.floor(random() * syllables.length)]).join(""));
const vocabulary = [...supportWords, ...filler];
/** Zipf-like: word i is drawn with weight 1/(i+1), so the first support words are everywhere and the tail is rare. */
const cumulative = vocabulary.map((_, i) => 1 / (i + 1)).reduce<number[]>((sums, w) => [...sums, (sums.at(-1) ?? 0) + w], []);
const total = cumulative.at(-1)!;
function word(): string {
  const target = random() * total;
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (cumulative[mid]! < target) low = mid + 1;
    else high = mid;
  }
  return vocabulary[low]!;
}
const words = (n: number) => Array.from({ length: n }, word).join(" ");

async function open(): Promise<{ database: OpenedDatabase; cleanup: () => Promise<void>; where: string }> {
  if (pgAdmin) {
    const host = new URL(pgAdmin).hostname;
    if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host)) throw new Error(`--pg must point at a loopback PostgreSQL (got ${host}).`);
    const throwaway: LoadDatabase = await createLoadDatabase(pgAdmin, "frontdesk_bench_suggest");
    const database = await openDatabase({ url: throwaway.url });
    return { database, where: `PostgreSQL (${throwaway.name}, dropped afterwards)`, cleanup: async () => { await database.close(); await throwaway.drop(); } };
  }
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "frontdesk-bench-suggest-"));
  const database = await openDatabase({ pgliteDir: path.join(folder, "db") });
  return { database, where: `PGlite (${folder}, removed afterwards)`, cleanup: async () => { await database.close(); fs.rmSync(folder, { recursive: true, force: true }); } };
}

const { database, cleanup, where } = await open();
try {
  const { db } = database;
  await migrateDatabase(database);
  const [category] = await db.insert(articleCategories).values({ name: "Bench" }).returning({ id: articleCategories.id });
  const sections = await db.insert(articleSections).values(Array.from({ length: 20 }, (_, i) => ({ categoryId: category!.id, name: `Section ${i + 1}` }))).returning({ id: articleSections.id });
  const started = performance.now();
  for (let done = 0; done < articleCount; done += 500) {
    const batch = Array.from({ length: Math.min(500, articleCount - done) }, (_, i) => {
      const title = words(4 + Math.floor(random() * 5));
      const roll = random();
      return {
        title,
        slug: slugOf(title),
        body: `${words(120 + Math.floor(random() * 200))}.`,
        sectionId: sections[(done + i) % sections.length]!.id,
        state: roll < 0.9 ? ("published" as const) : ("draft" as const),
        visibility: roll < 0.6 ? ("public" as const) : roll < 0.8 ? ("signed_in" as const) : ("internal" as const),
      };
    });
    await db.insert(articles).values(batch);
  }
  await database.db.execute("analyze articles");
  console.log(`${where}: ${articleCount} articles inserted in ${Math.round(performance.now() - started)} ms; ${runs} runs per subject after ${warmup} warm-up\n`);

  const subjects = [
    "Cannot reset my password",
    "Refund for a double charge on my card",
    "Printer shows an error after the update",
    "VPN timeout on the new laptop",
    "How do I export the dashboard report to a file",
    "Invoice tax receipt missing for my subscription",
    `${filler[2500]} ${filler[2900]} keeps crashing`,
    "zqxj nothing matches this at all",
  ];
  const viewers = { anonymous: null, customer: { id: "00000000-0000-0000-0000-000000000000", role: "customer" as const, organizationId: null } };
  const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? 0;
  const ms = (n: number) => n.toFixed(1);
  console.log("| subject | hits | anonymous p50 | anonymous p95 | customer p50 | customer p95 |");
  console.log("|---|---:|---:|---:|---:|---:|");
  const all: Record<keyof typeof viewers, number[]> = { anonymous: [], customer: [] };
  for (const subject of subjects) {
    const cells: string[] = [];
    let hits = 0;
    for (const [name, viewer] of Object.entries(viewers) as [keyof typeof viewers, (typeof viewers)[keyof typeof viewers]][]) {
      const times: number[] = [];
      for (let run = 0; run < warmup + runs; run++) {
        const t = performance.now();
        hits = (await suggestArticles(db, viewer, subject)).length;
        if (run >= warmup) times.push(performance.now() - t);
      }
      all[name].push(...times);
      cells.push(ms(percentile(times, 0.5)), ms(percentile(times, 0.95)));
    }
    console.log(`| ${subject} | ${hits} | ${cells.join(" | ")} |`);
  }
  console.log(`\nAll subjects: anonymous p50 ${ms(percentile(all.anonymous, 0.5))} ms, p95 ${ms(percentile(all.anonymous, 0.95))} ms; customer p50 ${ms(percentile(all.customer, 0.5))} ms, p95 ${ms(percentile(all.customer, 0.95))} ms`);
} finally {
  await cleanup();
}
