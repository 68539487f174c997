import "server-only";
import { and, desc, eq, inArray } from "drizzle-orm";
import { messages, tickets, users } from "@/db/schema";
import type { DbOrTx } from "@/db/types";
import { AppError } from "@/server/errors";
import { scoped, visibleMessagesWhere } from "@/server/tickets/ticket-scope";
import { staffRoles, type SessionUser } from "@/server/users/session-user";
import { createArticle } from "./article-writes";

/**
 * "Turn into article": a solved ticket's answer becomes a draft in the
 * knowledge base. The title is the ticket's subject and the body the last
 * public reply written by staff (never an internal note, never the
 * customer's words). The draft starts internal, so nothing a customer wrote
 * about themselves is published until someone has edited it and chosen who
 * may read it.
 */
export async function draftArticleFromTicket(db: DbOrTx, agent: SessionUser, input: { number: number; sectionId: number }): Promise<{ id: number; slug: string }> {
  const [ticket] = await db
    .select({ id: tickets.id, subject: tickets.subject, status: tickets.status })
    .from(tickets)
    .where(scoped(agent, eq(tickets.number, input.number)))
    .limit(1);
  if (!ticket) throw new AppError("NOT_FOUND", "This ticket does not exist.");
  if (ticket.status !== "solved" && ticket.status !== "closed") throw new AppError("INVALID", "Solve the ticket first: its answer becomes the article.");
  const [answer] = await db
    .select({ body: messages.body })
    .from(messages)
    .innerJoin(users, eq(users.id, messages.authorId))
    // What the requester could read (the one rule, as for a customer), written by staff.
    .where(and(eq(messages.ticketId, ticket.id), visibleMessagesWhere({ role: "customer" }), inArray(users.role, staffRoles)))
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(1);
  if (!answer) throw new AppError("INVALID", "This ticket has no public reply from staff to turn into an article.");
  return createArticle(db, agent, { title: ticket.subject.slice(0, 200), body: answer.body.slice(0, 100_000), sectionId: input.sectionId, visibility: "internal" });
}
