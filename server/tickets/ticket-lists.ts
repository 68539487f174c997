import "server-only";
import { and, asc, desc, eq, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import {
  categories,
  defaultSortOf,
  messages,
  ticketIsUnsolved,
  ticketPriorities,
  tickets,
  ticketSlas,
  ticketStatuses,
  users,
  type DeskView,
  type TicketPriority,
  type TicketSort,
  type TicketStatus,
} from "@/db/schema";
import { rowsOf } from "@/db/rows";
import type { DbOrTx } from "@/db/types";
import { customFieldCondition, type CustomFieldFilter } from "@/server/custom-fields/field-filter";
import { AppError } from "@/server/errors";
import type { Cursor } from "@/lib/page-cursor";
import { cursorTime, decodeCursor, toPage } from "@/server/pagination";
import type { CustomFieldValues } from "@/lib/custom-field-vocabulary";
import { isStaff, type SessionUser } from "@/server/users/session-user";
import { answeredByDocuments, fieldSearchDocumentOf, searchDocumentOf, searchWindowDays, updatedWithin } from "./search-documents";
import { scoped, ticketsCopiedTo, visibleMessagesWhere } from "./ticket-scope";

/**
 * Ticket lists: desk views, portal lists and the requester's history. All
 * use keyset pagination on (sort key, id) in the viewer's scope.
 */
const requester = alias(users, "requester");
const assignee = alias(users, "assignee");

export interface TicketFilters {
  status?: TicketStatus[];
  priority?: TicketPriority[];
  categoryId?: string;
  teamId?: string;
  /** An agent's id, or "none" for unassigned. */
  assigneeId?: string;
  tag?: string;
  requesterId?: string;
  organizationId?: string;
  /** A custom field's value (server/custom-fields/field-filter.ts). */
  field?: CustomFieldFilter;
}

const listColumns = {
  id: tickets.id,
  number: tickets.number,
  subject: tickets.subject,
  status: tickets.status,
  priority: tickets.priority,
  tags: tickets.tags,
  createdAt: tickets.createdAt,
  updatedAt: tickets.updatedAt,
  slaDueAt: tickets.slaDueAt,
  slaAtRiskAt: tickets.slaAtRiskAt,
  slaPausedAt: tickets.slaPausedAt,
  // A paused ticket whose paused clock is already past its target reads "Overdue, paused", as on its page.
  slaPausedOverdue: sql<boolean>`(${tickets.slaPausedAt} is not null and exists (select 1 from ${ticketSlas} where ${ticketSlas.ticketId} = ${tickets.id} and ${ticketSlas.completedAt} is null and ${ticketSlas.runningSince} is null and (${ticketSlas.breachedAt} is not null or ${ticketSlas.elapsedMinutes} >= ${ticketSlas.targetMinutes})))`.mapWith(Boolean),
  requesterName: requester.name,
  assigneeName: assignee.name,
  categoryName: categories.name,
};

/** The statuses "My open" lists (and counts: server/tickets/view-counts.ts). */
export const myOpenStatuses: TicketStatus[] = ["new", "open"];

function viewCondition(view: DeskView, viewer: SessionUser, teamId: string | undefined): SQL | undefined {
  switch (view) {
    case "mine":
      // What is the agent's to act on now: new and open, not tickets waiting on someone else
      // (pending, on hold). The unsolved predicate stays so the assignee queue index applies.
      return and(eq(tickets.assigneeId, viewer.id), ticketIsUnsolved, inArray(tickets.status, myOpenStatuses));
    case "unassigned":
      return and(isNull(tickets.assigneeId), ticketIsUnsolved);
    case "open":
      return ticketIsUnsolved;
    case "sla_at_risk":
      // At risk includes breached: both passed their 75% mark.
      return and(ticketIsUnsolved, sql`${tickets.slaAtRiskAt} <= now()`);
    case "team":
      if (!teamId) throw new AppError("INVALID", "Choose a team to see its queue.");
      return and(eq(tickets.teamId, teamId), ticketIsUnsolved);
    case "pending":
    case "on_hold":
    case "solved":
      return eq(tickets.status, view);
  }
}

async function filterConditions(db: DbOrTx, viewer: SessionUser, filters: TicketFilters): Promise<(SQL | undefined)[]> {
  return [
    filters.field ? await customFieldCondition(db, viewer, filters.field) : undefined,
    filters.status?.length ? inArray(tickets.status, filters.status) : undefined,
    filters.priority?.length ? inArray(tickets.priority, filters.priority) : undefined,
    filters.categoryId ? eq(tickets.categoryId, filters.categoryId) : undefined,
    filters.teamId ? eq(tickets.teamId, filters.teamId) : undefined,
    filters.assigneeId === "none" ? isNull(tickets.assigneeId) : filters.assigneeId ? eq(tickets.assigneeId, filters.assigneeId) : undefined,
    filters.tag ? sql`${tickets.tags} @> array[${filters.tag}]::text[]` : undefined,
    filters.requesterId ? eq(tickets.requesterId, filters.requesterId) : undefined,
    filters.organizationId ? eq(tickets.organizationId, filters.organizationId) : undefined,
  ];
}

/** ORDER BY and the keyset condition for a sort, given the last row seen. */
function ordering(sort: TicketSort, after: Cursor | null) {
  const byCreated = sort.startsWith("created");
  const time = byCreated ? tickets.createdAt : tickets.updatedAt;
  const ascending = sort.endsWith("_asc");
  if (sort === "due_asc") return dueOrdering(after);
  if (sort === "priority_desc") {
    const key = after?.key;
    if (after && !ticketPriorities.includes(key as TicketPriority)) throw new AppError("INVALID", "That page link is no longer valid.");
    return {
      orderBy: [desc(tickets.priority), desc(time), desc(tickets.id)],
      keyset: after ? sql`(${tickets.priority}, ${time}, ${tickets.id}) < (${key}::ticket_priority, ${after.at}, ${after.id})` : undefined,
      cursorAt: cursorTime(time),
      cursorOf: (row: { priority: string; cursorAt: string | null; id: string }) => ({ key: row.priority, at: row.cursorAt!, id: row.id }),
    };
  }
  const comparison = ascending ? sql`>` : sql`<`;
  // PostgreSQL walks an index in ORDER BY order only when the nulls placement matches too, even
  // for NOT NULL columns. The queue indexes keep (updated_at, id) DESC NULLS LAST, so updated_*
  // orders say the same (read forward when descending, backward when ascending); the created_at
  // indexes are ascending with the default placement, which asc() and desc() already match.
  const direction = ascending ? sql`asc` : sql`desc`;
  const nulls = byCreated ? sql`` : ascending ? sql` nulls first` : sql` nulls last`;
  return {
    orderBy: [sql`${time} ${direction}${nulls}`, sql`${tickets.id} ${direction}${nulls}`],
    keyset: after ? sql`(${time}, ${tickets.id}) ${comparison} (${after.at}, ${after.id})` : undefined,
    cursorAt: cursorTime(time),
    cursorOf: (row: { cursorAt: string | null; id: string }) => ({ at: row.cursorAt!, id: row.id }),
  };
}

/**
 * Soonest due first; tickets with no running SLA clock come last, by id.
 * The cursor marks that tail with key "none".
 */
function dueOrdering(after: Cursor | null) {
  const due = tickets.slaDueAt;
  let keyset: SQL | undefined;
  if (after?.key === "none") keyset = sql`(${due} is null and ${tickets.id} > ${after.id})`;
  else if (after) keyset = sql`((${due}, ${tickets.id}) > (${after.at}, ${after.id}) or ${due} is null)`;
  return {
    orderBy: [sql`${due} asc nulls last`, asc(tickets.id)],
    keyset,
    cursorAt: cursorTime(due),
    cursorOf: (row: { cursorAt: string | null; id: string }) => (row.cursorAt ? { at: row.cursorAt, id: row.id } : { at: new Date(0).toISOString(), id: row.id, key: "none" }),
  };
}

async function runList(db: DbOrTx, viewer: SessionUser, where: (SQL | undefined)[], options: { sort: TicketSort; cursor?: string; limit: number }) {
  const order = ordering(options.sort, options.cursor ? decodeCursor(options.cursor) : null);
  const rows = await db
    // Custom values only in staff lists: customers never receive agent-only values, not even unshown.
    .select({ ...listColumns, customValues: isStaff(viewer) ? tickets.customValues : sql<CustomFieldValues>`'{}'::jsonb`, cursorAt: order.cursorAt })
    .from(tickets)
    .innerJoin(requester, eq(requester.id, tickets.requesterId))
    .leftJoin(assignee, eq(assignee.id, tickets.assigneeId))
    .leftJoin(categories, eq(categories.id, tickets.categoryId))
    .where(scoped(viewer, ...where, order.keyset))
    .orderBy(...order.orderBy)
    .limit(options.limit + 1);
  return toPage(rows, options.limit, order.cursorOf);
}

export type TicketListItem = Awaited<ReturnType<typeof runList>>["items"][number];

/**
 * A desk view narrowed by filters, one keyset page at a time. With a query,
 * a search within the view and its filters (most recently updated first,
 * whatever the sort).
 */
export async function listDeskView(
  db: DbOrTx,
  viewer: SessionUser,
  options: { view: DeskView; filters?: TicketFilters; query?: string; sort?: TicketSort; cursor?: string; limit: number },
) {
  const filters = options.filters ?? {};
  const where = [viewCondition(options.view, viewer, filters.teamId), ...(await filterConditions(db, viewer, filters))];
  if (options.query) return searchTickets(db, viewer, { query: options.query, cursor: options.cursor, limit: options.limit, where });
  const sort = options.sort ?? defaultSortOf(options.view);
  return runList(db, viewer, where, { sort, cursor: options.cursor, limit: options.limit });
}

/**
 * The portal's lists: the viewer's own tickets, or their organization's where it shares; all of
 * them, the open ones (not yet solved) or the closed ones (solved or closed), with how many are
 * open and closed in that scope.
 */
export async function listPortalTickets(
  db: DbOrTx,
  viewer: SessionUser,
  options: { scope: "mine" | "organization"; state?: "all" | "open" | "closed"; cursor?: string; limit: number },
) {
  const organizationId = options.scope === "organization" && viewer.organizationShares ? viewer.organizationId : null;
  // "Mine": the tickets they opened and the ones they are copied on.
  const where = organizationId ? eq(tickets.organizationId, organizationId) : or(eq(tickets.requesterId, viewer.id), ticketsCopiedTo(viewer.id));
  const state = options.state === "open" ? ticketIsUnsolved : options.state === "closed" ? sql`not ${ticketIsUnsolved}` : undefined;
  const [page, [counts]] = await Promise.all([
    runList(db, viewer, [where, state], { cursor: options.cursor, limit: options.limit, sort: "updated_desc" }),
    db
      .select({ open: sql<number>`(count(*) filter (where ${ticketIsUnsolved}))::int`, closed: sql<number>`(count(*) filter (where not ${ticketIsUnsolved}))::int` })
      .from(tickets)
      .where(scoped(viewer, where)),
  ]);
  return { ...page, counts: { open: counts?.open ?? 0, closed: counts?.closed ?? 0 } };
}

// How many of the most recently updated tickets the first search step looks at.
const RECENT_WINDOW = 1000;
// Below how many candidate tickets in all search reads every candidate rather than widening windows.
const FEW_MATCHES = 2000;

/**
 * `tickets.id` among the `size` most recently updated tickets after the cursor. There is no
 * index on updated_at alone, but the status queue index orders each status by it: one short walk
 * per status, merged, reads at most `size` entries of each.
 */
function amongRecentTickets(keyset: SQL | undefined, size: number): SQL {
  // A literal, not a bind parameter, so that the planner sizes the walks.
  const limit = sql.raw(String(size));
  const order = sql`order by ${tickets.updatedAt} desc nulls last, ${tickets.id} desc nulls last limit ${limit}`;
  const perStatus = ticketStatuses.map(
    (status) => sql`(select ${tickets.id}, ${tickets.updatedAt} from ${tickets} where ${tickets.status} = ${sql.raw(`'${status}'`)}${keyset ? sql` and ${keyset}` : sql``} ${order})`,
  );
  return sql`${tickets.id} in (select recent.id from (${sql.join(perStatus, sql` union all `)}) recent order by recent.updated_at desc nulls last, recent.id desc nulls last limit ${limit})`;
}

/**
 * Full-text search over subjects, text custom fields and the messages the viewer may read;
 * "#1042" finds by number.
 * Most recently updated first. The first step takes the most recent tickets (`recentWindow` of
 * them; tests shrink it to reach its edge with a few tickets) and checks them one by one: a
 * common word fills a page there. When that window holds less than a page and one more:
 * - words joined by AND/OR (nearly every search) read the per-ticket documents
 *   (search-documents.ts) in widening windows of updated_at until one holds a page, so a rare
 *   word reads about a page of rows instead of every match;
 * - other queries (phrases, negations, numbers) collect every match through the message index.
 *   A word with fewer than `fewMatches` candidate tickets in all skips the windows: reading
 *   them all is cheaper than several queries. Tests lower it to 0 to page through the windows.
 * Every step checks a candidate against its subject and messages exactly as the first step does,
 * so the steps differ in cost only.
 */
export async function searchTickets(
  db: DbOrTx,
  viewer: SessionUser,
  options: { query: string; cursor?: string; limit: number; where?: (SQL | undefined)[] },
  recentWindow = RECENT_WINDOW,
  fewMatches = FEW_MATCHES,
) {
  const extra = options.where ?? [];
  const text = options.query.trim();
  const number = /^#?(\d{1,9})$/.exec(text)?.[1];
  const tsquery = sql`websearch_to_tsquery('english', ${text})`;
  const readable = visibleMessagesWhere(viewer);
  const list = { sort: "updated_desc" as const, cursor: options.cursor, limit: options.limit };
  const after = options.cursor ? decodeCursor(options.cursor) : null;

  const fields = fieldSearchDocumentOf(viewer);
  const matches = sql`(${tickets.subjectSearch} @@ ${tsquery} or ${fields} @@ ${tsquery} or exists (
    select 1 from ${messages} where ${messages.ticketId} = ${tickets.id} and ${messages.bodySearch} @@ ${tsquery} and ${readable}
  )${number ? sql` or ${tickets.number} = ${Number(number)}` : sql``})`;
  const byDocuments = !number && answeredByDocuments(text);
  // A single word matches a document exactly when it matches one of the messages in it.
  const candidates = byDocuments ? [sql`(${tickets.subjectSearch} @@ ${tsquery} or ${fields} @@ ${tsquery} or ${searchDocumentOf(viewer)} @@ ${tsquery})`, sql`(numnode(${tsquery}) = 1 or ${matches})`] : [matches];
  const keyset = ordering("updated_desc", after).keyset;
  const recent = await runList(db, viewer, [...candidates, amongRecentTickets(keyset, recentWindow), ...extra], list);
  // A next page found within the window means the whole page came from it.
  if (recent.nextCursor) return recent;

  if (byDocuments) {
    // Few matches in all (a rare word): read them all at once, the windows would only add queries.
    const [counted] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from (select 1 from ${tickets} where ${candidates[0]} limit ${fewMatches}) few`));
    if ((counted?.n ?? 0) < fewMatches) return runList(db, viewer, [...candidates, ...extra], list);
    const anchor = after ? new Date(after.at) : new Date();
    for (const days of searchWindowDays) {
      const page = await runList(db, viewer, [...candidates, updatedWithin(anchor, days), ...extra], list);
      if (page.nextCursor) return page;
    }
    return runList(db, viewer, [...candidates, ...extra], list);
  }

  const everyMatch = sql`${tickets.id} in (
    select t2.id from tickets t2 where t2.subject_search @@ ${tsquery}
    union all select ${tickets.id} from ${tickets} where ${fields} @@ ${tsquery}
    union all select ${messages.ticketId} from ${messages} where ${messages.bodySearch} @@ ${tsquery} and ${readable}
    ${number ? sql`union all select t3.id from tickets t3 where t3.number = ${Number(number)}` : sql``}
  )`;
  return runList(db, viewer, [everyMatch, ...extra], list);
}

/**
 * Tickets for another system (the REST API): any desk view or none, the desk's
 * filters, a full-text query, and "updated since" for incremental sync (read
 * oldest change first, so a client can resume from its last cursor). The
 * viewer's scope applies as everywhere; desk views are for staff.
 */
export async function listTicketsForSync(
  db: DbOrTx,
  viewer: SessionUser,
  options: { view?: DeskView; filters?: TicketFilters; query?: string; updatedSince?: Date; sort?: TicketSort; cursor?: string; limit: number },
) {
  const filters = options.filters ?? {};
  const where = [
    options.view ? viewCondition(options.view, viewer, filters.teamId) : undefined,
    ...(await filterConditions(db, viewer, filters)),
    options.updatedSince ? sql`${tickets.updatedAt} >= ${options.updatedSince.toISOString()}` : undefined,
  ];
  if (options.query) {
    if (options.sort && options.sort !== "updated_desc") throw new AppError("INVALID", "Search results come most recently updated first: leave out sort, or use updated_desc.", { fieldErrors: { sort: ["Use updated_desc with q."] } });
    return searchTickets(db, viewer, { query: options.query, cursor: options.cursor, limit: options.limit, where });
  }
  const sort = options.sort ?? (options.updatedSince ? "updated_asc" : options.view ? defaultSortOf(options.view) : "updated_desc");
  return runList(db, viewer, where, { sort, cursor: options.cursor, limit: options.limit });
}

/** The requester's other tickets, for the agent's side panel. */
export async function listRequesterHistory(db: DbOrTx, viewer: SessionUser, requesterId: string, excludeTicketId: string) {
  const page = await runList(db, viewer, [eq(tickets.requesterId, requesterId), sql`${tickets.id} <> ${excludeTicketId}`], { sort: "updated_desc", limit: 10 });
  return page.items;
}
