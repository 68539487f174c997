import crypto from "node:crypto";
import fs from "node:fs";
import { inject } from "vitest";
import { openDatabase, type OpenedDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";

/**
 * A fresh, migrated database of its own, for tests that insert fixed data
 * (the seeds): a private PGlite, or a throwaway PostgreSQL database when
 * TEST_DATABASE_URL is set. `dispose` closes it and drops it if it was created.
 */
export async function openFreshDatabase(prefix = "frontdesk_seed"): Promise<{ database: OpenedDatabase; dispose: () => Promise<void> }> {
  const snapshot = inject("pgliteSnapshot");
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (snapshot) {
    const database = await openDatabase({ pgliteDump: new Blob([fs.readFileSync(snapshot)]) });
    return { database, dispose: () => database.close() };
  }
  if (!serverUrl) throw new Error("No PGlite snapshot and no TEST_DATABASE_URL");
  const { default: postgres } = await import("postgres");
  const name = `${prefix}_${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString() });
  const dispose = async () => {
    await database.close();
    await admin.unsafe(`drop database if exists "${name}"`);
    await admin.end();
  };
  try {
    await migrateDatabase(database);
  } catch (error) {
    await dispose();
    throw error;
  }
  return { database, dispose };
}
