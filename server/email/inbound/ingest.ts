import "server-only";
import { eq } from "drizzle-orm";
import { messages } from "@/db/schema";
import type { Db } from "@/db/types";
import { defaultStorageRoot, deleteAttachmentBytes } from "@/server/attachments/storage";
import { env } from "@/server/env";
import { isAppError } from "@/server/errors";
import { addReply } from "@/server/tickets/add-reply";
import { addCopiedPeople } from "@/server/tickets/ccs";
import { createTicket } from "@/server/tickets/create-ticket";
import { findOrCreateCustomer } from "@/server/users/find-or-create-customer";
import { isStaff, loadActiveUser } from "@/server/users/session-user";
import { loadOurAddresses, mailboxForRecipients } from "@/server/email/mailboxes/our-addresses";
import { classifyEmail } from "./classify-email";
import { copiedAddresses } from "./copied-addresses";
import { claimMessageId, earlierOutcome, finishInbound, processingReason, recordInbound, type InboundOutcome } from "./inbound-log";
import { messageIdFromHeaderBlock, syntheticMessageId } from "./message-id";
import { parseEmail, type InboundEmail } from "./parse-email";
import { findReplyTarget } from "./route-reply";
import { staffMailRefusal } from "./staff-mail";
import { noteFilesNotKept, storeEmailAttachments, type StoredAttachments } from "./store-attachments";
import { isForwarded, normalizeText, trimReply } from "./trim-reply";

/**
 * Inbound email, whatever brought it (mail:ingest, POST /api/inbound/mime,
 * the Resend webhook): one raw RFC 822 message in, one recorded outcome out.
 *
 * - Too large or unparsable: rejected. Automatic or bulk mail: ignored.
 * - Otherwise, in ONE transaction: claim the Message-ID in inbound_messages
 *   (a second delivery, even a concurrent one, waits on that row and then
 *   reports the first outcome), find or create the sender, route the email
 *   onto a ticket they may see or open a new one, store its files, and
 *   record the outcome. The people it was also written to (To and Cc
 *   besides us) become CCs of the ticket as the admin's cc_policy allows
 *   (server/tickets/ccs.ts). Staff mail must prove itself (staff-mail.ts) or is
 *   recorded as rejected with nothing posted. If any step refuses, everything is rolled back (the
 *   files' bytes deleted too) and only a "rejected" row remains.
 * Expected refusals are outcomes, not errors; an unexpected failure (the
 * database is down) throws, so the caller can answer "try again later".
 */

export type InboundSource = "cli" | "mime-endpoint" | "resend" | "imap" | "test";
export type { InboundOutcome } from "./inbound-log";

export interface IngestOptions {
  source: InboundSource;
  /** Defaults to env.INBOUND_MAX_BYTES. */
  maxBytes?: number;
  /** Defaults to env.SUPPORT_EMAIL. */
  supportEmail?: string;
  /**
   * The mailbox that received it (IMAP knows); otherwise the first enabled
   * mailbox among its recipients, if any. A new ticket remembers it, is
   * answered from it, and takes its default team and category.
   */
  mailboxId?: string;
  /** Where attachment bytes go; tests pass a temporary folder. */
  storageRoot?: string;
  /** Receives the one-line summary of each outcome; defaults to the console. */
  log?: (line: string, outcome: InboundOutcome) => void;
}

// Portal messages are capped at the same length.
const maxBodyCharacters = 20_000;
const maxSubjectCharacters = 200;

export async function ingestRawEmail(db: Db, raw: Uint8Array, options: IngestOptions): Promise<InboundOutcome> {
  const outcome = await ingest(db, raw, options);
  const line = `[inbound ${options.source}] ${outcome.duplicate ? "duplicate of " : ""}${outcome.status} ${outcome.messageId}: ${outcome.reason}`;
  if (options.log) options.log(line, outcome);
  else if (outcome.status === "rejected" && !outcome.duplicate) console.warn(line);
  else console.info(line);
  return outcome;
}

async function ingest(db: Db, raw: Uint8Array, options: IngestOptions): Promise<InboundOutcome> {
  const maxBytes = options.maxBytes ?? env.INBOUND_MAX_BYTES;
  const size = raw.byteLength;
  if (size > maxBytes) {
    return recordInbound(db, {
      messageIdHeader: messageIdFromHeaderBlock(raw) ?? syntheticMessageId(raw),
      fromAddress: null,
      subject: null,
      status: "rejected",
      reason: `too large: ${size} bytes, over the limit of ${maxBytes} bytes (INBOUND_MAX_BYTES)`,
      size,
    });
  }

  const parsed = await parseEmail(raw);
  if (!parsed.ok) {
    return recordInbound(db, { messageIdHeader: parsed.messageIdHeader, fromAddress: null, subject: null, status: "rejected", reason: parsed.reason, size });
  }
  const email = parsed.email;
  const mailboxId = options.mailboxId ?? (await mailboxForRecipients(db, email.recipients))?.id ?? null;
  const record = { messageIdHeader: email.messageIdHeader, fromAddress: email.from?.address ?? null, subject: email.subject || null, size, mailboxId };
  const supportEmail = options.supportEmail ?? env.SUPPORT_EMAIL;
  const ourAddresses = await loadOurAddresses(db, supportEmail);
  const classified = classifyEmail(email, ourAddresses);
  if (classified.action === "ignore") return recordInbound(db, { ...record, status: "ignored", reason: classified.reason });
  if (classified.action === "reject") return recordInbound(db, { ...record, status: "rejected", reason: classified.reason });

  const storageRoot = options.storageRoot ?? defaultStorageRoot;
  const writtenKeys: string[] = [];
  try {
    return await db.transaction(async (tx) => {
      const claimId = await claimMessageId(tx, { ...record, status: "rejected", reason: processingReason });
      if (!claimId) return earlierOutcome(tx, email.messageIdHeader);
      const finish = async (outcome: { status: InboundOutcome["status"]; reason: string; ticketNumber?: number; ticketId?: string; ticketMessageId?: string }) => {
        await finishInbound(tx, claimId, outcome);
        return { status: outcome.status, reason: outcome.reason, ticketNumber: outcome.ticketNumber, duplicate: false, messageId: email.messageIdHeader };
      };

      const customer = await findOrCreateCustomer(tx, { email: classified.sender.address, name: classified.sender.name });
      if (customer.disabled) return finish({ status: "rejected", reason: `the sender's account (${classified.sender.address}) is disabled` });
      const sender = await loadActiveUser(tx, customer.id);
      if (!sender) throw new Error(`The account of ${classified.sender.address} vanished inside its own transaction`);

      const route = await findReplyTarget(tx, sender, email, ourAddresses);
      const staffRefusal = isStaff(sender) ? staffMailRefusal(email, sender, route !== null) : null;
      if (staffRefusal) return finish({ status: "rejected", reason: staffRefusal });
      const files = await storeEmailAttachments(tx, sender, email.files, { storageRoot, onStored: (key) => writtenKeys.push(key) });
      const skipped = files.skipped.length ? `; skipped attachments: ${files.skipped.join(", ")}` : "";
      const emailMessageId = email.messageIdHeader;

      if (route) {
        const body = messageBody(email, files, { trim: true });
        const result = await addReply(tx, sender, { ticketNumber: route.ticketNumber, body, kind: "public", attachmentIds: files.attachmentIds, emailMessageId });
        const message = await messageByEmailId(tx, emailMessageId);
        if (message.ticketId) await noteFilesNotKept(tx, message.ticketId, files);
        // Only mail that proves it reached the thread (our signed address, a Message-ID of it) may widen
        // the ticket's audience: a [#1042] in the subject is enough to post, not to copy strangers in.
        const copied = route.via === "subject" ? [] : copiedAddresses(email);
        const ccNote = (number: number) => addCopiedPeople(tx, number, sender, copied, ourAddresses).then(copiedNote);
        if (result.kind === "follow_up") {
          return finish({
            status: "ticket_created",
            reason: `follow-up #${result.number} of closed ticket #${route.ticketNumber} (found by ${route.via})${await ccNote(result.number)}${skipped}`,
            ticketNumber: result.number,
            ...message,
          });
        }
        const who = isStaff(sender) ? `agent ${sender.email}` : sender.email;
        return finish({
          status: "reply_added",
          reason: `public reply by ${who} on #${route.ticketNumber} (found by ${route.via}; ticket now ${result.status})${await ccNote(route.ticketNumber)}${skipped}`,
          ticketNumber: route.ticketNumber,
          ...message,
        });
      }

      const subject = Array.from(email.subject || "(no subject)").slice(0, maxSubjectCharacters).join("");
      // A new ticket keeps the whole text: there is no thread yet that holds what it quotes.
      const body = messageBody(email, files, { trim: false });
      const ticket = await createTicket(tx, sender, { subject, body, channel: "email", attachmentIds: files.attachmentIds, emailMessageId, mailboxId });
      const newcomer = customer.created ? ` from new customer ${sender.email}` : ` from ${sender.email}`;
      const ccs = copiedNote(await addCopiedPeople(tx, ticket.number, sender, copiedAddresses(email), ourAddresses));
      const message = await messageByEmailId(tx, emailMessageId);
      if (message.ticketId) await noteFilesNotKept(tx, message.ticketId, files);
      return finish({
        status: "ticket_created",
        reason: `new ticket #${ticket.number}${newcomer}${ccs}${skipped}`,
        ticketNumber: ticket.number,
        ...message,
      });
    });
  } catch (error) {
    // Rows rolled back: their bytes must go too.
    await Promise.all(writtenKeys.map((key) => deleteAttachmentBytes(key, storageRoot)));
    const reason = refusalReason(error);
    if (reason === null) throw error;
    return recordInbound(db, { ...record, status: "rejected", reason });
  }
}

async function messageByEmailId(db: Db, emailMessageId: string): Promise<{ ticketId?: string; ticketMessageId?: string }> {
  const [row] = await db.select({ id: messages.id, ticketId: messages.ticketId }).from(messages).where(eq(messages.emailMessageId, emailMessageId));
  return row ? { ticketId: row.ticketId, ticketMessageId: row.id } : {};
}

/** The body to store: trimmed of quoted history when it lands in a thread, capped, never empty. */
function messageBody(email: InboundEmail, files: StoredAttachments, options: { trim: boolean }): string {
  let text = options.trim ? trimReply(email.text, { forwarded: isForwarded(email.subject, email.text) }) : normalizeText(email.text);
  if (text.length > maxBodyCharacters) {
    text = `${text.slice(0, maxBodyCharacters)}\n\n[This email was longer than ${maxBodyCharacters.toLocaleString("en")} characters; the rest was cut.]`;
  }
  if (text) return text;
  return files.attachmentIds.length ? "(This email had no text, only attachments.)" : "(This email had no text.)";
}

function copiedNote(added: string[]): string {
  return added.length ? `; copied ${added.join(", ")}` : "";
}

/** Why a refused email was rejected, or null for a failure that is not a refusal (rethrown: try again later). */
function refusalReason(error: unknown): string | null {
  if (isAppError(error)) return `refused: ${error.message}`;
  if (violatedConstraint(error) === "messages_email_message_id_key") return "its Message-ID is already on another ticket message";
  return null;
}

/** The unique constraint behind a query error on either driver (PGlite: constraint, postgres-js: constraint_name). */
function violatedConstraint(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    const candidate = current as { code?: unknown; constraint?: unknown; constraint_name?: unknown; cause?: unknown };
    if (candidate.code === "23505") {
      const name = candidate.constraint ?? candidate.constraint_name;
      return typeof name === "string" ? name : null;
    }
    current = candidate.cause;
  }
  return null;
}
