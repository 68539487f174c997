import "server-only";
import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { outbox, tickets, type OutboxStatus } from "@/db/schema";
import type { DbOrTx } from "@/db/types";
import { AppError } from "@/server/errors";
import { cursorTime, decodeCursor, toPage } from "@/server/pagination";

const ticket = alias(tickets, "mail_ticket");

/** The outbox as a mailbox, newest first: what was sent, is waiting, failed, or was kept locally. */
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
