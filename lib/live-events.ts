/**
 * What the live stream (GET /api/live, Server-Sent Events) tells a signed-in
 * person. Events say *what* changed, never the changed data: the page
 * refetches through its usual scoped procedures, so the stream cannot show
 * anyone more than the page would. The server still sends each person only
 * events about tickets they may see, and message events about internal notes
 * only to staff. Pure, so the browser and the server share it.
 *
 * On the wire, each event is one SSE event named after it (`event: ticket`)
 * whose `data:` is the LiveEvent as JSON, so listen with
 * `source.addEventListener(name, …)` for each of LIVE_EVENT_NAMES (`onmessage`
 * hears nothing). Ticket, message and presence events carry an `id:` that
 * EventSource sends back as Last-Event-ID when it reconnects; the server then
 * replays what was missed or, when it cannot, sends `resync`.
 */
export const LIVE_EVENT_NAMES = ["ticket", "message", "presence", "counts", "resync"] as const;
export type LiveEventName = (typeof LIVE_EVENT_NAMES)[number];

export type LiveEvent =
  /** A ticket's properties changed or it was created or merged: lists and its page refetch. */
  | { event: "ticket"; number: number; version: number | null }
  /** A message was added to a ticket (kind public or internal; staff only hear of internal ones). */
  | { event: "message"; number: number; kind: "public" | "internal" | "system"; authorId: string | null }
  /** Who is looking at or writing on a ticket changed (staff only). */
  | { event: "presence"; number: number }
  /** The desk's view counts may have changed (staff only): the sidebar refetches them. */
  | { event: "counts" }
  /** The stream may have missed events (a reconnect after a gap): refetch everything on the page. */
  | { event: "resync" };

/** How long the browser waits before reconnecting, and when it gives up on the stream and polls instead. */
export const LIVE_RETRY_MS = 2_000;
export const LIVE_FALLBACK_POLL_MS = 20_000;
