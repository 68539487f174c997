/**
 * Where "Back to the queue" (and Esc) on a ticket page goes: the exact desk
 * view, filters, search and page the agent opened the ticket from. Queue
 * links carry it as `?from=<path>`; only a /desk path of this app is ever
 * followed (never another site, never a protocol-relative URL).
 */
export const DESK_RETURN_PARAM = "from";
const DEFAULT_RETURN = "/desk";

export function deskReturnPath(from: string | null | undefined): string {
  if (!from || from.length > 2000) return DEFAULT_RETURN;
  if (!(from === "/desk" || from.startsWith("/desk?"))) return DEFAULT_RETURN;
  if (/[\\\u0000-\u001f]/.test(from)) return DEFAULT_RETURN;
  return from;
}

/** A ticket link that remembers the queue it was opened from. */
export function ticketHrefFrom(number: number, currentQueue: string): string {
  return `/desk/tickets/${number}?${DESK_RETURN_PARAM}=${encodeURIComponent(deskReturnPath(currentQueue))}`;
}
