import path from "node:path";
import { openDatabase } from "@/db/client";
import { FolderInUseError } from "@/db/folder-lock";
import { migrateDatabase } from "@/db/migrate";
import { dataDir, env } from "@/server/env";

/**
 * Opens (and migrates) the configured database for a command-line script. An
 * embedded database held by another process ends the script with the lock's
 * message and, when given, what to do instead.
 */
export async function openScriptDatabase(options: { whenHeld?: string } = {}) {
  try {
    const database = await openDatabase(env.DATABASE_URL ? { url: env.DATABASE_URL } : { pgliteDir: path.join(dataDir, "pglite") });
    await migrateDatabase(database);
    return database;
  } catch (error) {
    if (error instanceof FolderInUseError) {
      console.error(options.whenHeld ? `${error.message}\n${options.whenHeld}` : error.message);
      process.exit(1);
    }
    throw error;
  }
}
