import fs from "node:fs";
import { afterAll, expect, inject } from "vitest";
import { openDatabase, type OpenedDatabase } from "@/db/client";
import type { Db } from "@/db/types";

/**
 * The database for one test file: a private in-memory PGlite cloned from the
 * migrated snapshot, or the shared PostgreSQL of TEST_DATABASE_URL. Tests
 * never rely on a clean database: each creates the users and tickets it needs.
 */
export async function useTestDatabase(): Promise<OpenedDatabase> {
  const url = process.env.TEST_DATABASE_URL;
  const snapshot = inject("pgliteSnapshot");
  const database = url
    ? await openDatabase({ url })
    : await openDatabase({ pgliteDump: new Blob([fs.readFileSync(snapshot)]) });
  afterAll(() => database.close());
  return database;
}

export const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

class RolledBack extends Error {}

/**
 * Runs `work` in a transaction that is always rolled back, so other test
 * files sharing the database never see its changes (the one settings row,
 * calendars, admins). One snapshot: rows other files create meanwhile stay invisible.
 */
export async function inRolledBackTransaction(db: Db, work: (tx: Db) => Promise<void>) {
  const outcome = db.transaction(
    async (tx) => {
      await work(tx);
      throw new RolledBack();
    },
    { isolationLevel: "repeatable read" },
  );
  await expect(outcome).rejects.toBeInstanceOf(RolledBack);
}
