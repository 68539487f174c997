import { eq, sql } from "drizzle-orm";
import { messages, tickets, type TicketStatus } from "@/db/schema";
import { single } from "@/db/rows";
import type { Db } from "@/db/types";
import { AppError } from "@/server/errors";
import { isStaff, type SessionUser } from "@/server/users/session-user";
import { canTransition } from "./status-machine";
import { findVisibleTicket } from "./ticket-detail";
import { recordEvents, type TicketChange } from "./ticket-events";

export interface NewReply {
  ticketNumber: number;
  body: string;
  /** "internal" is a note for staff; customers may only reply publicly. */
  kind: "public" | "internal";
}

/**
 * Adds a message to a ticket's thread and applies what a reply implies:
 * an agent's first public reply is the first response and opens a new
 * ticket; a customer's reply reopens a pending or solved one.
 */
export async function addReply(db: Db, author: SessionUser, input: NewReply) {
  const staff = isStaff(author);
  if (input.kind === "internal" && !staff) {
    throw new AppError("FORBIDDEN", "Only agents can add internal notes.");
  }

  return db.transaction(async (tx) => {
    const ticket = await findVisibleTicket(tx, author, eq(tickets.number, input.ticketNumber));
    if (!ticket) throw new AppError("NOT_FOUND", `Ticket #${input.ticketNumber} does not exist or is not yours to see.`);
    if (ticket.status === "closed") {
      throw new AppError("INVALID", `Ticket #${ticket.number} is closed and cannot take new replies.`);
    }

    const now = new Date();
    const message = single(
      await tx
        .insert(messages)
        .values({ ticketId: ticket.id, authorId: author.id, kind: input.kind, body: input.body, createdAt: now })
        .returning({ id: messages.id }),
      "message",
    );

    const changes: TicketChange[] = [];
    let status: TicketStatus = ticket.status;
    const publicReply = input.kind === "public";
    if (publicReply && staff && status === "new") status = "open";
    if (publicReply && !staff && (status === "pending" || status === "solved")) status = "open";
    if (status !== ticket.status && canTransition(ticket.status, status)) {
      changes.push({ field: "status", from: ticket.status, to: status });
    }
    const firstResponse = publicReply && staff && !ticket.firstResponseAt;
    if (firstResponse) changes.push({ field: "first_response", to: now.toISOString() });

    await tx
      .update(tickets)
      .set({
        status,
        updatedAt: now,
        version: sql`${tickets.version} + 1`,
        ...(firstResponse ? { firstResponseAt: now } : {}),
        ...(status === "open" && ticket.status === "solved" ? { solvedAt: null } : {}),
      })
      .where(eq(tickets.id, ticket.id));
    await recordEvents(tx, ticket.id, author.id, changes, now);
    return { messageId: message.id, status };
  });
}
