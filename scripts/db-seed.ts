/**
 * npm run db:seed [-- --reset]              the demo (400 tickets over 120 days)
 * npm run db:seed -- --tickets N [--reset]  a bulk data set: N tickets over two years (see scripts/seed/bulk)
 * Refuses a database that already has users unless --reset is given, which
 * empties every table first. Bulk seeds show progress on stderr.
 */
import { parseArgs } from "node:util";
import { count } from "drizzle-orm";
import { users } from "@/db/schema";
import { seedBulkData } from "@/scripts/seed/bulk/bulk-seed";
import { stderrProgress } from "@/scripts/seed/bulk/seed-progress";
import { demoSignIns, resetDatabase, seedDemoData } from "@/scripts/seed/demo-data";
import { demoPassword } from "@/scripts/seed/demo-people";
import { openScriptDatabase } from "./open-database";

const { values } = parseArgs({
  options: { reset: { type: "boolean", default: false }, tickets: { type: "string" } },
});
const ticketCount = values.tickets === undefined ? null : Number(values.tickets);
if (ticketCount !== null && (!Number.isInteger(ticketCount) || ticketCount < 1)) {
  console.error("--tickets takes a whole number of at least 1.");
  process.exit(1);
}

const database = await openScriptDatabase();
try {
  const [row] = await database.db.select({ n: count() }).from(users);
  if ((row?.n ?? 0) > 0 && !values.reset) {
    console.error("The database already has data. Run `npm run db:seed -- --reset` to empty it and seed again.");
    process.exitCode = 1;
  } else {
    if (values.reset) await resetDatabase(database.db);
    const started = Date.now();
    if (ticketCount === null) {
      const summary = await seedDemoData(database.db);
      console.log(`Seeded ${summary.tickets} tickets and ${summary.messages} messages in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    } else {
      if (database.driver === "pglite" && ticketCount > 50_000) {
        console.error(`Note: ${ticketCount.toLocaleString("en-US")} tickets on embedded PGlite will be slow; set DATABASE_URL to seed PostgreSQL.`);
      }
      const summary = await seedBulkData(database, { tickets: ticketCount, progress: stderrProgress() });
      const { seconds } = summary;
      console.log(
        `Seeded ${summary.tickets} tickets, ${summary.messages} messages, ${summary.events} events, ${summary.clocks} SLA clocks, ${summary.ratings} ratings ` +
          `for ${summary.customers} customers in ${((Date.now() - started) / 1000).toFixed(1)} s ` +
          `(people ${seconds.people.toFixed(1)} s, rows ${seconds.rows.toFixed(1)} s, indexes ${seconds.indexes.toFixed(1)} s, report rollups ${seconds.rollups.toFixed(1)} s, vacuum/analyze ${seconds.analyze.toFixed(1)} s).`,
      );
    }
    console.log(`Sign in with (password for all: ${demoPassword}):`);
    for (const signIn of demoSignIns()) console.log(`  ${signIn.role.padEnd(9)} ${signIn.email}`);
  }
} finally {
  await database.close();
}
