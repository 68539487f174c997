import "server-only";
import fs from "node:fs";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import type { Sql } from "postgres";
import * as schema from "./schema";
import { lockFolder } from "./folder-lock";
import { preparingRepeats } from "./prepare-repeats";
import type { Db } from "./types";

/**
 * Opens the database: embedded PGlite in a folder when no URL is given,
 * PostgreSQL through postgres-js otherwise. Same schema, same migrations.
 */
export type OpenedDatabase =
  | { driver: "pglite"; db: Db; client: PGlite; close: () => Promise<void> }
  | { driver: "postgres"; db: Db; client: Sql; close: () => Promise<void> };

/** A server URL, a PGlite folder, or an in-memory PGlite (empty, or loaded from a dump). */
export type DatabaseTarget = { url: string } | { pgliteDir: string } | { pgliteDump: Blob | null };

export async function openDatabase(target: DatabaseTarget): Promise<OpenedDatabase> {
  if ("url" in target) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    // No JIT: every query here is short, and compiling one costs a second on
    // these CPUs whenever the planner overestimates a join (the report spans).
    // Custom plans always: repeated statements are prepared (prepare-repeats.ts).
    const client = postgres(target.url, { max: 10, onnotice: () => {}, connection: { jit: "off", plan_cache_mode: "force_custom_plan" } });
    const db = drizzle({ client: preparingRepeats(client), schema, casing: "snake_case" }) as unknown as Db;
    return { driver: "postgres", db, client, close: () => client.end() };
  }

  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  let client: PGlite;
  let release = () => {};
  if ("pgliteDir" in target) {
    fs.mkdirSync(path.dirname(target.pgliteDir), { recursive: true });
    release = lockFolder(target.pgliteDir);
    try {
      client = await PGlite.create(target.pgliteDir);
    } catch (error) {
      release();
      throw error;
    }
  } else {
    // In memory: tests load a dump of an already-migrated database.
    client = await PGlite.create(target.pgliteDump ? { loadDataDir: target.pgliteDump } : {});
  }
  const db = drizzle({ client, schema, casing: "snake_case" }) as unknown as Db;
  return {
    driver: "pglite",
    db,
    client,
    close: async () => {
      await client.close();
      release();
    },
  };
}
