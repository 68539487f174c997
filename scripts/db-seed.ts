/**
 * npm run db:seed [-- --reset] [-- --tickets N]
 * Creates the demo data. Refuses a database that already has users unless
 * --reset is given, which empties every table first.
 */
import { parseArgs } from "node:util";
import { count } from "drizzle-orm";
import { users } from "@/db/schema";
import { demoSignIns, resetDatabase, seedDemoData } from "@/db/seed/demo-data";
import { demoPassword } from "@/db/seed/demo-people";
import { openScriptDatabase } from "./open-database";

const { values } = parseArgs({
  options: { reset: { type: "boolean", default: false }, tickets: { type: "string", default: "400" } },
});
const ticketCount = Number(values.tickets);
if (!Number.isInteger(ticketCount) || ticketCount < 1) {
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
    const summary = await seedDemoData(database.db, { tickets: ticketCount });
    console.log(`Seeded ${summary.tickets} tickets and ${summary.messages} messages in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    console.log(`Sign in with (password for all: ${demoPassword}):`);
    for (const signIn of demoSignIns()) console.log(`  ${signIn.role.padEnd(9)} ${signIn.email}`);
  }
} finally {
  await database.close();
}
