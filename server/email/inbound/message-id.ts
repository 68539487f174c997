import "server-only";
import crypto from "node:crypto";

/**
 * Message-IDs as inbound mail uses them: the key that makes an email
 * idempotent (inbound_messages), and the threads In-Reply-To/References name.
 * Stored with angle brackets, as outbox.message_id_header is.
 */

// A btree entry must stay well under PostgreSQL's ~2.7 kB limit.
const maxMessageIdLength = 900;

/** Every <id> in a header value (In-Reply-To, References), in order. */
export function messageIdsIn(value: string | undefined): string[] {
  if (!value) return [];
  const found = [...value.matchAll(/<([^<>\s]+)>/g)].map((match) => `<${match[1]}>`);
  return found.filter((id) => id.length <= maxMessageIdLength);
}

/** The Message-ID header's id, angle-bracketed even when a sloppy client left them off; null when absent or unusable. */
export function normalizeMessageId(value: string | undefined): string | null {
  if (!value) return null;
  const [bracketed] = messageIdsIn(value);
  if (bracketed) return bracketed;
  const bare = value.trim();
  if (!bare || /\s|[<>]/.test(bare) || bare.length > maxMessageIdLength - 2) return null;
  return `<${bare}>`;
}

/** Stands in for a missing Message-ID: the same bytes delivered twice get the same id. */
export function syntheticMessageId(raw: Uint8Array): string {
  return `<${crypto.createHash("sha256").update(raw).digest("hex")}@missing-message-id.frontdesk>`;
}

/**
 * The Message-ID from the header block alone, for a message too large to
 * parse: a redelivery of the same oversized email is still recognised.
 */
export function messageIdFromHeaderBlock(raw: Uint8Array): string | null {
  const head = Buffer.from(raw.buffer, raw.byteOffset, Math.min(raw.byteLength, 256 * 1024)).toString("latin1");
  const end = head.search(/\r?\n\r?\n/);
  const unfolded = (end === -1 ? head : head.slice(0, end)).replace(/\r?\n[ \t]+/g, " ");
  const match = /^message-id:[ \t]*(.*)$/im.exec(unfolded);
  return normalizeMessageId(match?.[1]);
}
