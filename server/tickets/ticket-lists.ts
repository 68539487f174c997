import { and, asc, desc, eq, isNull, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { categories, ticketIsUnsolved, tickets, users } from "@/db/schema";
import type { DbOrTx } from "@/db/types";
import { decodeCursor, toPage } from "@/server/pagination";
import type { SessionUser } from "@/server/users/session-user";
import { scoped } from "./ticket-scope";

const requester = alias(users, "requester");
const assignee = alias(users, "assignee");

export const deskViews = ["mine", "unassigned", "open", "pending", "on_hold", "solved"] as const;
export type DeskView = (typeof deskViews)[number];

export const deskViewLabels: Record<DeskView, string> = {
  mine: "My open tickets",
  unassigned: "Unassigned",
  open: "All open",
  pending: "Pending",
  on_hold: "On hold",
  solved: "Recently solved",
};

const listColumns = {
  id: tickets.id,
  number: tickets.number,
  subject: tickets.subject,
  status: tickets.status,
  priority: tickets.priority,
  createdAt: tickets.createdAt,
  updatedAt: tickets.updatedAt,
  requesterName: requester.name,
  assigneeName: assignee.name,
  categoryName: categories.name,
};


interface ViewQuery {
  where: SQL | undefined;
  /** Oldest first (the unassigned queue is worked in arrival order) or newest first. */
  order: "created_asc" | "updated_desc";
}

function deskViewQuery(view: DeskView, viewer: SessionUser): ViewQuery {
  const unsolved = ticketIsUnsolved;
  switch (view) {
    case "mine":
      return { where: and(eq(tickets.assigneeId, viewer.id), unsolved), order: "updated_desc" };
    case "unassigned":
      return { where: and(isNull(tickets.assigneeId), unsolved), order: "created_asc" };
    case "open":
      return { where: unsolved, order: "updated_desc" };
    case "pending":
    case "on_hold":
    case "solved":
      return { where: eq(tickets.status, view), order: "updated_desc" };
  }
}

async function runList(
  db: DbOrTx,
  viewer: SessionUser,
  query: ViewQuery,
  options: { cursor?: string; limit: number },
) {
  const after = options.cursor ? decodeCursor(options.cursor) : null;
  const byCreated = query.order === "created_asc";
  const key = byCreated ? tickets.createdAt : tickets.updatedAt;
  const keyset = after
    ? byCreated
      ? sql`(${key}, ${tickets.id}) > (${after.at.toISOString()}, ${after.id})`
      : sql`(${key}, ${tickets.id}) < (${after.at.toISOString()}, ${after.id})`
    : undefined;
  const rows = await db
    .select(listColumns)
    .from(tickets)
    .innerJoin(requester, eq(requester.id, tickets.requesterId))
    .leftJoin(assignee, eq(assignee.id, tickets.assigneeId))
    .leftJoin(categories, eq(categories.id, tickets.categoryId))
    .where(scoped(viewer, query.where, keyset))
    .orderBy(...(byCreated ? [asc(key), asc(tickets.id)] : [desc(key), desc(tickets.id)]))
    .limit(options.limit + 1);
  return toPage(rows, options.limit, (row) => ({ at: byCreated ? row.createdAt : row.updatedAt, id: row.id }));
}

/** A desk queue, one keyset page at a time. */
export function listDeskView(
  db: DbOrTx,
  viewer: SessionUser,
  options: { view: DeskView; cursor?: string; limit: number },
){
  return runList(db, viewer, deskViewQuery(options.view, viewer), options);
}

/** The portal's lists: the viewer's own tickets, or their organization's where it shares. */
export function listPortalTickets(
  db: DbOrTx,
  viewer: SessionUser,
  options: { scope: "mine" | "organization"; cursor?: string; limit: number },
){
  const where =
    options.scope === "mine"
      ? eq(tickets.requesterId, viewer.id)
      : viewer.organizationShares && viewer.organizationId
        ? eq(tickets.organizationId, viewer.organizationId)
        : eq(tickets.requesterId, viewer.id);
  return runList(db, viewer, { where, order: "updated_desc" }, options);
}

export type TicketListItem = Awaited<ReturnType<typeof runList>>["items"][number];
