import "server-only";
import type { LiveEvent } from "@/lib/live-events";
import { mayReadMessage, mayViewTicketRow } from "@/server/tickets/ticket-scope";
import { isStaff, type SessionUser } from "@/server/users/session-user";
import type { LiveNotice } from "./live-signal";

/**
 * What one person's stream says about a notice, by the same rules as every
 * page: nothing about a ticket they may not open (ticket-scope's one rule),
 * nothing about a message kind they may not read (an internal note is staff
 * only), no presence for customers. Null: they hear nothing.
 */
export function liveEventFor(viewer: SessionUser, notice: LiveNotice): LiveEvent | null {
  if (!mayViewTicketRow(viewer, notice)) return null;
  switch (notice.event) {
    case "ticket":
      return { event: "ticket", number: notice.number, version: notice.version };
    case "message": {
      if (!mayReadMessage(viewer, notice.kind)) return null;
      // Staff ids are not the portal's business: a customer learns only whether the message is their own.
      const authorId = isStaff(viewer) || notice.authorId === viewer.id ? notice.authorId : null;
      return { event: "message", number: notice.number, kind: notice.kind, authorId };
    }
    case "presence":
      return isStaff(viewer) ? { event: "presence", number: notice.number } : null;
  }
}

/** Whether a notice may move the desk's view counts (staff streams then get a debounced `counts`). */
export function movesCounts(notice: LiveNotice): boolean {
  return notice.event !== "presence";
}
