import "server-only";
import path from "node:path";
import { openDatabase, type OpenedDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { seedDemoDataIfEmpty } from "@/scripts/seed/demo-data";
import type { Db } from "@/db/types";
import { dataDir, env } from "./env";

/**
 * The app's one database handle, opened lazily on first use (never at build
 * time) and kept on globalThis so hot reloads in development reuse it. The
 * first open migrates, and on a fresh embedded database seeds the demo data.
 */
const holder = globalThis as unknown as { __frontdeskDatabase?: Promise<OpenedDatabase> };

async function startDatabase(): Promise<OpenedDatabase> {
  const database = await openDatabase(
    env.DATABASE_URL ? { url: env.DATABASE_URL } : { pgliteDir: path.join(dataDir, "pglite") },
  );
  await migrateDatabase(database);
  const seed = env.DEMO_SEED === "always" || (env.DEMO_SEED === "auto" && database.driver === "pglite");
  if (seed) await seedDemoDataIfEmpty(database.db, { log: console.log });
  return database;
}

export function getDatabase(): Promise<OpenedDatabase> {
  if (!holder.__frontdeskDatabase) {
    holder.__frontdeskDatabase = startDatabase().catch((error: unknown) => {
      holder.__frontdeskDatabase = undefined;
      throw error;
    });
  }
  return holder.__frontdeskDatabase;
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}
