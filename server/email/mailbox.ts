import "server-only";
import { and, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { alias } from "drizzle-orm/pg-core";
import { outbox, tickets, type OutboxStatus } from "@/db/schema";
import type { DbOrTx } from "@/db/types";
import { AppError } from "@/server/errors";
import { cursorTime, decodeCursor, toPage } from "@/server/pagination";

const ticket = alias(tickets, "mail_ticket");

/** The outbox as a mailbox, newest first: what was sent (and delivered or bounced), is waiting, failed, or was kept locally. */
export async function listMailbox(db: DbOrTx, options: { status?: OutboxStatus; cursor?: string; limit: number }) {
  const after = options.cursor ? decodeCursor(options.cursor) : null;
  const conditions: (SQL | undefined)[] = [
    options.status ? eq(outbox.status, options.status) : undefined,
    after ? sql`(${outbox.createdAt}, ${outbox.id}) < (${after.at}, ${after.id})` : undefined,
  ];
  const rows = await db
    .select({
      id: outbox.id,
      template: outbox.template,
      toAddress: outbox.toAddress,
      subject: outbox.subject,
      status: outbox.status,
      attempts: outbox.attempts,
      lastError: outbox.lastError,
      createdAt: outbox.createdAt,
      sentAt: outbox.sentAt,
      ticketNumber: ticket.number,
      cursorAt: cursorTime(outbox.createdAt),
    })
    .from(outbox)
    .leftJoin(ticket, eq(ticket.id, outbox.ticketId))
    .where(and(...conditions))
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(options.limit + 1);
  return toPage(rows, options.limit, (row) => ({ at: row.cursorAt!, id: row.id }));
}

/** One email with everything needed to show it as it was sent. */
export async function getMailboxEmail(db: DbOrTx, id: string) {
  const [row] = await db
    .select({
      id: outbox.id,
      template: outbox.template,
      toAddress: outbox.toAddress,
      subject: outbox.subject,
      html: outbox.html,
      text: outbox.text,
      status: outbox.status,
      attempts: outbox.attempts,
      lastError: outbox.lastError,
      messageIdHeader: outbox.messageIdHeader,
      inReplyTo: outbox.inReplyTo,
      references: outbox.references,
      replyTo: outbox.replyTo,
      providerMessageId: outbox.providerMessageId,
      createdAt: outbox.createdAt,
      sentAt: outbox.sentAt,
      nextAttemptAt: outbox.nextAttemptAt,
      ticketNumber: ticket.number,
    })
    .from(outbox)
    .leftJoin(ticket, eq(ticket.id, outbox.ticketId))
    .where(eq(outbox.id, id));
  if (!row) throw new AppError("NOT_FOUND", "That email is not in the outbox.");
  return row;
}

/**
 * Sends a failed email again: back to the queue with a fresh count of
 * attempts, due now. The idempotency key stays the same, so a provider that
 * did accept an earlier attempt (an answer lost on the way back) does not
 * send it twice. Only failed email: sent, delivered or bounced mail was sent
 * already, waiting mail is on its way, and mail kept locally had no provider.
 */
export async function resendFailedEmail(db: DbOrTx, input: { id: string }) {
  return db.transaction(async (tx) => {
    const [mail] = await tx.select({ id: outbox.id, status: outbox.status }).from(outbox).where(eq(outbox.id, input.id)).for("update");
    if (!mail) throw new AppError("NOT_FOUND", "That email is not in the outbox.");
    const refusal = resendRefusals[mail.status];
    if (refusal) throw new AppError("CONFLICT", refusal);
    const [queued] = await tx
      .update(outbox)
      .set({ status: "pending", attempts: 0, nextAttemptAt: sql`now()`, lastError: null })
      .where(eq(outbox.id, mail.id))
      .returning({ id: outbox.id, status: outbox.status, attempts: outbox.attempts, nextAttemptAt: outbox.nextAttemptAt });
    return queued;
  });
}

const resendRefusals: Record<OutboxStatus, string | null> = {
  failed: null,
  sent: "This email was sent already; sending it again would deliver it twice.",
  delivered: "This email was delivered already; sending it again would deliver it twice.",
  bounced: "This email was sent and bounced; sending it again to the same address would bounce again.",
  pending: "This email is already waiting to be sent.",
  sending: "This email is being sent right now.",
  stored: "This email was kept here because email is not configured; there is nothing to resend.",
};

const deliveryReport = z.looseObject({
  type: z.enum(["email.delivered", "email.bounced"]),
  data: z.looseObject({
    email_id: z.string().min(1).max(100),
    bounce: z.looseObject({ message: z.string().max(1000).optional(), type: z.string().max(100).optional() }).optional(),
  }),
});

/** Whether a verified provider event is a delivery report this module records. */
export function isDeliveryReport(type: string): boolean {
  return type === "email.delivered" || type === "email.bounced";
}

/**
 * Records Resend's delivery report for an email we sent (matched by the id
 * Resend gave it): delivered moves a sent email on; bounced wins over both,
 * since a bounce can be reported after a delivery to a relay. Reports for
 * email this outbox does not know (another system on the same account)
 * change nothing.
 */
export async function recordDeliveryReport(db: DbOrTx, event: unknown): Promise<{ status: "recorded" | "ignored"; reason?: string }> {
  const report = deliveryReport.safeParse(event);
  if (!report.success) return { status: "ignored", reason: "not a delivery report with an email_id" };
  const { type, data } = report.data;
  const providerMessageId = eq(outbox.providerMessageId, data.email_id);
  const changed =
    type === "email.delivered"
      ? await db.update(outbox).set({ status: "delivered" }).where(and(providerMessageId, eq(outbox.status, "sent"))).returning({ id: outbox.id })
      : await db
          .update(outbox)
          .set({ status: "bounced", lastError: `Bounced: ${data.bounce?.message ?? data.bounce?.type ?? "the receiving server refused it"}`.slice(0, 1000) })
          .where(and(providerMessageId, inArray(outbox.status, ["sent", "delivered"])))
          .returning({ id: outbox.id });
  return changed.length ? { status: "recorded" } : { status: "ignored", reason: "no sent email with that id" };
}
