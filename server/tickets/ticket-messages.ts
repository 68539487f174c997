import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { messages, tickets, users } from "@/db/schema";
import type { DbOrTx } from "@/db/types";
import { listAttachmentsForMessages } from "@/server/attachments/link-attachments";
import { AppError } from "@/server/errors";
import { cursorTime, decodeCursor, toPage } from "@/server/pagination";
import type { SessionUser } from "@/server/users/session-user";
import { scoped, visibleMessagesWhere } from "./ticket-scope";

/** The columns of a thread message with its author, for every reader of a ticket's thread. */
export const threadMessageColumns = {
  id: messages.id,
  kind: messages.kind,
  body: messages.body,
  createdAt: messages.createdAt,
  authorId: messages.authorId,
  authorName: users.name,
  authorRole: users.role,
};

/**
 * A ticket's thread one page at a time, oldest first, for other systems:
 * only on a ticket the viewer may see, and only the message kinds they may
 * read (a customer's token never receives an internal note). `messageId`
 * narrows it to one message (reading back a reply just written).
 */
export async function listTicketMessages(db: DbOrTx, viewer: SessionUser, number: number, options: { cursor?: string; limit: number; messageId?: string }) {
  const [ticket] = await db
    .select({ id: tickets.id })
    .from(tickets)
    .where(scoped(viewer, eq(tickets.number, number)))
    .limit(1);
  if (!ticket) throw new AppError("NOT_FOUND", `Ticket #${number} does not exist or is not yours to see.`);
  const after = options.cursor ? decodeCursor(options.cursor) : null;
  const rows = await db
    .select({ ...threadMessageColumns, cursorAt: cursorTime(messages.createdAt) })
    .from(messages)
    .leftJoin(users, eq(users.id, messages.authorId))
    .where(
      and(
        eq(messages.ticketId, ticket.id),
        visibleMessagesWhere(viewer),
        options.messageId ? eq(messages.id, options.messageId) : undefined,
        after ? sql`(${messages.createdAt}, ${messages.id}) > (${after.at}, ${after.id})` : undefined,
      ),
    )
    .orderBy(asc(messages.createdAt), asc(messages.id))
    .limit(options.limit + 1);
  const page = toPage(rows, options.limit, (row) => ({ at: row.cursorAt ?? new Date(0).toISOString(), id: row.id }));
  const files = await listAttachmentsForMessages(db, page.items.map((m) => m.id));
  return {
    ticketNumber: number,
    items: page.items.map((m) => ({ ...m, attachments: files.filter((file) => file.messageId === m.id) })),
    nextCursor: page.nextCursor,
  };
}
