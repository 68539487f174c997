import "server-only";
import crypto from "node:crypto";
import { getAuthSecret } from "@/server/auth/secret";
import { env } from "@/server/env";

/**
 * Per-ticket reply addresses: support+1042-<signature>@domain. The signature
 * is an HMAC of the ticket's id under a key derived from AUTH_SECRET, so an
 * address can be neither guessed from a ticket number nor forged for another
 * ticket. Inbound mail to such an address lands on that ticket.
 *
 * Emails to staff carry a different signature for the same ticket, bound to
 * the staff member too: the requester (and anyone they forward mail to) sees
 * the ticket's address, so that address must never be enough to post as an
 * agent. Only the staff member's own address proves staff mail.
 */
const SIGNATURE_LENGTH = 16;

function signingKey(secret: string): Buffer {
  return crypto.createHmac("sha256", secret).update("frontdesk reply-address v1").digest();
}

export function replySignature(ticketId: string, secret: string = getAuthSecret(), staffId?: string): string {
  const subject = staffId ? `ticket:${ticketId}:staff:${staffId}` : `ticket:${ticketId}`;
  return crypto.createHmac("sha256", signingKey(secret)).update(subject).digest("hex").slice(0, SIGNATURE_LENGTH);
}

function splitSupportAddress(supportEmail: string): { local: string; domain: string } {
  const at = supportEmail.lastIndexOf("@");
  return { local: supportEmail.slice(0, at), domain: supportEmail.slice(at + 1) };
}

export function replyAddressFor(ticket: { id: string; number: number }, supportEmail: string = env.SUPPORT_EMAIL, secret?: string): string {
  const { local, domain } = splitSupportAddress(supportEmail);
  return `${local}+${ticket.number}-${replySignature(ticket.id, secret)}@${domain}`.toLowerCase();
}

/** The reply address for one staff member's emails about a ticket: it proves their mail, and nobody else's. */
export function staffReplyAddressFor(ticket: { id: string; number: number }, staffId: string, supportEmail: string = env.SUPPORT_EMAIL, secret?: string): string {
  const { local, domain } = splitSupportAddress(supportEmail);
  return `${local}+${ticket.number}-${replySignature(ticket.id, secret, staffId)}@${domain}`.toLowerCase();
}

/** The ticket number and signature an address claims, if it is one of ours (not yet verified). */
export function parseReplyAddress(address: string, supportEmail: string = env.SUPPORT_EMAIL): { number: number; signature: string } | null {
  const { local, domain } = splitSupportAddress(supportEmail.toLowerCase());
  const match = new RegExp(`^${escape(local)}\\+(\\d{1,9})-([0-9a-f]{${SIGNATURE_LENGTH}})@${escape(domain)}$`).exec(address.trim().toLowerCase());
  if (!match?.[1] || !match[2]) return null;
  return { number: Number(match[1]), signature: match[2] };
}

/** True when the signature is the one this ticket's id produces (compared in constant time). */
export function verifyReplySignature(ticketId: string, signature: string, secret?: string): boolean {
  return sameSignature(replySignature(ticketId, secret), signature);
}

/** True when the signature is the one issued to this staff member for this ticket. */
export function verifyStaffReplySignature(ticketId: string, staffId: string, signature: string, secret?: string): boolean {
  return sameSignature(replySignature(ticketId, secret, staffId), signature);
}

function sameSignature(expectedSignature: string, signature: string): boolean {
  const expected = Buffer.from(expectedSignature);
  const given = Buffer.from(signature.toLowerCase());
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * A Message-ID in our own domain for an email we send, with a random part:
 * the outbox issues one per email, so an id can only be known by someone the
 * email reached. Inbound staff mail may prove itself by naming one that was
 * sent to that staff member.
 */
export function newMessageIdHeader(kind: string, supportEmail: string = env.SUPPORT_EMAIL): string {
  return `<${kind}.${crypto.randomUUID()}@${splitSupportAddress(supportEmail).domain}>`;
}

/**
 * The Message-ID of a ticket's first email, which every later one refers to
 * so mail clients thread them. It is derived from the ticket's id (which its
 * requester and organization see), so it routes a customer's reply but never
 * proves anything.
 */
export function ticketRootMessageId(ticketId: string, supportEmail: string = env.SUPPORT_EMAIL): string {
  return `<ticket.${ticketId}@${splitSupportAddress(supportEmail).domain}>`;
}
