import "server-only";
import PostalMime, { type Address, type Attachment, type Email, type Mailbox } from "postal-mime";
import { htmlToText } from "./html-to-text";
import { messageIdsIn, normalizeMessageId, syntheticMessageId } from "./message-id";
import { repairWindows1252Decoding } from "./windows-1252-decoding";

repairWindows1252Decoding();

/**
 * An inbound email reduced to what ingestion decides with: postal-mime does
 * the MIME work (multipart, transfer encodings, charsets, encoded words);
 * this picks the sender, the recipients, the thread references, the body
 * text and the files.
 */

export interface EmailAddress {
  address: string;
  name: string;
}

export interface InboundFile {
  /** As the email names it; an unnamed part gets one from its type ("forwarded-message.eml"). Cleaned when stored. */
  name: string;
  bytes: Uint8Array;
  inline: boolean;
  /** The part's Content-ID without angle brackets, for the body's cid: references. */
  contentId: string | null;
}

export interface InboundEmail {
  /** With angle brackets; synthetic (from the raw bytes' hash) when the email has none. */
  messageIdHeader: string;
  from: EmailAddress | null;
  replyTo: EmailAddress[];
  /** Every address it was delivered to (To, Cc, Delivered-To, X-Original-To), lower-cased. */
  recipients: string[];
  subject: string;
  /** In-Reply-To first, then References newest first. */
  referencedIds: string[];
  /** Lower-case header name → its values, in order. */
  headers: ReadonlyMap<string, string[]>;
  /** The body as text: the text/plain part, else the HTML part converted. */
  text: string;
  files: InboundFile[];
}

export type ParsedEmail = { ok: true; email: InboundEmail } | { ok: false; reason: string; messageIdHeader: string };

const addressPattern = /^[^\s@<>()[\]\\,;:"]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/i;
const maxReferences = 50;

export function isEmailAddress(value: string): boolean {
  return value.length <= 254 && addressPattern.test(value);
}

export async function parseEmail(raw: Uint8Array): Promise<ParsedEmail> {
  let parsed: Email;
  try {
    // A forwarded message (message/rfc822) stays one file, the .eml, rather than being spliced into the body with its files flattened.
    parsed = await PostalMime.parse(withoutMboxLine(raw), { attachmentEncoding: "arraybuffer", forceRfc822Attachments: true });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: `the message could not be parsed as MIME (${detail})`, messageIdHeader: syntheticMessageId(raw) };
  }
  const messageIdHeader = normalizeMessageId(parsed.messageId) ?? syntheticMessageId(raw);
  // postal-mime reads anything; an RFC 822 message starts with well-formed header fields.
  const [firstHeader] = parsed.headers;
  if (!firstHeader || !/^[\x21-\x39\x3b-\x7e]+$/.test(firstHeader.key)) {
    return { ok: false, reason: "malformed: the message does not start with a valid header block", messageIdHeader };
  }
  const headers = new Map<string, string[]>();
  for (const header of parsed.headers) headers.set(header.key, [...(headers.get(header.key) ?? []), header.value]);

  const [from] = mailboxes(parsed.from ? [parsed.from] : []);
  const referencedIds = [
    ...messageIdsIn(parsed.inReplyTo),
    ...messageIdsIn(parsed.references).reverse().slice(0, maxReferences),
  ].filter((id, index, all) => all.indexOf(id) === index && id !== messageIdHeader);

  return {
    ok: true,
    email: {
      messageIdHeader,
      from: from ?? null,
      replyTo: mailboxes(parsed.replyTo ?? []),
      recipients: recipientsOf(parsed, headers),
      subject: (parsed.subject ?? "").replace(/[\p{Cc}\p{Cf}]+/gu, " ").replace(/\s+/g, " ").trim(),
      referencedIds,
      headers,
      text: bodyText(parsed),
      files: parsed.attachments.map((attachment) => ({
        name: fileNameOf(attachment),
        bytes: attachment.mimeType.toLowerCase() === "message/rfc822" ? withCrlfLines(toBytes(attachment.content)) : toBytes(attachment.content),
        inline: attachment.disposition === "inline" || Boolean(attachment.related),
        contentId: contentIdOf(attachment.contentId),
      })),
    },
  };
}

/** An MTA piping mail in mbox style puts a "From sender date" line before the headers: not a header, dropped. */
function withoutMboxLine(raw: Uint8Array): Uint8Array {
  if (Buffer.from(raw.buffer, raw.byteOffset, Math.min(raw.byteLength, 5)).toString("latin1") !== "From ") return raw;
  const newline = raw.indexOf(0x0a);
  return newline === -1 ? raw : raw.subarray(newline + 1);
}

/** Mailboxes with a usable address, groups flattened, addresses lower-cased. */
function mailboxes(addresses: Address[]): EmailAddress[] {
  return addresses
    .flatMap((address): Mailbox[] => (address.group ? address.group : [address]))
    .map((mailbox) => ({ address: mailbox.address.trim().toLowerCase(), name: withoutNul(mailbox.name).trim() }))
    .filter((mailbox) => isEmailAddress(mailbox.address));
}

function recipientsOf(parsed: Email, headers: ReadonlyMap<string, string[]>): string[] {
  const envelope = ["delivered-to", "x-original-to", "envelope-to", "x-forwarded-to"].flatMap((name) => headers.get(name) ?? []);
  const addresses = [
    ...mailboxes([...(parsed.to ?? []), ...(parsed.cc ?? []), ...(parsed.bcc ?? [])]).map((mailbox) => mailbox.address),
    ...envelope.flatMap((value) => value.split(/[,\s]+/)).map((value) => value.replace(/^<|>$/g, "").trim().toLowerCase()),
  ];
  return [...new Set(addresses.filter(isEmailAddress))];
}

/**
 * Far more than any message keeps (20,000 characters): the new text is at
 * the top, and bounding the input keeps the regex work of the HTML converter
 * and the reply trimmer linear in practice.
 */
const maxTextCharacters = 200_000;
const maxHtmlCharacters = 1_000_000;

/** PostgreSQL text cannot hold NUL, and no mail means one: it is dropped rather than refusing the whole message. */
const withoutNul = (text: string) => text.replaceAll("\0", "");

function bodyText(parsed: Email): string {
  if (parsed.text?.trim()) return withoutNul(parsed.text.slice(0, maxTextCharacters)).replace(/\r\n?/g, "\n");
  if (parsed.html?.trim()) return withoutNul(htmlToText(parsed.html.slice(0, maxHtmlCharacters)).slice(0, maxTextCharacters));
  return "";
}

/**
 * Parts whose type is known to need a particular extension to open: a
 * forwarded message without a name (the usual case) is "<its subject>.eml"
 * to the agent's mail client, an unnamed invite ".ics". The declared type
 * only names the file here; what it is served as comes from its bytes.
 */
const extensionsByPartType: ReadonlyMap<string, string> = new Map([
  ["message/rfc822", "eml"],
  ["message/global", "eml"],
  ["text/calendar", "ics"],
  ["application/ics", "ics"],
]);
const unnamedByExtension: ReadonlyMap<string, string> = new Map([
  ["eml", "forwarded-message"],
  ["ics", "invite"],
]);

function fileNameOf(attachment: Attachment): string {
  const name = withoutNul(attachment.filename ?? "").trim();
  const extension = extensionsByPartType.get(attachment.mimeType.toLowerCase());
  if (!extension) return name;
  if (!name) return `${unnamedByExtension.get(extension) ?? "attachment"}.${extension}`;
  return name.toLowerCase().endsWith(`.${extension}`) ? name : `${name}.${extension}`;
}

/**
 * postal-mime hands an unencoded part over with LF line ends; a message file
 * (.eml) is CRLF by definition (RFC 5322), and some mail clients insist.
 * Left alone when it already has CRLF (then it came byte for byte).
 */
function withCrlfLines(bytes: Uint8Array): Uint8Array {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (text.includes("\r\n") || !text.includes("\n")) return bytes;
  return new Uint8Array(Buffer.from(text.toString("latin1").replace(/\n/g, "\r\n"), "latin1"));
}

/** "<logo@mail>" → "logo@mail"; the cid: URL form has no brackets. */
function contentIdOf(contentId: string | undefined): string | null {
  const bare = contentId?.trim().replace(/^<|>$/g, "").trim();
  return bare ? bare.slice(0, 255) : null;
}

function toBytes(content: ArrayBuffer | Uint8Array | string): Uint8Array {
  if (typeof content === "string") return new TextEncoder().encode(content);
  return content instanceof Uint8Array ? content : new Uint8Array(content);
}
