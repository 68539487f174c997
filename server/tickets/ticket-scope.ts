import { and, eq, or, type SQL } from "drizzle-orm";
import { tickets } from "@/db/schema";
import { isStaff, type SessionUser } from "@/server/users/session-user";

/**
 * Which tickets a person may see, as a WHERE condition. Every ticket query
 * (lists, detail, replies, search) goes through this one function, so the
 * record-level rule lives in the query and cannot be skipped by a page.
 * Staff see every ticket; customers their own, plus their organization's
 * when the organization shares tickets.
 */
export function visibleTicketsCondition(viewer: SessionUser): SQL | undefined {
  if (isStaff(viewer)) return undefined;
  const own = eq(tickets.requesterId, viewer.id);
  if (viewer.organizationShares && viewer.organizationId) {
    return or(own, eq(tickets.organizationId, viewer.organizationId));
  }
  return own;
}

/** Conditions joined with the viewer's scope. */
export function scoped(viewer: SessionUser, ...conditions: (SQL | undefined)[]): SQL | undefined {
  return and(visibleTicketsCondition(viewer), ...conditions);
}
