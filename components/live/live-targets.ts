import type { LiveEvent } from "@/lib/live-events";

/**
 * What each live event makes stale. Client queries are refetched through
 * TanStack Query; server-rendered pages (the queue, a ticket) are refreshed
 * in place with router.refresh(), which keeps client state such as a
 * half-written reply.
 */
export type LiveQueryGroup = "counts" | "queue" | "tickets";

export function staleQueryGroups(event: LiveEvent): LiveQueryGroup[] | "all" {
  switch (event.event) {
    case "counts":
      return ["counts"];
    case "ticket":
    case "message":
      return ["queue", "tickets"];
    case "presence":
      // Presence is read by the ticket page's heartbeat, which listens itself.
      return [];
    case "resync":
      return "all";
  }
}

const deskTicket = /^\/desk\/tickets\/(\d+)$/;
const portalTicket = /^\/tickets\/(\d+)$/;

/** Whether the page at `pathname` shows something the event changed, so it should re-render from the server. */
export function routeShows(pathname: string, event: LiveEvent): boolean {
  if (event.event === "resync") return true;
  if (event.event === "counts" || event.event === "presence") return false;
  // The queue shows every ticket's properties and order (rows enter and leave it).
  if (pathname === "/desk") return true;
  const match = deskTicket.exec(pathname) ?? portalTicket.exec(pathname);
  return match !== null && Number(match[1]) === event.number;
}

