import crypto from "node:crypto";
import { getAuthSecret } from "@/server/auth/secret";
import { env } from "@/server/env";

/**
 * Per-ticket reply addresses: support+1042-<signature>@domain. The signature
 * is an HMAC of the ticket's id under a key derived from AUTH_SECRET, so an
 * address can be neither guessed from a ticket number nor forged for another
 * ticket. Inbound mail to such an address lands on that ticket.
 */
const SIGNATURE_LENGTH = 16;

function signingKey(secret: string): Buffer {
  return crypto.createHmac("sha256", secret).update("frontdesk reply-address v1").digest();
}

export function replySignature(ticketId: string, secret: string = getAuthSecret()): string {
  return crypto.createHmac("sha256", signingKey(secret)).update(`ticket:${ticketId}`).digest("hex").slice(0, SIGNATURE_LENGTH);
}

function splitSupportAddress(supportEmail: string): { local: string; domain: string } {
  const at = supportEmail.lastIndexOf("@");
  return { local: supportEmail.slice(0, at), domain: supportEmail.slice(at + 1) };
}

export function replyAddressFor(ticket: { id: string; number: number }, supportEmail: string = env.SUPPORT_EMAIL, secret?: string): string {
  const { local, domain } = splitSupportAddress(supportEmail);
  return `${local}+${ticket.number}-${replySignature(ticket.id, secret)}@${domain}`.toLowerCase();
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
  const expected = Buffer.from(replySignature(ticketId, secret));
  const given = Buffer.from(signature.toLowerCase());
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A Message-ID in our own domain for an email we send. */
export function newMessageIdHeader(kind: string, supportEmail: string = env.SUPPORT_EMAIL): string {
  return `<${kind}.${crypto.randomUUID()}@${splitSupportAddress(supportEmail).domain}>`;
}
