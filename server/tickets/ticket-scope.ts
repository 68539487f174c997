import "server-only";
import { and, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import { messageKinds, messages, ticketCcs, tickets, type MessageKind } from "@/db/schema";
import { isStaff, type SessionUser } from "@/server/users/session-user";

/**
 * Who sees what: which tickets a person may open, and which of a ticket's
 * messages they may read. Every reader of tickets and of messages (pages,
 * search, downloads, presence, conflict checks, customer email) asks these
 * functions, so each rule has one definition; tests/integration/message-readers
 * fails when a module reads `messages` without them.
 */

/**
 * Which tickets a person may see, as a WHERE condition. Every ticket query
 * (lists, detail, replies, search) goes through this one function, so the
 * record-level rule lives in the query and cannot be skipped by a page.
 * Staff see every ticket; customers their own, the ones they are copied on
 * (ticket_ccs), plus their organization's when the organization shares
 * tickets. Seeing a ticket lets a customer read its public thread and reply;
 * what only the requester may do (mark it solved, rate it) checks
 * requesterId on top.
 */
export function visibleTicketsCondition(viewer: SessionUser): SQL | undefined {
  if (isStaff(viewer)) return undefined;
  const own = eq(tickets.requesterId, viewer.id);
  const copied = ticketsCopiedTo(viewer.id);
  if (viewer.organizationShares && viewer.organizationId) {
    return or(own, copied, eq(tickets.organizationId, viewer.organizationId));
  }
  return or(own, copied);
}

/**
 * The tickets a person is copied on (ticket_ccs), as a WHERE condition.
 * `id = any(array(subquery))` (an init plan) rather than EXISTS, so that
 * PostgreSQL can still answer an OR with it by a bitmap of index scans.
 */
export function ticketsCopiedTo(userId: string): SQL {
  return sql`${tickets.id} = any(array(select ${ticketCcs.ticketId} from ${ticketCcs} where ${ticketCcs.userId} = ${userId}))`;
}

/**
 * The same rule for a ticket already in hand (a live event names its
 * requester, organization and CCs): true exactly when visibleTicketsCondition
 * would select the ticket. Change the two together.
 */
export function mayViewTicketRow(
  viewer: Pick<SessionUser, "id" | "role" | "organizationId" | "organizationShares">,
  ticket: { requesterId: string; organizationId: string | null; ccIds?: readonly string[] },
): boolean {
  if (isStaff(viewer)) return true;
  if (ticket.requesterId === viewer.id) return true;
  if (ticket.ccIds?.includes(viewer.id)) return true;
  return viewer.organizationShares && viewer.organizationId !== null && ticket.organizationId === viewer.organizationId;
}

/** Conditions joined with the viewer's scope. */
export function scoped(viewer: SessionUser, ...conditions: (SQL | undefined)[]): SQL | undefined {
  return and(visibleTicketsCondition(viewer), ...conditions);
}

const customerMessageKinds: readonly MessageKind[] = ["public"];

/**
 * THE privacy rule for threads: the message kinds a viewer may read. Staff
 * read everything (public replies, internal notes, system messages);
 * everyone else reads public replies only. Email that leaves the desk is
 * judged as a customer would be (see `customerReader`).
 */
export function visibleMessageKinds(viewer: Pick<SessionUser, "role">): readonly MessageKind[] {
  return isStaff(viewer) ? messageKinds : customerMessageKinds;
}

/** Whether a viewer may read a message of this kind (for messages already in hand, such as a reply about to be emailed). */
export function mayReadMessage(viewer: Pick<SessionUser, "role">, kind: MessageKind): boolean {
  return visibleMessageKinds(viewer).includes(kind);
}

/** Who reads an email sent outside the desk: whatever its address, it may be forwarded, so it gets what a customer may read. */
export const customerReader = { role: "customer" } as const satisfies Pick<SessionUser, "role">;

/**
 * The rule as a WHERE condition on `messages.kind`. Always a condition, even
 * for staff, so that a left-joined missing message never counts as visible.
 */
export function visibleMessagesWhere(viewer: Pick<SessionUser, "role">): SQL {
  return inArray(messages.kind, [...visibleMessageKinds(viewer)]);
}
