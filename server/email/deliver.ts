import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { outbox } from "@/db/schema";
import { rowsOf } from "@/db/rows";
import type { Db } from "@/db/types";
import { env } from "@/server/env";
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
  subject: string;
  html: string;
  text: string;
  message_id_header: string;
  in_reply_to: string | null;
  references: string | null;
  reply_to: string | null;
  attempts: number;
};

export function sender(): string {
  return `${env.EMAIL_FROM_NAME} <${env.SUPPORT_EMAIL}>`;
}

/**
 * Delivers the outbox rows that are due. Rows are claimed with SKIP LOCKED, so
 * any number of workers can run at once without sending one email twice; a
 * claim that is never finished (a crash) expires and the row is retried,
 * and the provider's idempotency key keeps that retry from doubling the mail.
 */
export async function deliverDueEmails(db: Db, transport: EmailTransport, options: { limit?: number } = {}) {
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
      returning id, template, idempotency_key, to_address, subject, html, text, message_id_header, in_reply_to, "references", reply_to, attempts
    `),
  );

  const outcome = { sent: 0, retried: 0, failed: 0 };
  for (const row of claimed) {
    try {
      const { providerMessageId } = await transport.send({
        from: sender(),
        to: row.to_address,
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
