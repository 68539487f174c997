import { and, eq, inArray, isNotNull } from "drizzle-orm";
import { messages, outbox, tickets } from "@/db/schema";
import type { DbOrTx } from "@/db/types";
import { parseReplyAddress, verifyReplySignature } from "@/server/email/reply-address";
import { findVisibleTicket } from "@/server/tickets/ticket-detail";
import { isStaff, type SessionUser } from "@/server/users/session-user";

/**
 * Which existing ticket an inbound email replies to, if any. Candidates, in
 * order of trust:
 *   1. a signed reply address of ours among the recipients (a bad signature
 *      counts as no address at all);
 *   2. In-Reply-To / References naming an email we sent (outbox) or one we
 *      received onto a ticket (messages.email_message_id);
 *   3. a [#1042] ticket number in the subject.
 * Whatever names the ticket, the sender must be someone who may see it (the
 * same scope as the portal and desk); a candidate they may not see is passed
 * over, and with none left the email opens a new ticket. A stranger's mail is
 * never posted on someone else's ticket. A merged ticket's mail follows it to
 * the ticket it was merged into.
 *
 * Staff are the exception to rule 3: they may see every ticket, and a From
 * header is easy to forge, so a guessable number plus an agent's address
 * would let anyone send "agent replies" to any customer. Staff mail must
 * carry something only our own emails carry (the signed address or one of
 * our Message-IDs).
 */

export type RouteVia = "reply address" | "In-Reply-To/References" | "subject";

export interface ReplyRoute {
  ticketNumber: number;
  via: RouteVia;
}

export interface RoutingHints {
  recipients: readonly string[];
  referencedIds: readonly string[];
  subject: string;
}

const maxMergeHops = 5;

export async function findReplyTarget(db: DbOrTx, sender: SessionUser, hints: RoutingHints, supportEmail: string): Promise<ReplyRoute | null> {
  const candidates: { ticketId: string; via: RouteVia }[] = [
    ...(await byReplyAddress(db, hints.recipients, supportEmail)).map((ticketId) => ({ ticketId, via: "reply address" as const })),
    ...(await byReferences(db, hints.referencedIds)).map((ticketId) => ({ ticketId, via: "In-Reply-To/References" as const })),
    ...(isStaff(sender) ? [] : await bySubjectNumber(db, hints.subject)).map((ticketId) => ({ ticketId, via: "subject" as const })),
  ];
  const tried = new Set<string>();
  for (const candidate of candidates) {
    const ticketId = await followMerges(db, candidate.ticketId);
    if (tried.has(ticketId)) continue;
    tried.add(ticketId);
    const visible = await findVisibleTicket(db, sender, eq(tickets.id, ticketId));
    if (visible) return { ticketNumber: visible.number, via: candidate.via };
  }
  return null;
}

async function byReplyAddress(db: DbOrTx, recipients: readonly string[], supportEmail: string): Promise<string[]> {
  const claims = recipients.flatMap((address) => parseReplyAddress(address, supportEmail) ?? []);
  if (claims.length === 0) return [];
  const rows = await db
    .select({ id: tickets.id, number: tickets.number })
    .from(tickets)
    .where(inArray(tickets.number, [...new Set(claims.map((claim) => claim.number))]));
  return claims.flatMap((claim) => {
    const ticket = rows.find((row) => row.number === claim.number);
    return ticket && verifyReplySignature(ticket.id, claim.signature) ? [ticket.id] : [];
  });
}

/** Tickets of the referenced emails, in the order the email names them (In-Reply-To first). */
async function byReferences(db: DbOrTx, referencedIds: readonly string[]): Promise<string[]> {
  if (referencedIds.length === 0) return [];
  const ids = [...referencedIds];
  const sent = await db
    .select({ messageId: outbox.messageIdHeader, ticketId: outbox.ticketId })
    .from(outbox)
    .where(and(inArray(outbox.messageIdHeader, ids), isNotNull(outbox.ticketId)));
  const received = await db
    .select({ messageId: messages.emailMessageId, ticketId: messages.ticketId })
    .from(messages)
    .where(inArray(messages.emailMessageId, ids));
  const known = [...sent, ...received];
  return ids.flatMap((id) => known.flatMap((row) => (row.messageId === id && row.ticketId ? [row.ticketId] : [])));
}

async function bySubjectNumber(db: DbOrTx, subject: string): Promise<string[]> {
  const numbers = [...subject.matchAll(/\[#(\d{1,9})\]/g)].map((match) => Number(match[1]));
  if (numbers.length === 0) return [];
  const rows = await db.select({ id: tickets.id, number: tickets.number }).from(tickets).where(inArray(tickets.number, numbers));
  return numbers.flatMap((number) => rows.filter((row) => row.number === number).map((row) => row.id));
}

async function followMerges(db: DbOrTx, ticketId: string): Promise<string> {
  let current = ticketId;
  for (let hop = 0; hop < maxMergeHops; hop++) {
    const [row] = await db.select({ mergedIntoId: tickets.mergedIntoId }).from(tickets).where(eq(tickets.id, current));
    if (!row?.mergedIntoId) return current;
    current = row.mergedIntoId;
  }
  return current;
}
