import "server-only";
import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { messages, outbox, tickets } from "@/db/schema";
import type { DbOrTx } from "@/db/types";
import { parseReplyAddress, ticketRootMessageId, verifyReplySignature, verifyStaffReplySignature } from "@/server/email/reply-address";
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
 * Staff mail is held to more, because a From header is easy to forge and an
 * agent's reply is emailed to the customer under the agent's name. It routes
 * only by what was sent to that staff member alone: their own signed reply
 * address for the ticket (not the ticket's, which the requester has), or the
 * random Message-ID of an email the outbox sent to them. Never by the
 * subject number, by an email we received (anyone can plant its Message-ID)
 * or by a ticket's root Message-ID (derived from the ticket's id). With none
 * of these, staff mail has no route, and ingest refuses it.
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

/** `ourAddresses`: SUPPORT_EMAIL and every mailbox's address; a signed reply address on any of them counts. */
export async function findReplyTarget(db: DbOrTx, sender: SessionUser, hints: RoutingHints, ourAddresses: string | readonly string[]): Promise<ReplyRoute | null> {
  const ours = typeof ourAddresses === "string" ? [ourAddresses] : ourAddresses;
  const staff = isStaff(sender);
  const candidates: { ticketId: string; via: RouteVia }[] = staff
    ? [
        ...(await byReplyAddress(db, hints.recipients, ours, sender.id)).map((ticketId) => ({ ticketId, via: "reply address" as const })),
        ...(await byIssuedMessageIds(db, hints.referencedIds, sender.email)).map((ticketId) => ({ ticketId, via: "In-Reply-To/References" as const })),
      ]
    : [
        ...(await byReplyAddress(db, hints.recipients, ours)).map((ticketId) => ({ ticketId, via: "reply address" as const })),
        ...(await byReferences(db, hints.referencedIds)).map((ticketId) => ({ ticketId, via: "In-Reply-To/References" as const })),
        ...(await bySubjectNumber(db, hints.subject)).map((ticketId) => ({ ticketId, via: "subject" as const })),
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

/** Tickets of our reply addresses among the recipients: the ticket's own signature, or with staffId, only that staff member's. */
async function byReplyAddress(db: DbOrTx, recipients: readonly string[], ourAddresses: readonly string[], staffId?: string): Promise<string[]> {
  const claims = recipients.flatMap((address) => ourAddresses.flatMap((ours) => parseReplyAddress(address, ours) ?? []));
  if (claims.length === 0) return [];
  const rows = await db
    .select({ id: tickets.id, number: tickets.number })
    .from(tickets)
    .where(inArray(tickets.number, [...new Set(claims.map((claim) => claim.number))]));
  return claims.flatMap((claim) => {
    const ticket = rows.find((row) => row.number === claim.number);
    if (!ticket) return [];
    const valid = staffId ? verifyStaffReplySignature(ticket.id, staffId, claim.signature) : verifyReplySignature(ticket.id, claim.signature);
    return valid ? [ticket.id] : [];
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

/** Tickets of emails the outbox sent to this address under a Message-ID it issued (random), in the order the email names them. */
async function byIssuedMessageIds(db: DbOrTx, referencedIds: readonly string[], recipient: string): Promise<string[]> {
  if (referencedIds.length === 0) return [];
  const ids = [...referencedIds];
  const sent = await db
    .select({ messageId: outbox.messageIdHeader, ticketId: outbox.ticketId })
    .from(outbox)
    .where(and(inArray(outbox.messageIdHeader, ids), eq(sql`lower(${outbox.toAddress})`, recipient.toLowerCase()), isNotNull(outbox.ticketId)));
  const issued = sent.filter((row) => row.ticketId && row.messageId !== ticketRootMessageId(row.ticketId));
  return ids.flatMap((id) => issued.flatMap((row) => (row.messageId === id && row.ticketId ? [row.ticketId] : [])));
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
