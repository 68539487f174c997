/**
 * npm run mail:ingest < message.eml
 * Ingests one raw RFC 822 email from standard input, e.g. from a mail
 * server's pipe transport. Exit status for the mail server: 0 when the email
 * was processed, ignored or already seen; 1 when it is rejected (bounce it);
 * 75 (EX_TEMPFAIL) when it could not be processed now (queue and retry).
 */
import path from "node:path";
import { Readable } from "node:stream";
import { openDatabase, type OpenedDatabase } from "@/db/client";
import { FolderInUseError } from "@/db/folder-lock";
import { migrateDatabase } from "@/db/migrate";
import { ingestRawEmail } from "@/server/email/inbound/ingest";
import { readLimited } from "@/server/email/inbound/read-limited";
import { dataDir, env } from "@/server/env";

const exitTemporaryFailure = 75;

async function openIngestDatabase(): Promise<OpenedDatabase | null> {
  try {
    const database = await openDatabase(env.DATABASE_URL ? { url: env.DATABASE_URL } : { pgliteDir: path.join(dataDir, "pglite") });
    await migrateDatabase(database);
    return database;
  } catch (error) {
    if (!(error instanceof FolderInUseError)) throw error;
    console.error(error.message);
    console.error(
      "While the app is running, send the email to it instead: POST the raw message to /api/inbound/mime " +
        "with Authorization: Bearer <INBOUND_SECRET> (set INBOUND_SECRET for the app), for example:\n" +
        `  curl --data-binary @message.eml -H "Authorization: Bearer $INBOUND_SECRET" ${env.APP_URL}/api/inbound/mime`,
    );
    return null;
  }
}

const raw = await readLimited(Readable.toWeb(process.stdin) as ReadableStream<Uint8Array>, env.INBOUND_MAX_BYTES);
const database = await openIngestDatabase();
if (!database) process.exit(exitTemporaryFailure);
try {
  const outcome = await ingestRawEmail(database.db, raw, { source: "cli", log: () => {} });
  const ticket = outcome.ticketNumber ? ` (ticket #${outcome.ticketNumber})` : "";
  console.log(`${outcome.duplicate ? "duplicate: already " : ""}${outcome.status}${ticket}: ${outcome.reason}`);
  console.log(`Message-ID: ${outcome.messageId}`);
  process.exitCode = outcome.status === "rejected" ? 1 : 0;
} catch (error) {
  console.error("The email could not be processed now:", error);
  process.exitCode = exitTemporaryFailure;
} finally {
  await database.close();
}
