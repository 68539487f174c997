import path from "node:path";
import { openDatabase } from "@/db/client";
import { FolderInUseError } from "@/db/folder-lock";
import { migrateDatabase } from "@/db/migrate";
import { dataDir, env } from "@/server/env";

/** Opens (and migrates) the configured database for a command-line script. */
export async function openScriptDatabase() {
  try {
    const database = await openDatabase(env.DATABASE_URL ? { url: env.DATABASE_URL } : { pgliteDir: path.join(dataDir, "pglite") });
    await migrateDatabase(database);
    return database;
  } catch (error) {
    if (error instanceof FolderInUseError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
