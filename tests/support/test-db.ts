import fs from "node:fs";
import { afterAll, inject } from "vitest";
import { openDatabase, type OpenedDatabase } from "@/db/client";

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
