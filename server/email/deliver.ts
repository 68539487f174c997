import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { mailboxes, outbox } from "@/db/schema";
import { rowsOf } from "@/db/rows";
import type { Db } from "@/db/types";
import { env } from "@/server/env";
import { mailboxSender, mailboxTransport, type OutboundMailbox } from "./mailboxes/outbound";
import type { SmtpConnectionOverrides } from "./mailboxes/smtp-transport";
import { TransportError, type EmailTransport } from "./transport";

/** Waits before retry n (1-based): 1 min, 5 min, 15 min, 1 h, 4 h. */
export const retryDelaysSeconds = [60, 300, 900, 3600, 14_400];
export const maxAttempts = retryDelaysSeconds.length + 1;

// A claimed row is retried after this long if its worker died mid-send.
const CLAIM_TIMEOUT_SECONDS = 300;

type ClaimedRow = {
  id: string;
  template: string;
  idempotency_key: string;
  to_address: string;
  cc_addresses: string[] | null;
  subject: string;
  html: string;
  text: string;
  message_id_header: string;
  in_reply_to: string | null;
  references: string | null;
  reply_to: string | null;
  attempts: number;
  mailbox_id: string | null;
};

export function sender(): string {
  return `${env.EMAIL_FROM_NAME} <${env.SUPPORT_EMAIL}>`;
}

export interface DeliveryOptions {
  limit?: number;
  /** Tests only: accept their SMTP server's self-signed certificate. */
  smtp?: SmtpConnectionOverrides;
}

/** The mailbox columns delivery reads, by id (one query per pass). */
async function outboundMailboxes(db: Db, ids: string[]): Promise<Map<string, OutboundMailbox>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({
      id: mailboxes.id,
      address: mailboxes.address,
      displayName: mailboxes.displayName,
      enabled: mailboxes.enabled,
      outboundTransport: mailboxes.outboundTransport,
      smtpHost: mailboxes.smtpHost,
      smtpPort: mailboxes.smtpPort,
      smtpSecurity: mailboxes.smtpSecurity,
      smtpUsername: mailboxes.smtpUsername,
      smtpSecret: mailboxes.smtpSecret,
      imapAuth: mailboxes.imapAuth,
      imapSecret: mailboxes.imapSecret,
      oauthTokenUrl: mailboxes.oauthTokenUrl,
      oauthClientId: mailboxes.oauthClientId,
      oauthClientSecret: mailboxes.oauthClientSecret,
      oauthAccessToken: mailboxes.oauthAccessToken,
      oauthAccessTokenExpiresAt: mailboxes.oauthAccessTokenExpiresAt,
      updatedAt: mailboxes.updatedAt,
    })
    .from(mailboxes)
    .where(inArray(mailboxes.id, [...new Set(ids)]));
  return new Map(rows.map((row) => [row.id, row]));
}

/**
 * Where one row goes out, and as whom: an enabled mailbox's own SMTP
 * server, or the app's transport (Resend) from the mailbox's address, or —
 * no mailbox, or one switched off — the app's transport from SUPPORT_EMAIL.
 * Null when that needs the app's transport and there is none.
 */
async function routeOf(db: Db, mailbox: OutboundMailbox | undefined, appTransport: EmailTransport | null, options: DeliveryOptions) {
  if (!mailbox || !mailbox.enabled) return appTransport ? { from: sender(), transport: appTransport } : null;
  const from = mailboxSender(mailbox.displayName, mailbox.address);
  if (mailbox.outboundTransport === "smtp") return { from, transport: await mailboxTransport(db, mailbox, options.smtp) };
  return appTransport ? { from, transport: appTransport } : null;
}

/**
 * Delivers the outbox rows that are due. Rows are claimed with SKIP LOCKED, so
 * any number of workers can run at once without sending one email twice; a
 * claim that is never finished (a crash) expires and the row is retried,
 * and the provider's idempotency key keeps that retry from doubling the mail
 * (SMTP has no such key: there the stable Message-ID lets receivers drop a
 * rare duplicate). `appTransport` is the app's own (Resend), null when none
 * is configured: rows that need it are then kept ("stored"), as at enqueue.
 */
export async function deliverDueEmails(db: Db, appTransport: EmailTransport | null, options: DeliveryOptions = {}) {
  const claimed = rowsOf<ClaimedRow>(
    await db.execute(sql`
      update outbox
      set status = 'sending', attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => ${CLAIM_TIMEOUT_SECONDS})
      where id in (
        select id from outbox
        where status in ('pending', 'sending') and next_attempt_at <= now()
        order by next_attempt_at
        limit ${options.limit ?? 20}
        for update skip locked
      )
      returning id, template, idempotency_key, to_address, cc_addresses, subject, html, text, message_id_header, in_reply_to, "references", reply_to, attempts, mailbox_id
    `),
  );
  const mailboxById = await outboundMailboxes(
    db,
    claimed.flatMap((row) => (row.mailbox_id ? [row.mailbox_id] : [])),
  );

  const outcome = { sent: 0, retried: 0, failed: 0, stored: 0 };
  for (const row of claimed) {
    try {
      const route = await routeOf(db, row.mailbox_id ? mailboxById.get(row.mailbox_id) : undefined, appTransport, options);
      if (!route) {
        // Nothing can send it (no Resend key, and no SMTP mailbox of its own): kept for the Outgoing mail page, as at enqueue.
        await db
          .update(outbox)
          .set({ status: "stored", attempts: sql`greatest(${outbox.attempts} - 1, 0)`, nextAttemptAt: sql`now()` })
          .where(and(eq(outbox.id, row.id), eq(outbox.status, "sending")));
        outcome.stored++;
        continue;
      }
      const { providerMessageId } = await route.transport.send({
        from: route.from,
        to: row.to_address,
        cc: row.cc_addresses ?? [],
        subject: row.subject,
        html: row.html,
        text: row.text,
        replyTo: row.reply_to ?? undefined,
        idempotencyKey: row.idempotency_key,
        headers: {
          "Message-ID": row.message_id_header,
          // RFC 3834: marks our mail as automatic, so other systems' auto-replies
          // stay quiet and mail loops cannot start.
          "Auto-Submitted": row.template === "ticket-received" ? "auto-replied" : "auto-generated",
          "X-Auto-Response-Suppress": "All",
          ...(row.in_reply_to ? { "In-Reply-To": row.in_reply_to } : {}),
          ...(row.references ? { References: row.references } : {}),
        },
      });
      await db
        .update(outbox)
        .set({ status: "sent", sentAt: sql`now()`, providerMessageId, lastError: null })
        .where(and(eq(outbox.id, row.id), eq(outbox.status, "sending")));
      outcome.sent++;
    } catch (error) {
      const retryable = !(error instanceof TransportError) || error.retryable;
      const message = (error as Error).message.slice(0, 1000);
      const delay = retryDelaysSeconds[row.attempts - 1];
      if (retryable && delay !== undefined) {
        await db
          .update(outbox)
          .set({ status: "pending", lastError: message, nextAttemptAt: sql`now() + make_interval(secs => ${delay})` })
          .where(eq(outbox.id, row.id));
        outcome.retried++;
      } else {
        await db.update(outbox).set({ status: "failed", lastError: message }).where(eq(outbox.id, row.id));
        outcome.failed++;
        console.error(`Email ${row.id} to ${row.to_address} failed for good: ${message}`);
      }
    }
  }
  return outcome;
}
