import "server-only";
import { sql } from "drizzle-orm";
import type { ImapFlow, MailboxObject } from "imapflow";
import type { Db } from "@/db/types";
import { ingestRawEmail, type InboundOutcome, type IngestOptions } from "@/server/email/inbound/ingest";
import type { ImapMailbox } from "./connect";
import { InboundStoreError, underlyingMessage } from "./error-message";
import { noteInboundProblem, saveUidCursor } from "./reader-state";

/**
 * Reading one open folder, message by message in UID order: fetch the raw
 * source, ingest it, tidy it up (mark read, move or delete), and only then
 * record its UID as handled. A crash anywhere in between reads the message
 * again on the next start, and ingest's Message-ID claim makes that second
 * reading a no-op: exactly one ticket, never a lost message.
 *
 * Where reading starts. The cursor (UIDVALIDITY, last UID) lives in the
 * mailbox row. With no cursor yet (a newly connected mailbox) or a changed
 * UIDVALIDITY (the server rebuilt the folder, so old UIDs mean nothing), the
 * messages not marked read are taken, then everything after the folder's
 * current last UID. "Unread" is the mark a mailbox people already use gives
 * to what nobody has handled; years of read mail do not become tickets. Mail
 * this reader handled is read (mark_seen) or gone (move, delete), so after a
 * rebuild only unhandled mail is taken again, and Message-ID dedupe drops any
 * overlap.
 */

export interface FolderCursor {
  uidValidity: number;
  lastUid: number;
}

export interface FolderReading {
  db: Db;
  mailbox: ImapMailbox;
  client: ImapFlow;
  ingest?: Pick<IngestOptions, "storageRoot" | "log" | "maxBytes" | "supportEmail">;
  onIngested?: (uid: number, outcome: InboundOutcome) => void;
  /** True once the reader was abandoned (killed): nothing more may be recorded. */
  abandoned: () => boolean;
  /** How often storing each UID has failed, kept across reconnects by the reader. */
  storeFailures: Map<number, number>;
  /** True once a stop was asked for: the message in hand is finished, then reading ends. */
  stopping: () => boolean;
  log: (line: string) => void;
}

/** Reading ended early on purpose: abandoned, or stopped during the first catch-up. */
export class ReadingInterrupted extends Error {
  constructor() {
    super("Reading the mailbox was interrupted.");
    this.name = "ReadingInterrupted";
  }
}

function checkAbandoned(reading: FolderReading) {
  if (reading.abandoned()) throw new ReadingInterrupted();
}

const ascending = (uids: number[] | false | undefined) => (uids || []).slice().sort((a, b) => a - b);

export async function startCursor(reading: FolderReading, folder: MailboxObject): Promise<FolderCursor> {
  const { db, mailbox, client } = reading;
  const uidValidity = Number(folder.uidValidity);
  if (mailbox.imapUidValidity === uidValidity) return { uidValidity, lastUid: mailbox.imapLastUid };
  if (mailbox.imapUidValidity !== null) {
    reading.log(`UIDVALIDITY of ${folder.path} changed (${mailbox.imapUidValidity} → ${uidValidity}): reading its unread messages again; ones already handled are dropped as duplicates.`);
  }
  const lastUid = folder.uidNext > 0 ? folder.uidNext - 1 : Math.max(0, ...ascending(await client.search({ all: true }, { uid: true })));
  for (const uid of ascending(await client.search({ seen: false }, { uid: true }))) {
    // Stopped halfway: no cursor yet, so the next start takes the still-unread rest.
    if (reading.stopping()) throw new ReadingInterrupted();
    if (uid <= lastUid) await handleMessage(reading, uid);
  }
  checkAbandoned(reading);
  await saveUidCursor(db, mailbox.id, uidValidity, lastUid);
  return { uidValidity, lastUid };
}

/** Handles every message after the cursor; returns the advanced cursor. */
export async function readNewMessages(reading: FolderReading, cursor: FolderCursor): Promise<FolderCursor> {
  // "n:*" always matches the last message, even below n: hence the filter.
  const found = await reading.client.search({ uid: `${cursor.lastUid + 1}:*` }, { uid: true });
  let lastUid = cursor.lastUid;
  for (const uid of ascending(found).filter((uid) => uid > cursor.lastUid)) {
    await handleMessage(reading, uid);
    checkAbandoned(reading);
    await saveUidCursor(reading.db, reading.mailbox.id, cursor.uidValidity, uid);
    lastUid = uid;
    if (reading.stopping()) break;
  }
  return { uidValidity: cursor.uidValidity, lastUid };
}

const maxStoreTries = 3;

/**
 * One message that ingest throws on every time (a bug meeting an odd email)
 * must not stop the mailbox: after a few tries, while the database itself
 * answers (so the failure is this message's, not an outage), it is passed
 * over and left untouched in the folder. During an outage nothing is passed
 * over: the reader retries until the database is back.
 */
async function isPoisonMessage(reading: FolderReading, uid: number): Promise<boolean> {
  const tries = (reading.storeFailures.get(uid) ?? 0) + 1;
  reading.storeFailures.set(uid, tries);
  if (tries < maxStoreTries) return false;
  const databaseAnswers = await reading.db.execute(sql`select 1`).then(
    () => true,
    () => false,
  );
  if (databaseAnswers) reading.storeFailures.delete(uid);
  return databaseAnswers;
}

async function handleMessage(reading: FolderReading, uid: number): Promise<void> {
  const { db, mailbox, client } = reading;
  const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
  // Gone meanwhile (someone deleted or moved it in their mail client): nothing to read.
  if (!message || !message.source) return;
  let outcome: InboundOutcome;
  try {
    outcome = await ingestRawEmail(db, message.source, { ...reading.ingest, source: "imap", mailboxId: mailbox.id });
  } catch (error) {
    if (!(await isPoisonMessage(reading, uid))) throw new InboundStoreError(uid, error);
    const problem = `Message UID ${uid} could not be stored as a ticket after ${maxStoreTries} tries (the server log has the error); it was left in the folder for a person to look at.`;
    reading.log(`${problem} Error: ${underlyingMessage(error)}`);
    await noteInboundProblem(db, mailbox.id, problem);
    return;
  }
  checkAbandoned(reading);
  reading.onIngested?.(uid, outcome);
  const problem = await applyProcessedAction(client, mailbox, uid);
  if (problem) {
    reading.log(problem);
    await noteInboundProblem(db, mailbox.id, problem);
  }
}

/**
 * Marks read, moves or deletes a handled message. A refusal (the move folder
 * is missing) is returned as a problem to show, not thrown: the message is a
 * ticket already, and intake must not stop over tidying up. A dropped
 * connection still throws, and the reader reconnects.
 */
async function applyProcessedAction(client: ImapFlow, mailbox: ImapMailbox, uid: number): Promise<string | null> {
  const range = String(uid);
  try {
    if (mailbox.imapProcessedAction === "move" && mailbox.imapMoveToFolder) {
      const moved = await client.messageMove(range, mailbox.imapMoveToFolder, { uid: true });
      if (moved) return null;
      return `Message UID ${uid} became a ticket but could not be moved to "${mailbox.imapMoveToFolder}": does that folder exist?`;
    }
    if (mailbox.imapProcessedAction === "delete") {
      // messageDelete flags \Deleted and expunges (UID EXPUNGE when the server has UIDPLUS).
      if (await client.messageDelete(range, { uid: true })) return null;
      return `Message UID ${uid} became a ticket but could not be deleted.`;
    }
    if (await client.messageFlagsAdd(range, ["\\Seen"], { uid: true })) return null;
    return `Message UID ${uid} became a ticket but could not be marked as read.`;
  } catch (error) {
    if (!client.usable) throw error;
    const text = error instanceof Error ? error.message : String(error);
    return `Message UID ${uid} became a ticket, but the server refused to ${mailbox.imapProcessedAction === "move" ? `move it to "${mailbox.imapMoveToFolder}"` : mailbox.imapProcessedAction === "delete" ? "delete it" : "mark it read"}: ${text}`;
  }
}
