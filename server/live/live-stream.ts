import "server-only";
import type { Db } from "@/db/types";
import { LIVE_RETRY_MS, type LiveEvent } from "@/lib/live-events";
import { isStaff, loadActiveUser, type SessionUser } from "@/server/users/session-user";
import type { LiveEntry } from "./live-hub";
import { liveHubFor } from "./live-listener";
import { liveEventFor, movesCounts } from "./live-scope";

/**
 * One person's Server-Sent Events stream (GET /api/live): the process's
 * notices, each filtered for them (live-scope.ts), with ids for
 * Last-Event-ID, a debounced `counts` for staff, and a comment every 15 s so
 * proxies keep the connection open. The person is re-read at most once a
 * minute (at a heartbeat or an event): a disabled account's stream ends
 * there, and a changed role or organization applies from then on.
 */
export const LIVE_HEARTBEAT_MS = 15_000;
export const LIVE_USER_RECHECK_MS = 60_000;
/** A burst of changes (a bulk edit) becomes one counts refetch. */
export const LIVE_COUNTS_DEBOUNCE_MS = 300;
/**
 * Per person and process. A new stream beyond this ends the person's oldest
 * one, which is most likely a tab closed without the server noticing yet
 * (a dropped connection is only seen at the next write); the ended stream
 * asks its browser to come back after LIVE_EVICTED_RETRY_MS, so eleven real
 * tabs take turns slowly instead of pushing each other out every few seconds.
 */
export const MAX_LIVE_STREAMS_PER_USER = 10;
export const LIVE_EVICTED_RETRY_MS = 60_000;
/** Chunks a reader may leave unread before its stream is dropped (it reconnects and resyncs). */
const MAX_UNREAD_CHUNKS = 256;

/** Each person's open streams, oldest first, by the function that ends one. */
const openStreams = new Map<string, (() => void)[]>();

export interface LiveStreamRequest {
  /** The Last-Event-ID header, when the browser reconnects. */
  lastEventId: string | null;
  /** Aborted when the browser goes away. */
  signal: AbortSignal;
}

export async function openLiveStream(db: Db, viewer: SessionUser, request: LiveStreamRequest): Promise<Response> {
  let evict = () => {};
  const evictThis = () => evict();
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    const list = openStreams.get(viewer.id) ?? [];
    const at = list.indexOf(evictThis);
    if (at !== -1) list.splice(at, 1);
    if (list.length === 0) openStreams.delete(viewer.id);
  };

  const hub = await liveHubFor(db).catch((error: unknown) => {
    release();
    throw error;
  });
  let finish = () => {};

  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const encoder = new TextEncoder();
      let closed = false;
      let current = viewer;
      let checkedAt = Date.now();
      let countsTimer: ReturnType<typeof setTimeout> | null = null;
      // Rechecks are async; every write goes through this chain so events keep their order.
      let queue: Promise<void> = Promise.resolve();

      const write = (text: string) => {
        if (closed) return;
        if ((controller.desiredSize ?? 0) < -MAX_UNREAD_CHUNKS) return finish();
        controller.enqueue(encoder.encode(text));
      };
      const send = (event: LiveEvent, id?: string) => write(`${id ? `id: ${id}\n` : ""}event: ${event.event}\ndata: ${JSON.stringify(event)}\n\n`);
      const scheduleCounts = () => {
        if (countsTimer || !isStaff(current)) return;
        countsTimer = setTimeout(() => {
          countsTimer = null;
          send({ event: "counts" });
        }, LIVE_COUNTS_DEBOUNCE_MS);
      };
      const handle = (entry: LiveEntry) => {
        if ("gap" in entry) return send({ event: "resync" }, entry.id);
        const event = liveEventFor(current, entry.notice);
        if (event) send(event, entry.id);
        if (movesCounts(entry.notice)) scheduleCounts();
      };
      const recheckIfDue = async () => {
        if (Date.now() - checkedAt < LIVE_USER_RECHECK_MS) return;
        checkedAt = Date.now();
        try {
          const fresh = await loadActiveUser(db, current.id);
          if (fresh) current = fresh;
          else finish();
        } catch (error) {
          // The database is unreachable: keep the stream, try again at the next check.
          console.error("Live stream could not re-read its user:", error);
        }
      };
      const inOrder = (step: () => void | Promise<void>) => {
        queue = queue
          .then(async () => {
            await recheckIfDue();
            if (!closed) await step();
          })
          .catch((error: unknown) => {
            // A broken stream ends; the browser reconnects and resumes.
            console.error("Live stream failed:", error);
            finish();
          });
      };

      const subscription = hub.subscribe((entry) => inOrder(() => handle(entry)), request.lastEventId);
      const startId = hub.lastEventId();
      const heartbeat = setInterval(() => inOrder(() => write(": keep-alive\n\n")), LIVE_HEARTBEAT_MS);
      finish = () => {
        if (closed) return;
        closed = true;
        subscription.unsubscribe();
        clearInterval(heartbeat);
        if (countsTimer) clearTimeout(countsTimer);
        request.signal.removeEventListener("abort", finish);
        release();
        try {
          controller.close();
        } catch {
          // Already closed by the reader's cancel.
        }
      };
      evict = () => {
        release();
        write(`retry: ${LIVE_EVICTED_RETRY_MS}\n\n`);
        finish();
      };
      if (request.signal.aborted) return finish();
      request.signal.addEventListener("abort", finish, { once: true });

      write(`retry: ${LIVE_RETRY_MS}\n\n`);
      inOrder(() => {
        if (subscription.missed === "resync") return send({ event: "resync" }, startId);
        for (const entry of subscription.missed) handle(entry);
        // An id with no data moves the browser's Last-Event-ID without an event, so a reconnect resumes from here.
        write(`id: ${startId}\n\n`);
      });
    },
    cancel() {
      finish();
    },
  });

  // Counted once its stream exists (start() has run, so it can be ended).
  if (!released) {
    const mine = openStreams.get(viewer.id) ?? [];
    openStreams.set(viewer.id, mine);
    while (mine.length >= MAX_LIVE_STREAMS_PER_USER) mine.shift()?.();
    mine.push(evictThis);
  }

  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      // no-transform: a compressing proxy (or Next's own compression) would otherwise hold events back.
      "Cache-Control": "no-store, no-transform",
      "X-Accel-Buffering": "no",
    },
  });
}
