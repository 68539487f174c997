/**
 * The browser's end of the live stream (components/live), against a fake
 * EventSource: events reach the page, a refused stream is reopened and
 * followed by a resync, a stream that keeps failing gives way to polling
 * every LIVE_FALLBACK_POLL_MS (and is tried again later), and what each
 * event makes stale.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LiveConnection, MAX_FAILURES, POLLS_BETWEEN_STREAM_TRIES, parseLiveEvent, type LiveSource, type LiveStatus } from "@/components/live/live-connection";
import { routeShows, staleQueryGroups } from "@/components/live/live-targets";
import { LIVE_FALLBACK_POLL_MS, LIVE_RETRY_MS, type LiveEvent } from "@/lib/live-events";

class FakeSource implements LiveSource {
  readyState = 0;
  closed = false;
  onopen: ((event: Event) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  private listeners = new Map<string, ((event: MessageEvent<string>) => void)[]>();
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close() {
    this.closed = true;
    this.readyState = 2;
  }
  open() {
    this.readyState = 1;
    this.onopen?.(new Event("open"));
  }
  /** A dropped connection EventSource retries itself (0), or a refusal it does not (2). */
  fail(readyState: 0 | 2) {
    this.readyState = readyState;
    this.onerror?.(new Event("error"));
  }
  emit(event: LiveEvent) {
    for (const listener of this.listeners.get(event.event) ?? []) listener(new MessageEvent(event.event, { data: JSON.stringify(event) }));
  }
}

function connect() {
  const sources: FakeSource[] = [];
  const events: LiveEvent[] = [];
  const statuses: LiveStatus[] = [];
  let resyncs = 0;
  const connection = new LiveConnection({
    url: "/api/live",
    openSource: () => {
      const source = new FakeSource();
      sources.push(source);
      return source;
    },
    onEvent: (event) => events.push(event),
    onResync: () => (resyncs += 1),
    onStatus: (status) => statuses.push(status),
  });
  connection.start();
  return { connection, sources, events, statuses, resyncs: () => resyncs, current: () => sources.at(-1)! };
}

describe("live connection", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("hands each event of the contract to the page, and nothing else", () => {
    const live = connect();
    live.current().open();
    live.current().emit({ event: "message", number: 7, kind: "public", authorId: "a" });
    live.current().emit({ event: "counts" });
    expect(live.events).toEqual([{ event: "message", number: 7, kind: "public", authorId: "a" }, { event: "counts" }]);
    expect(live.statuses).toEqual(["live"]);
    expect(live.resyncs()).toBe(0);
    expect(parseLiveEvent("ticket", "{not json")).toBeNull();
    expect(parseLiveEvent("ticket", JSON.stringify({ event: "message", number: 1 }))).toBeNull();
    expect(parseLiveEvent("ticket", JSON.stringify({ event: "ticket" }))).toBeNull();
  });

  it("leaves a dropped connection to EventSource (Last-Event-ID), and reopens a refused one, then resyncs", () => {
    const live = connect();
    live.current().open();
    live.current().fail(0);
    expect(live.sources).toHaveLength(1);
    expect(live.current().closed).toBe(false);
    live.current().open();
    expect(live.resyncs()).toBe(1);

    live.current().fail(2);
    vi.advanceTimersByTime(LIVE_RETRY_MS - 1);
    expect(live.sources).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(live.sources).toHaveLength(2);
    live.current().open();
    expect(live.resyncs()).toBe(2);
    expect(live.statuses.at(-1)).toBe("live");
  });

  it("polls every LIVE_FALLBACK_POLL_MS once the stream keeps failing, tries the stream again later, and stops polling when it works", () => {
    const live = connect();
    for (let i = 0; i < MAX_FAILURES; i++) {
      live.current().fail(2);
      vi.advanceTimersByTime(LIVE_RETRY_MS);
    }
    expect(live.statuses.at(-1)).toBe("polling");
    const opened = live.sources.length;
    expect(live.current().closed).toBe(true);
    vi.advanceTimersByTime(LIVE_FALLBACK_POLL_MS);
    expect(live.resyncs()).toBe(1);
    vi.advanceTimersByTime(LIVE_FALLBACK_POLL_MS * (POLLS_BETWEEN_STREAM_TRIES - 1));
    expect(live.resyncs()).toBe(POLLS_BETWEEN_STREAM_TRIES);
    expect(live.sources).toHaveLength(opened + 1);

    // A failed try goes straight back to polling.
    live.current().fail(0);
    expect(live.current().closed).toBe(true);
    expect(live.statuses.at(-1)).toBe("polling");
    vi.advanceTimersByTime(LIVE_FALLBACK_POLL_MS * POLLS_BETWEEN_STREAM_TRIES);
    live.current().open();
    const resyncs = live.resyncs();
    expect(live.statuses.at(-1)).toBe("live");
    vi.advanceTimersByTime(LIVE_FALLBACK_POLL_MS * 2);
    expect(live.resyncs()).toBe(resyncs);
  });

  it("stops everything on stop()", () => {
    const live = connect();
    live.current().fail(2);
    live.connection.stop();
    vi.advanceTimersByTime(LIVE_FALLBACK_POLL_MS * 10);
    expect(live.sources).toHaveLength(1);
    expect(live.current().closed).toBe(true);
  });

  it("makes stale what each event changed, and re-renders only pages that show it", () => {
    const message: LiveEvent = { event: "message", number: 12, kind: "public", authorId: null };
    expect(staleQueryGroups({ event: "counts" })).toEqual(["counts"]);
    expect(staleQueryGroups(message)).toEqual(["queue", "tickets"]);
    expect(staleQueryGroups({ event: "resync" })).toBe("all");
    expect(routeShows("/desk/tickets/12", message)).toBe(true);
    expect(routeShows("/tickets/12", message)).toBe(true);
    expect(routeShows("/desk/tickets/13", message)).toBe(false);
    expect(routeShows("/desk", { event: "ticket", number: 99, version: 3 })).toBe(true);
    expect(routeShows("/desk/reports", message)).toBe(false);
    expect(routeShows("/desk/tickets/12", { event: "counts" })).toBe(false);
    expect(routeShows("/desk/reports", { event: "resync" })).toBe(true);
  });
});
