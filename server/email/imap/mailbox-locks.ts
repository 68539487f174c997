import "server-only";
import type { ReservedSql, Sql } from "postgres";
import type { OpenedDatabase } from "@/db/client";

/**
 * Who reads a mailbox: one reader per mailbox across every process. On
 * PostgreSQL, a session advisory lock per mailbox, all held on one reserved
 * connection: a worker that dies loses its connection and with it its locks,
 * so another worker takes over within one supervisor pass. The connection is
 * checked every pass; if it broke, the locks are gone and this process must
 * drop its readers at once (another may already read those mailboxes). On
 * the embedded database only one process can open the data folder, so an
 * in-process set is the whole guard.
 */

export interface MailboxLocks {
  /** True when this process now holds the mailbox (or already did). */
  tryAcquire: (mailboxId: string) => Promise<boolean>;
  release: (mailboxId: string) => Promise<void>;
  /** False once the locks were lost (the lock connection broke); acquire again after. */
  healthy: () => Promise<boolean>;
  close: () => Promise<void>;
}

// Namespace of the per-mailbox advisory locks (an arbitrary constant, next to the others in server/).
const mailboxReaderLock = 4_217_015;

export function mailboxLocks(database: OpenedDatabase): MailboxLocks {
  return database.driver === "postgres" ? advisoryLocks(database.client) : inProcessLocks();
}

const processHolder = globalThis as unknown as { __frontdeskImapReaders?: Set<string> };

function inProcessLocks(): MailboxLocks {
  const held = (processHolder.__frontdeskImapReaders ??= new Set());
  const mine = new Set<string>();
  return {
    tryAcquire: async (id) => {
      if (mine.has(id)) return true;
      if (held.has(id)) return false;
      held.add(id);
      mine.add(id);
      return true;
    },
    release: async (id) => {
      if (mine.delete(id)) held.delete(id);
    },
    healthy: async () => true,
    close: async () => {
      for (const id of mine) held.delete(id);
      mine.clear();
    },
  };
}

function advisoryLocks(sql: Sql): MailboxLocks {
  let session: ReservedSql | undefined;
  const mine = new Set<string>();
  const connection = async () => (session ??= await sql.reserve());
  const dropSession = () => {
    session?.release();
    session = undefined;
    mine.clear();
  };
  return {
    tryAcquire: async (id) => {
      if (mine.has(id)) return true;
      const reserved = await connection();
      const [row] = await reserved<{ locked: boolean }[]>`select pg_try_advisory_lock(${mailboxReaderLock}::int, hashtext(${id}::text)) as locked`;
      if (row?.locked) mine.add(id);
      return Boolean(row?.locked);
    },
    release: async (id) => {
      if (!mine.delete(id) || !session) return;
      await session`select pg_advisory_unlock(${mailboxReaderLock}::int, hashtext(${id}::text))`.catch(() => dropSession());
    },
    healthy: async () => {
      if (!session) return true;
      try {
        await session`select 1`;
        return true;
      } catch {
        dropSession();
        return false;
      }
    },
    close: async () => {
      if (!session) return;
      // Releasing the connection to the pool must not leave the locks held by it.
      await session`select pg_advisory_unlock_all()`.catch(() => {});
      dropSession();
    },
  };
}
