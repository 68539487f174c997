import "server-only";
import { eq } from "drizzle-orm";
import { inboundMessages, tickets, type InboundStatus } from "@/db/schema";
import type { DbOrTx } from "@/db/types";

/**
 * The inbound_messages ledger: one row per Message-ID, whatever became of
 * the email. Its unique index is what makes a second delivery, even a
 * concurrent one, a no-op that reports the first one's outcome.
 */

export interface InboundOutcome {
  status: InboundStatus;
  reason: string;
  ticketNumber?: number;
  /** True when this Message-ID was seen before: nothing was done this time. */
  duplicate: boolean;
  messageId: string;
}

export interface InboundRecord {
  messageIdHeader: string;
  fromAddress: string | null;
  subject: string | null;
  status: InboundStatus;
  reason: string;
  size: number;
  /** The mailbox it came in through, when known. */
  mailboxId?: string | null;
}

/** Reason text written while an email is being processed; never visible outside its transaction. */
export const processingReason = "processing";

const clip = (text: string | null, length: number) => (text === null ? null : Array.from(text).slice(0, length).join(""));

/**
 * Claims the Message-ID by inserting its row. Returns the new row's id, or
 * null when the Message-ID is already there (waiting, on PostgreSQL, for a
 * concurrent claimer's transaction to finish first).
 */
export async function claimMessageId(db: DbOrTx, record: InboundRecord): Promise<string | null> {
  const [row] = await db
    .insert(inboundMessages)
    .values({ ...record, fromAddress: clip(record.fromAddress, 320), subject: clip(record.subject, 998) })
    .onConflictDoNothing({ target: inboundMessages.messageIdHeader })
    .returning({ id: inboundMessages.id });
  return row?.id ?? null;
}

export async function finishInbound(
  db: DbOrTx,
  id: string,
  outcome: { status: InboundStatus; reason: string; ticketId?: string; ticketMessageId?: string },
): Promise<void> {
  await db
    .update(inboundMessages)
    .set({ status: outcome.status, reason: outcome.reason, ticketId: outcome.ticketId ?? null, ticketMessageId: outcome.ticketMessageId ?? null })
    .where(eq(inboundMessages.id, id));
}

/** Records an outcome decided without touching tickets (ignored, rejected); a repeat reports the first. */
export async function recordInbound(db: DbOrTx, record: InboundRecord): Promise<InboundOutcome> {
  const id = await claimMessageId(db, record);
  if (!id) return earlierOutcome(db, record.messageIdHeader);
  return { status: record.status, reason: record.reason, duplicate: false, messageId: record.messageIdHeader };
}

export async function earlierOutcome(db: DbOrTx, messageIdHeader: string): Promise<InboundOutcome> {
  const [row] = await db
    .select({ status: inboundMessages.status, reason: inboundMessages.reason, ticketNumber: tickets.number })
    .from(inboundMessages)
    .leftJoin(tickets, eq(tickets.id, inboundMessages.ticketId))
    .where(eq(inboundMessages.messageIdHeader, messageIdHeader));
  if (!row) throw new Error(`Inbound message ${messageIdHeader} conflicted on insert but cannot be read`);
  return {
    status: row.status,
    reason: row.reason ?? "",
    ...(row.ticketNumber !== null ? { ticketNumber: row.ticketNumber } : {}),
    duplicate: true,
    messageId: messageIdHeader,
  };
}
