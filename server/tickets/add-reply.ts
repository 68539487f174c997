import "server-only";
import { and, eq, gt, ne } from "drizzle-orm";
import { messages, tickets, users, type TicketStatus } from "@/db/schema";
import { single } from "@/db/rows";
import type { Db, Tx } from "@/db/types";
import { attachUploadsToMessage } from "@/server/attachments/link-attachments";
import { publishTicketActivity } from "@/server/events/ticket-activity";
import { notifyCustomerReply, notifyPublicReply, notifySolved } from "@/server/email/notifications";
import { listFieldDefinitions } from "@/server/custom-fields/field-definitions";
import { missingAfterChange, requiredFieldRefusal } from "@/server/custom-fields/required-fields";
import { AppError } from "@/server/errors";
import { consumeRateLimit } from "@/server/rate-limit";
import { getSettings } from "@/server/settings/settings";
import { isStaff, type SessionUser } from "@/server/users/session-user";
import { createFollowUp } from "./follow-up";
import { lockVisibleTicket, touch, type LockedTicket } from "./lock-ticket";
import { canTransition, resolutionTimestamps, statusAfterReply } from "@/lib/status-machine";
import { findVisibleTicket } from "./ticket-detail";
import { visibleMessagesWhere } from "./ticket-scope";
import { recordEvents, type TicketChange } from "./ticket-events";
import { afterTicketUpdate } from "./update-ticket";

export interface NewReply {
  ticketNumber: number;
  body: string;
  /** "internal" is a note for staff; customers may only reply publicly. */
  kind: "public" | "internal";
  /** Agents may send and change the status in one go ("send and solve"). */
  status?: TicketStatus;
  /** The newest message the author had seen; newer ones from others make this a conflict unless `force`. */
  lastSeenMessageId?: string;
  force?: boolean;
  /** Pending uploads of the author to attach to this message. */
  attachmentIds?: string[];
  /** Message-ID of the email this reply came in as. */
  emailMessageId?: string;
}

export type ReplyResult =
  | { kind: "reply"; messageId: string; status: TicketStatus; version: number }
  | { kind: "follow_up"; number: number };

async function ticketStatusOf(db: Db, viewer: SessionUser, number: number): Promise<TicketStatus | null> {
  const ticket = await findVisibleTicket(db, viewer, eq(tickets.number, number));
  return ticket?.status ?? null;
}

/** Someone else's messages newer than the one the author last saw. */
async function newerMessagesFromOthers(tx: Tx, author: SessionUser, ticket: LockedTicket, lastSeenMessageId: string) {
  const [seen] = await tx
    .select({ createdAt: messages.createdAt })
    .from(messages)
    .where(and(eq(messages.id, lastSeenMessageId), eq(messages.ticketId, ticket.id), visibleMessagesWhere(author)));
  if (!seen) return [];
  return tx
    .select({ authorName: users.name })
    .from(messages)
    .leftJoin(users, eq(users.id, messages.authorId))
    .where(
      and(
        eq(messages.ticketId, ticket.id),
        gt(messages.createdAt, seen.createdAt),
        ne(messages.authorId, author.id),
        visibleMessagesWhere(author),
      ),
    );
}

/**
 * Adds a message to a ticket's thread and applies what a reply implies: an
 * agent's first public reply is the first response and opens a new ticket,
 * and a public reply to an unassigned ticket makes the agent its owner (a
 * setting), so a colleague does not answer it again; a requester's reply
 * reopens a pending or solved one, and on a closed ticket opens a linked
 * follow-up instead. Every door that replies (tRPC, REST, email) comes here.
 */
export async function addReply(db: Db, author: SessionUser, input: NewReply): Promise<ReplyResult> {
  const staff = isStaff(author);
  if (input.kind === "internal" && !staff) throw new AppError("FORBIDDEN", "Only agents can add internal notes.");
  if (input.status && !staff) throw new AppError("FORBIDDEN", "Only agents can change the status with a reply.");
  // A requester's reply to a closed ticket opens a new one: it counts against
  // the same budget as opening a ticket outright.
  if (!staff && (await ticketStatusOf(db, author, input.ticketNumber)) === "closed") {
    await consumeRateLimit(db, "ticketCreation", author.id);
  }

  return db.transaction(async (tx): Promise<ReplyResult> => {
    const ticket = await lockVisibleTicket(tx, author, input.ticketNumber);
    if (ticket.status === "closed") {
      if (staff) throw new AppError("INVALID", `Ticket #${ticket.number} is closed and cannot take new replies.`);
      return { kind: "follow_up", number: await createFollowUp(tx, author, ticket, { body: input.body, attachmentIds: input.attachmentIds ?? [], emailMessageId: input.emailMessageId }) };
    }
    if (input.lastSeenMessageId && !input.force) {
      const newer = await newerMessagesFromOthers(tx, author, ticket, input.lastSeenMessageId);
      if (newer.length > 0) {
        const names = [...new Set(newer.map((m) => m.authorName ?? "Someone"))].join(", ");
        throw new AppError("CONFLICT", `${names} replied while you were writing. Read the new message, then send again.`);
      }
    }

    const now = new Date();
    const message = single(
      await tx
        .insert(messages)
        .values({ ticketId: ticket.id, authorId: author.id, kind: input.kind, body: input.body, emailMessageId: input.emailMessageId, createdAt: now })
        .returning({ id: messages.id }),
      "message",
    );
    await attachUploadsToMessage(tx, { uploaderId: author.id, ticketId: ticket.id, messageId: message.id, attachmentIds: input.attachmentIds ?? [] });
    const written = { id: message.id, authorId: author.id, kind: input.kind, body: input.body, createdAt: now };
    await publishTicketActivity(tx, { type: "message_added", ticketId: ticket.id, message: written });

    const changes: TicketChange[] = [];
    let status: TicketStatus = ticket.status;
    const publicReply = input.kind === "public";
    const implied = publicReply ? statusAfterReply(status, staff ? "agent" : "requester") : null;
    if (implied) status = implied;
    if (input.status && input.status !== status) {
      if (!canTransition(status, input.status, "agent")) {
        throw new AppError("INVALID", `A reply cannot move ticket #${ticket.number} from ${status.replace("_", " ")} to ${input.status.replace("_", " ")}.`);
      }
      status = input.status;
      // "Send and solve" is a solve like any other: required fields first.
      const before = { status: ticket.status, values: ticket.customValues };
      const missing = status === "solved" ? missingAfterChange(await listFieldDefinitions(tx, "ticket"), before, { status, values: ticket.customValues }) : [];
      if (missing.length > 0) throw new AppError("INVALID", requiredFieldRefusal(ticket.number, missing, before).message);
    }
    if (status !== ticket.status) changes.push({ field: "status", from: ticket.status, to: status });
    const firstResponse = publicReply && staff && !ticket.firstResponseAt && author.id !== ticket.requesterId;
    if (firstResponse) changes.push({ field: "first_response", to: now.toISOString() });
    const takeOwnership = publicReply && staff && !ticket.assigneeId && author.id !== ticket.requesterId && (await getSettings(tx)).assignOnFirstReply;
    if (takeOwnership) changes.push({ field: "assignee", from: null, to: author.id, detail: "replied to an unassigned ticket" });

    const [row] = await tx
      .update(tickets)
      .set({
        status,
        ...resolutionTimestamps(ticket.status, status, now),
        ...(firstResponse ? { firstResponseAt: now } : {}),
        ...(takeOwnership ? { assigneeId: author.id } : {}),
        ...touch(now),
      })
      .where(eq(tickets.id, ticket.id))
      .returning({ version: tickets.version });
    await recordEvents(tx, ticket.id, author.id, changes, now);
    let version = row?.version ?? ticket.version + 1;
    const sent = { id: message.id, body: input.body, kind: input.kind };
    const solvedNow = status === "solved" && ticket.status !== "solved";
    if (publicReply && staff) await notifyPublicReply(tx, ticket.id, sent, author, { solved: solvedNow });
    else if (publicReply) await notifyCustomerReply(tx, ticket.id, sent, author);
    // A public reply already tells the requester (and asks for a rating); a note that solves needs its own email.
    if (!publicReply && solvedNow) await notifySolved(tx, ticket.id, version);
    version = await afterTicketUpdate(tx, ticket.id, version, now);
    return { kind: "reply", messageId: message.id, status, version };
  });
}
