import "server-only";
import type { ImapFlow } from "imapflow";
import type { Db } from "@/db/types";
import type { InboundOutcome } from "@/server/email/inbound/ingest";
import { connectImap, imapEndpoint, loadImapMailbox, openFolder, supportsIdle } from "./connect";
import { imapErrorMessage, InboundStoreError, underlyingMessage } from "./error-message";
import { ReadingInterrupted, readNewMessages, startCursor, type FolderReading } from "./read-folder";
import { markInboundChecked, setInboundState } from "./reader-state";

/**
 * One mailbox's inbound connection: connect, open the folder, read what is
 * new (read-folder.ts), then wait for more, in IDLE when the server offers
 * it (a new message wakes the reader at once) or by polling. Any failure
 * closes the connection, is shown on the mailbox (inboundState "error" and a
 * readable inboundError), and the reader tries again after 1 s, 2 s, 4 s, …
 * up to 5 minutes. It reads the row afresh on every connection, so the
 * cursor it resumes from is the one last committed.
 *
 * Exactly one reader per mailbox at a time is the supervisor's job
 * (mailbox-supervisor.ts); a reader started alone trusts its caller.
 */

export interface MailboxReaderOptions {
  /** Polling interval when the server has no IDLE or `idle` is false. */
  pollIntervalMs?: number;
  /** false: poll even when the server offers IDLE. */
  idle?: boolean;
  /** IDLE is restarted this often: servers drop IDLE sessions after 30 minutes, imapflow an inactive socket after 5. */
  idleRestartMs?: number;
  firstRetryMs?: number;
  maxRetryMs?: number;
  ingest?: FolderReading["ingest"];
  onIngested?: (uid: number, outcome: InboundOutcome) => void;
  log?: (line: string) => void;
}

export interface MailboxReader {
  /** Finishes the message in hand, logs out, and resolves once the reader has stopped. */
  stop: () => Promise<void>;
  /**
   * Drops the connection at once, like a killed process: the message in hand
   * is neither tidied up nor recorded (the next reader reads it again).
   * Used when this process loses the mailbox's lock, and by tests.
   */
  abandon: () => Promise<void>;
}

const defaults = { pollIntervalMs: 30_000, idleRestartMs: 4 * 60_000, firstRetryMs: 1_000, maxRetryMs: 5 * 60_000 };

export function startMailboxReader(db: Db, mailboxId: string, options: MailboxReaderOptions = {}): MailboxReader {
  const settings = { ...defaults, ...options };
  const log = options.log ?? ((line: string) => console.log(`[imap ${mailboxId}] ${line}`));
  let stopped = false;
  let abandoned = false;
  let client: ImapFlow | undefined;
  // Wakes whatever the loop is waiting on (IDLE, a poll interval, a retry delay).
  let wake = () => {};
  let news = false;
  const storeFailures = new Map<number, number>();

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = () => {};
        resolve();
      }
      wake = done;
    });

  /** Until a new message, the interval, or a stop; a connection the server closed throws. */
  async function waitForNews(open: ImapFlow, useIdle: boolean) {
    if (news || stopped) return;
    // The IDLE command ends when the next command is sent; its own result is not needed.
    if (useIdle) void open.idle().catch(() => {});
    await pause(useIdle ? settings.idleRestartMs : settings.pollIntervalMs);
    if (!open.usable && !stopped) throw Object.assign(new Error("the server closed the connection"), { code: "EConnectionClosed" });
    // Some servers (Exchange among them) report new mail only in answer to a NOOP.
    if (!useIdle && !stopped) await open.noop();
  }

  async function connectAndRead(): Promise<void> {
    const mailbox = await loadImapMailbox(db, mailboxId);
    if (!mailbox) {
      stopped = true;
      return;
    }
    const endpoint = imapEndpoint(mailbox);
    try {
      await setInboundState(db, mailboxId, "connecting", null);
      const open = await connectImap(db, mailbox);
      client = open;
      if (stopped) return;
      // Only while this is the reader's connection: a late event must not cut short a retry delay.
      open.on("exists", () => {
        if (client !== open) return;
        news = true;
        wake();
      });
      open.on("close", () => {
        if (client === open) wake();
      });
      const folder = await openFolder(open, mailbox);
      const useIdle = settings.idle !== false && supportsIdle(open);
      const reading: FolderReading = { db, mailbox, client: open, ingest: options.ingest, onIngested: options.onIngested, abandoned: () => abandoned, stopping: () => stopped, storeFailures, log };
      // Connected, in this mode, before the first catch-up: problems noted while reading stay visible.
      await setInboundState(db, mailboxId, useIdle ? "idle" : "polling", null);
      log(`reading ${folder.path} of ${mailbox.address} ${useIdle ? "(IDLE)" : `(polling every ${Math.round(settings.pollIntervalMs / 1000)} s)`}`);
      let cursor = await startCursor(reading, folder);
      failures = 0;
      while (!stopped) {
        news = false;
        cursor = await readNewMessages(reading, cursor);
        if (stopped) break;
        await markInboundChecked(db, mailboxId);
        await waitForNews(open, useIdle);
      }
      await open.logout().catch(() => {});
    } catch (error) {
      if (abandoned || error instanceof ReadingInterrupted) return;
      if (stopped) return;
      failures++;
      const message = imapErrorMessage(error, endpoint);
      const cause = error instanceof InboundStoreError ? ` Error: ${underlyingMessage(error.cause)}` : "";
      log(`${message}${cause} Retrying in ${Math.round(retryDelay() / 1000)} s.`);
      await setInboundState(db, mailboxId, "error", message).catch(() => {});
    } finally {
      const closing = client;
      client = undefined;
      closing?.close();
    }
  }

  let failures = 0;
  const retryDelay = () => Math.min(settings.maxRetryMs, settings.firstRetryMs * 2 ** Math.max(0, failures - 1));

  const running = (async () => {
    while (!stopped && !abandoned) {
      await connectAndRead().catch((error: unknown) => {
        // Writing the state itself failed (the database is down): retry like any failure.
        failures++;
        log(`failed: ${error instanceof Error ? error.message : String(error)}`);
      });
      if (!stopped && !abandoned) await pause(retryDelay());
    }
  })();

  return {
    stop: async () => {
      stopped = true;
      wake();
      await running;
    },
    abandon: async () => {
      abandoned = true;
      stopped = true;
      const dropping = client;
      client = undefined;
      dropping?.close();
      wake();
      await running;
    },
  };
}
