import "server-only";
import { messages, tickets } from "@/db/schema";
import { single } from "@/db/rows";
import type { Tx } from "@/db/types";
import { assignFromTeam } from "@/server/assignment/auto-assign";
import { attachUploadsToMessage } from "@/server/attachments/link-attachments";
import { publishTicketActivity } from "@/server/events/ticket-activity";
import type { SessionUser } from "@/server/users/session-user";
import type { LockedTicket } from "./lock-ticket";
import { processNewTicket } from "./process-new-ticket";
import { recordEvents } from "./ticket-events";

/**
 * A reply to a closed ticket opens a new ticket linked to it: closed means
 * final, but the customer's message is never dropped.
 */
export async function createFollowUp(
  tx: Tx,
  author: SessionUser,
  closed: LockedTicket,
  reply: { body: string; attachmentIds: string[]; emailMessageId?: string },
): Promise<number> {
  const { body, attachmentIds, emailMessageId } = reply;
  const now = new Date();
  const subject = closed.subject.startsWith("Re: ") ? closed.subject : `Re: ${closed.subject}`.slice(0, 200);
  const row = {
    subject,
    priority: closed.priority,
    channel: closed.channel,
    categoryId: closed.categoryId,
    organizationId: author.organizationId,
    teamId: closed.teamId,
    // A follow-up starts without the closed ticket's field values: they described that request.
    customValues: {},
    createdAt: now,
  };
  const ticket = single(
    await tx
      .insert(tickets)
      .values({ ...row, status: "new", requesterId: author.id, followUpOfId: closed.id, updatedAt: now })
      .returning({ id: tickets.id, number: tickets.number }),
    "ticket",
  );
  const message = single(
    await tx.insert(messages).values({ ticketId: ticket.id, authorId: author.id, kind: "public", body, emailMessageId, createdAt: now }).returning({ id: messages.id }),
    "message",
  );
  await attachUploadsToMessage(tx, { uploaderId: author.id, ticketId: ticket.id, messageId: message.id, attachmentIds });
  await recordEvents(tx, ticket.id, author.id, [{ field: "created", to: "new" }, { field: "follow_up_of", to: String(closed.number) }], now);
  await recordEvents(tx, closed.id, author.id, [{ field: "follow_up", to: String(ticket.number) }], now);
  const firstMessage = { id: message.id, authorId: author.id, kind: "public" as const, body, createdAt: now };
  await publishTicketActivity(tx, { type: "ticket_created", ticketId: ticket.id, message: firstMessage, followUpOfId: closed.id, at: now });
  // In the reply's own transaction, last: the team's lock is held until commit.
  await assignFromTeam(tx, await processNewTicket(tx, { ...row, ...ticket }, author, body));
  return ticket.number;
}
