import { getAuthSecret, MissingSecretError } from "./auth/secret";
import { getDatabase } from "./db";

/**
 * Server start (Node.js runtime only): refuse a production start without a
 * secret, then open the database so migrations (and, on a fresh embedded
 * database, the demo seed) run before the first request rather than in it.
 */
export async function startServer(): Promise<void> {
  try {
    getAuthSecret();
  } catch (error) {
    if (error instanceof MissingSecretError) {
      console.error(`\n${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const database = await getDatabase();
  console.log(`Database ready (${database.driver === "pglite" ? "embedded PGlite in the data folder" : "PostgreSQL"}).`);
}
