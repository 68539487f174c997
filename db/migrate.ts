import "server-only";
import path from "node:path";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import type { OpenedDatabase } from "./client";

export const migrationsFolder = path.resolve(process.cwd(), "db/migrations");

// Any fixed number: it names the advisory lock that serializes migrations
// when several app processes start against one PostgreSQL at once.
const MIGRATION_LOCK_KEY = 725_104_211;

/** Applies every committed migration that the database has not seen yet. */
export async function migrateDatabase(database: OpenedDatabase): Promise<void> {
  if (database.driver === "pglite") {
    await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder });
    return;
  }
  // postgres-js pools connections: hold the lock on one reserved connection
  // while the pool runs the migrations.
  const reserved = await database.client.reserve();
  try {
    await reserved`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    await migratePostgres(database.db as unknown as PostgresJsDatabase, { migrationsFolder });
  } finally {
    await reserved`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
    reserved.release();
  }
}
