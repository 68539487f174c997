import "server-only";
import { inArray } from "drizzle-orm";
import type { OpenedDatabase } from "@/db/client";
import { mailboxes } from "@/db/schema";
import { startBackgroundLoop } from "@/server/background-loop";
import { mailboxLocks } from "./mailbox-locks";
import { startMailboxReader, type MailboxReader, type MailboxReaderOptions } from "./mailbox-reader";

/**
 * Keeps one reader per enabled IMAP mailbox running, in the worker or (with
 * inline jobs) in the app. Every pass (15 s) it compares the table with its
 * readers: a new mailbox gets a reader, a changed one (updatedAt moved: new
 * host, password, folder…) a fresh one, a disabled, push-only or deleted one
 * loses its reader. A mailbox is read only under its lock (mailbox-locks.ts),
 * so with several workers each mailbox has exactly one reader; one that
 * another worker holds is tried again on the next pass.
 */

export interface ImapSupervisorOptions {
  intervalMs?: number;
  reader?: MailboxReaderOptions;
  /** Only these mailboxes (tests that share one database with other tests). */
  mailboxIds?: string[];
}

interface Running {
  reader: MailboxReader;
  updatedAt: number;
}

export function startImapMailboxes(database: OpenedDatabase, options: ImapSupervisorOptions = {}): () => Promise<void> {
  const { db } = database;
  const locks = mailboxLocks(database);
  const running = new Map<string, Running>();

  async function stopReader(id: string, how: "stop" | "abandon" = "stop") {
    const entry = running.get(id);
    if (!entry) return;
    running.delete(id);
    await (how === "stop" ? entry.reader.stop() : entry.reader.abandon());
    await locks.release(id);
  }

  async function pass() {
    if (!(await locks.healthy())) {
      console.error("IMAP: the connection holding the mailbox locks broke; dropping this process's readers until they can be locked again.");
      await Promise.all([...running.keys()].map((id) => stopReader(id, "abandon")));
    }
    const rows = await db
      .select({ id: mailboxes.id, updatedAt: mailboxes.updatedAt, enabled: mailboxes.enabled, inboundTransport: mailboxes.inboundTransport, inboundState: mailboxes.inboundState })
      .from(mailboxes)
      .where(options.mailboxIds ? inArray(mailboxes.id, options.mailboxIds) : undefined);
    const wanted = new Map(rows.filter((row) => row.enabled && row.inboundTransport === "imap").map((row) => [row.id, row.updatedAt.getTime()]));

    for (const [id, entry] of running) {
      if (wanted.get(id) !== entry.updatedAt) await stopReader(id);
    }
    // Disabled or switched to push: say so on the admin page (whoever last read it may be gone).
    const idle = rows.filter((row) => !wanted.has(row.id) && row.inboundState !== "disabled" && row.inboundState !== "not started").map((row) => row.id);
    if (idle.length) {
      await db.update(mailboxes).set({ inboundState: "disabled", inboundError: null }).where(inArray(mailboxes.id, idle));
    }
    for (const [id, updatedAt] of wanted) {
      if (running.has(id) || !(await locks.tryAcquire(id))) continue;
      running.set(id, { reader: startMailboxReader(db, id, options.reader), updatedAt });
    }
  }

  const stopLoop = startBackgroundLoop("IMAP mailboxes", options.intervalMs ?? 15_000, pass);
  return async function stop() {
    await stopLoop();
    await Promise.all([...running.keys()].map((id) => stopReader(id)));
    await locks.close();
  };
}
