import "server-only";
import { and, asc, eq, inArray, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { categories, messages, organizations, outbox, satisfactionRatings, slaPolicies, teams, ticketEvents, tickets, ticketSlas, users } from "@/db/schema";
import type { DbOrTx } from "@/db/types";
import { listAttachmentsForMessages } from "@/server/attachments/link-attachments";
import { listFieldDefinitions } from "@/server/custom-fields/field-definitions";
import { ticketFieldViews } from "@/server/custom-fields/ticket-custom-values";
import { AppError } from "@/server/errors";
import { isStaff, type SessionUser } from "@/server/users/session-user";
import { mayReadMessage, scoped, visibleMessagesWhere } from "./ticket-scope";
import { threadMessageColumns } from "./ticket-messages";
import { followState, listTicketCcs } from "./ticket-people";

const requester = alias(users, "requester");
const assignee = alias(users, "assignee");
const followUpOf = alias(tickets, "follow_up_of");
const mergedInto = alias(tickets, "merged_into");

/** The ticket row with the names a page shows, if the viewer may see it. */
export async function findVisibleTicket(db: DbOrTx, viewer: SessionUser, where: SQL) {
  const [row] = await db
    .select({
      id: tickets.id,
      number: tickets.number,
      subject: tickets.subject,
      status: tickets.status,
      priority: tickets.priority,
      channel: tickets.channel,
      tags: tickets.tags,
      version: tickets.version,
      createdAt: tickets.createdAt,
      updatedAt: tickets.updatedAt,
      firstResponseAt: tickets.firstResponseAt,
      solvedAt: tickets.solvedAt,
      closedAt: tickets.closedAt,
      categoryId: tickets.categoryId,
      categoryName: categories.name,
      teamId: tickets.teamId,
      teamName: teams.name,
      requesterId: tickets.requesterId,
      requesterName: requester.name,
      requesterEmail: requester.email,
      assigneeId: tickets.assigneeId,
      assigneeName: assignee.name,
      organizationId: tickets.organizationId,
      organizationName: organizations.name,
      followUpOfNumber: followUpOf.number,
      mergedIntoNumber: mergedInto.number,
    })
    .from(tickets)
    .innerJoin(requester, eq(requester.id, tickets.requesterId))
    .leftJoin(organizations, eq(organizations.id, tickets.organizationId))
    .leftJoin(followUpOf, eq(followUpOf.id, tickets.followUpOfId))
    .leftJoin(mergedInto, eq(mergedInto.id, tickets.mergedIntoId))
    .leftJoin(assignee, eq(assignee.id, tickets.assigneeId))
    .leftJoin(categories, eq(categories.id, tickets.categoryId))
    .leftJoin(teams, eq(teams.id, tickets.teamId))
    .where(scoped(viewer, where))
    .limit(1);
  return row ?? null;
}

/**
 * A ticket page: the ticket, its thread and (for staff) its timeline.
 * The thread holds only the message kinds the viewer may read
 * (visibleMessageKinds), filtered in the query, not in the page.
 */
export async function getTicketDetail(db: DbOrTx, viewer: SessionUser, number: number) {
  const ticket = await findVisibleTicket(db, viewer, eq(tickets.number, number));
  if (!ticket) throw new AppError("NOT_FOUND", `Ticket #${number} does not exist or is not yours to see.`);

  const staff = isStaff(viewer);
  const thread = await db
    .select(threadMessageColumns)
    .from(messages)
    .leftJoin(users, eq(users.id, messages.authorId))
    .where(and(eq(messages.ticketId, ticket.id), visibleMessagesWhere(viewer)))
    .orderBy(asc(messages.createdAt), asc(messages.id));

  // The timeline tells internal activity (assignments, automation outcomes, merges): it goes where internal notes go.
  const timeline = mayReadMessage(viewer, "internal")
    ? await db
        .select({
          id: ticketEvents.id,
          field: ticketEvents.field,
          fromValue: ticketEvents.fromValue,
          toValue: ticketEvents.toValue,
          detail: ticketEvents.detail,
          createdAt: ticketEvents.createdAt,
          actorName: users.name,
        })
        .from(ticketEvents)
        .leftJoin(users, eq(users.id, ticketEvents.actorId))
        .where(eq(ticketEvents.ticketId, ticket.id))
        .orderBy(asc(ticketEvents.createdAt), asc(ticketEvents.id))
    : [];

  const sla = staff
    ? await db
        .select({
          metric: ticketSlas.metric,
          policyName: slaPolicies.name,
          targetMinutes: ticketSlas.targetMinutes,
          elapsedMinutes: ticketSlas.elapsedMinutes,
          runningSince: ticketSlas.runningSince,
          dueAt: ticketSlas.dueAt,
          atRiskAt: ticketSlas.atRiskAt,
          completedAt: ticketSlas.completedAt,
          met: ticketSlas.met,
          breachedAt: ticketSlas.breachedAt,
        })
        .from(ticketSlas)
        .leftJoin(slaPolicies, eq(slaPolicies.id, ticketSlas.policyId))
        .where(eq(ticketSlas.ticketId, ticket.id))
        .orderBy(asc(ticketSlas.metric))
    : [];

  // The requester's rating is for staff; the requester reads their own through the satisfaction procedures.
  const [satisfaction] = staff
    ? await db
        .select({
          score: satisfactionRatings.score,
          comment: satisfactionRatings.comment,
          ratedAt: satisfactionRatings.ratedAt,
          assigneeName: users.name,
        })
        .from(satisfactionRatings)
        .leftJoin(users, eq(users.id, satisfactionRatings.assigneeId))
        .where(eq(satisfactionRatings.ticketId, ticket.id))
    : [];

  const files = await listAttachmentsForMessages(db, thread.map((m) => m.id));
  // Staff see whether each public reply's email went out.
  const deliveries =
    staff && thread.length
      ? await db
          .select({ messageId: outbox.ticketMessageId, status: outbox.status })
          .from(outbox)
          .where(inArray(outbox.ticketMessageId, thread.map((m) => m.id)))
      : [];
  return {
    ticket,
    messages: thread.map((m) => ({
      ...m,
      attachments: files.filter((file) => file.messageId === m.id),
      delivery: deliveries.find((d) => d.messageId === m.id)?.status ?? null,
    })),
    timeline: await withValueNames(db, timeline),
    sla,
    satisfaction: satisfaction ?? null,
    // Everyone who may open the ticket sees who is copied on it (they are on its emails' Cc line anyway).
    ccs: await listTicketCcs(db, ticket.id),
    following: staff ? await followState(db, viewer.id, ticket.id) : null,
    // Through the one field-visibility rule: a customer never gets an agent-only field, nor its value.
    customFields: ticketFieldViews(await listFieldDefinitions(db, "ticket"), await customValuesOf(db, ticket.id), viewer, { editable: staff }),
  };
}

async function customValuesOf(db: DbOrTx, ticketId: string) {
  const [row] = await db.select({ customValues: tickets.customValues }).from(tickets).where(eq(tickets.id, ticketId));
  return row?.customValues ?? {};
}

/** Events store ids for team, assignee, category and organization changes; the timeline shows names. */
async function withValueNames<T extends { field: string; fromValue: string | null; toValue: string | null }>(db: DbOrTx, events: T[]) {
  const idsOf = (field: string) =>
    [...new Set(events.filter((e) => e.field === field).flatMap((e) => [e.fromValue, e.toValue]))].filter((v): v is string => !!v);
  const userIds = idsOf("assignee");
  const teamIds = idsOf("team");
  const categoryIds = idsOf("category");
  const organizationIds = idsOf("organization");
  const names = new Map<string, string>();
  if (userIds.length) {
    for (const u of await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, userIds))) names.set(u.id, u.name);
  }
  if (teamIds.length) {
    for (const t of await db.select({ id: teams.id, name: teams.name }).from(teams).where(inArray(teams.id, teamIds))) names.set(t.id, t.name);
  }
  if (categoryIds.length) {
    for (const c of await db.select({ id: categories.id, name: categories.name }).from(categories).where(inArray(categories.id, categoryIds))) names.set(c.id, c.name);
  }
  if (organizationIds.length) {
    for (const o of await db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(inArray(organizations.id, organizationIds))) names.set(o.id, o.name);
  }
  const named = (value: string | null) => (value ? (names.get(value) ?? value) : null);
  return events.map((e) =>
    ["assignee", "team", "category", "organization"].includes(e.field) ? { ...e, fromValue: named(e.fromValue), toValue: named(e.toValue) } : e,
  );
}

export type TicketDetail = Awaited<ReturnType<typeof getTicketDetail>>;
