import "server-only";
import { eq } from "drizzle-orm";
import { mailboxes } from "@/db/schema";
import type { Db } from "@/db/types";

/**
 * What the admin page shows about a mailbox's inbound connection, and where
 * the reader is in its folder. These writes never touch updatedAt: that
 * column means "an admin changed the settings", and the supervisor restarts
 * a reader when it moves.
 */

export type InboundState = "connecting" | "idle" | "polling" | "error" | "disabled";

export async function setInboundState(db: Db, mailboxId: string, state: InboundState, error: string | null): Promise<void> {
  await db.update(mailboxes).set({ inboundState: state, inboundError: error, inboundCheckedAt: new Date() }).where(eq(mailboxes.id, mailboxId));
}

/** The folder was just looked at: the admin page shows when. */
export async function markInboundChecked(db: Db, mailboxId: string): Promise<void> {
  await db.update(mailboxes).set({ inboundCheckedAt: new Date() }).where(eq(mailboxes.id, mailboxId));
}

/** A processed message was fine but its tidy-up failed (say, the move folder is missing): shown, without stopping intake. */
export async function noteInboundProblem(db: Db, mailboxId: string, problem: string): Promise<void> {
  await db.update(mailboxes).set({ inboundError: problem, inboundCheckedAt: new Date() }).where(eq(mailboxes.id, mailboxId));
}

/** Everything up to `lastUid` (in the folder generation `uidValidity`) is handled. */
export async function saveUidCursor(db: Db, mailboxId: string, uidValidity: number, lastUid: number): Promise<void> {
  await db.update(mailboxes).set({ imapUidValidity: uidValidity, imapLastUid: lastUid }).where(eq(mailboxes.id, mailboxId));
}
