/**
 * `npm run db:seed -- --tickets N`: a large, realistic data set for
 * benchmarks. Two years of tickets ending now (see ./arrivals), each played
 * out by ./ticket-life on top of the grown demo cast (./bulk-cast).
 *
 * On PostgreSQL the rows stream through COPY into tables whose indexes and
 * foreign keys are dropped for the load and rebuilt after it (./bulk-indexes);
 * on PGlite they go in as batched INSERTs, which suits tens of thousands of
 * tickets. Either way the ticket number sequence is moved past the seeded
 * numbers and the planner statistics are refreshed at the end.
 */
import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import type { OpenedDatabase } from "@/db/client";
import { Random } from "../random";
import { arrivalTimes } from "./arrivals";
import { seedBulkCast } from "./bulk-cast";
import { dropIndexesForLoad, type IndexRestore } from "./bulk-indexes";
import { copySink, emptyRows, insertSink, type RowSink } from "./row-sinks";
import { silentProgress, type SeedProgress } from "./seed-progress";
import { bulkTables, playBulkTicket } from "./ticket-life";

const DAY = 86_400_000;
const FIRST_NUMBER = 1000;

export interface BulkSeedOptions {
  tickets: number;
  now?: Date;
  /** Length of the window, ending now. */
  days?: number;
  seed?: number;
  progress?: SeedProgress;
  /** Tickets per batch handed to the sink. */
  batchSize?: number;
}

export interface BulkSeedSummary {
  tickets: number;
  messages: number;
  events: number;
  clocks: number;
  ratings: number;
  customers: number;
  organizations: number;
  seconds: { people: number; rows: number; indexes: number; rollups: number; analyze: number };
}

export async function seedBulkData(database: OpenedDatabase, options: BulkSeedOptions): Promise<BulkSeedSummary> {
  const progress = options.progress ?? silentProgress;
  const now = options.now ?? new Date();
  const windowStart = new Date(now.getTime() - (options.days ?? 730) * DAY);
  const random = new Random(options.seed ?? 20_240_601);
  const { db } = database;
  const clock = { started: Date.now(), lap: Date.now() };
  const lap = () => {
    const seconds = (Date.now() - clock.lap) / 1000;
    clock.lap = Date.now();
    return seconds;
  };

  progress.note(`Creating people, teams, categories and SLA policies…`);
  const cast = await db.transaction((tx) => seedBulkCast(tx, { tickets: options.tickets, now, windowStart, random }));
  const people = lap();

  let restore: IndexRestore | null = null;
  if (database.driver === "postgres") {
    progress.note("Dropping indexes and foreign keys of the ticket tables for the load…");
    // Rough row counts steer the rebuild order (largest first).
    const n = options.tickets;
    restore = await dropIndexesForLoad(database.client, bulkTables, { messages: 5 * n, ticket_events: 10 * n, ticket_slas: 2 * n, tickets: n, satisfaction_ratings: n / 4 });
  }

  // The report rollups are rebuilt in one pass after the load, not row by row through their
  // triggers, and so are the tickets' search documents (migration 0017).
  await switchReportTriggers(db, "disable");
  await switchSearchTriggers(db, "disable");
  const counts = { tickets: 0, messages: 0, events: 0, clocks: 0, ratings: 0 };
  let rowsSeconds = 0;
  let indexSeconds = 0;
  try {
    const sink: RowSink = database.driver === "postgres" ? await copySink(database.client) : insertSink(db);
    const batchSize = options.batchSize ?? (database.driver === "postgres" ? 2000 : 250);
    progress.start(options.tickets, "tickets");
    let rows = emptyRows();
    let inBatch = 0;
    const flush = async () => {
      counts.messages += rows.messages.length;
      counts.events += rows.ticket_events.length;
      counts.clocks += rows.ticket_slas.length;
      counts.ratings += rows.satisfaction_ratings.length;
      await sink.write(rows);
      progress.advance(inBatch);
      rows = emptyRows();
      inBatch = 0;
    };
    for (const createdAt of arrivalTimes(options.tickets, windowStart.getTime(), now.getTime(), random)) {
      playBulkTicket(cast, random, FIRST_NUMBER + counts.tickets, createdAt, now.getTime(), crypto.randomUUID(), rows);
      counts.tickets += 1;
      inBatch += 1;
      if (inBatch === batchSize) await flush();
    }
    if (inBatch > 0) await flush();
    await sink.finish();
    progress.finish();
    // Before the indexes are rebuilt, so the search documents' GIN indexes are built once, full.
    progress.note("Filling the tickets' search documents…");
    await switchSearchTriggers(db, "enable");
    await db.execute(sql`select ticket_search_rebuild_all()`);
    rowsSeconds = lap();
  } catch (error) {
    if (restore) {
      // Leave an empty, fully indexed schema behind rather than a half-loaded one without indexes.
      progress.note("Seeding failed: emptying the ticket tables and restoring their indexes…");
      await db.execute(sql.raw(`truncate table ${bulkTables.join(", ")} cascade`));
      await restore.restore(() => {});
    }
    await switchSearchTriggers(db, "enable");
    await switchReportTriggers(db, "enable");
    await db.execute(sql`select report_rollups_rebuild()`);
    throw error;
  }

  if (restore) {
    progress.note("Building indexes and foreign keys (the longest step after the load)…");
    const extra = await restore.restore((name, done, total) => progress.note(`  [${done + 1}/${total}] ${name} (${((Date.now() - clock.lap) / 1000).toFixed(0)} s so far)`));
    for (const line of extra) progress.note(`Note: appeared during the load (a migration run meanwhile?): ${line}`);
    indexSeconds = lap();
  }

  progress.note("Counting the report rollups…");
  await switchReportTriggers(db, "enable");
  await db.execute(sql`select report_rollups_rebuild()`);
  const rollups = lap();

  // Numbers were given explicitly, in creation order: move the sequence past them.
  await db.execute(sql`select setval('ticket_number_seq', (select coalesce(max(number), ${FIRST_NUMBER - 1}) from tickets))`);
  progress.note(database.driver === "postgres" ? "Vacuuming and analyzing…" : "Analyzing…");
  // VACUUM also sets the visibility map, so index-only scans work from the first query, as on a live database.
  await db.execute(sql.raw(database.driver === "postgres" ? "vacuum (analyze)" : "analyze"));
  const analyze = lap();

  return {
    ...counts,
    customers: cast.customers.length,
    organizations: new Set(cast.customers.map((c) => c.organizationId).filter(Boolean)).size,
    seconds: { people, rows: rowsSeconds, indexes: indexSeconds, rollups, analyze },
  };
}

/** The triggers that keep report_rollups (migration 0009), per table. */
const reportTriggers = ["tickets:ticket", "ticket_slas:sla", "satisfaction_ratings:rating", "ticket_events:event"].flatMap((pair) => {
  const [table, name] = pair.split(":");
  return ["insert", "update", "delete"].map((op) => ({ table: table!, trigger: `report_rollups_${name}_${op}` }));
});

/** The triggers that keep tickets.staff_search and public_search (migration 0017). */
const searchTriggers = ["insert", "update", "delete"].map((op) => `ticket_search_messages_${op}`);

async function switchSearchTriggers(db: OpenedDatabase["db"], action: "enable" | "disable"): Promise<void> {
  for (const trigger of searchTriggers) await db.execute(sql.raw(`alter table messages ${action} trigger ${trigger}`));
}

async function switchReportTriggers(db: OpenedDatabase["db"], action: "enable" | "disable"): Promise<void> {
  for (const { table, trigger } of reportTriggers) await db.execute(sql.raw(`alter table ${table} ${action} trigger ${trigger}`));
}
