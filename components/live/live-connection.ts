import { LIVE_EVENT_NAMES, LIVE_FALLBACK_POLL_MS, LIVE_RETRY_MS, type LiveEvent } from "@/lib/live-events";

/**
 * The browser's end of GET /api/live, without React: one EventSource, read
 * event by event. EventSource reconnects by itself after a dropped
 * connection (sending Last-Event-ID, so the server can replay or say
 * `resync`); when the server refuses outright, the source closes and this
 * opens a new one after LIVE_RETRY_MS. A new source has no Last-Event-ID, so
 * once it opens the page refetches everything. After MAX_FAILURES errors in
 * a row the stream is given up for polling every LIVE_FALLBACK_POLL_MS, and
 * tried again now and then.
 */
export type LiveStatus = "connecting" | "live" | "polling";

/** What this needs of an EventSource (a fake one in tests). */
export interface LiveSource {
  readonly readyState: number;
  onopen: ((event: Event) => void) | null;
  onerror: ((event: Event) => void) | null;
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  close(): void;
}

export interface LiveConnectionOptions {
  url: string;
  openSource: (url: string) => LiveSource;
  onEvent: (event: LiveEvent) => void;
  /** Refetch everything the page shows: events may have been missed. */
  onResync: () => void;
  onStatus?: (status: LiveStatus) => void;
}

export const MAX_FAILURES = 3;
/** While polling, the stream is tried again after this many polls. */
export const POLLS_BETWEEN_STREAM_TRIES = 3;
const CLOSED = 2;

/** The event in a message, or null for anything that does not match the contract. */
export function parseLiveEvent(name: string, data: string): LiveEvent | null {
  try {
    const parsed: unknown = JSON.parse(data);
    if (!parsed || typeof parsed !== "object" || !("event" in parsed) || parsed.event !== name) return null;
    if (name !== "counts" && name !== "resync" && !("number" in parsed && typeof parsed.number === "number")) return null;
    return parsed as LiveEvent;
  } catch {
    return null;
  }
}

export class LiveConnection {
  private source: LiveSource | null = null;
  private failures = 0;
  private hasOpened = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private pollTimer: ReturnType<typeof setInterval> | null = null;
  private polls = 0;
  private stopped = false;
  status: LiveStatus = "connecting";

  constructor(private readonly options: LiveConnectionOptions) {}

  start(): void {
    this.stopped = false;
    this.open();
  }

  stop(): void {
    this.stopped = true;
    this.closeSource();
    this.clearRetry();
    this.stopPolling();
  }

  private setStatus(status: LiveStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.options.onStatus?.(status);
  }

  private open(): void {
    if (this.stopped) return;
    const source = this.options.openSource(this.options.url);
    this.source = source;
    source.onopen = () => {
      if (this.source !== source) return;
      // A first connection follows a fresh page; any later one may have missed events.
      const reopened = this.hasOpened || this.pollTimer !== null;
      this.hasOpened = true;
      this.failures = 0;
      this.stopPolling();
      this.setStatus("live");
      if (reopened) this.options.onResync();
    };
    source.onerror = () => {
      if (this.source !== source) return;
      this.failures += 1;
      if (this.pollTimer !== null || this.failures >= MAX_FAILURES) {
        // Polling already, or the stream keeps failing: stop EventSource's own retries.
        this.closeSource();
        this.startPolling();
        return;
      }
      this.setStatus("connecting");
      if (source.readyState === CLOSED) {
        // Refused (an HTTP error): EventSource does not retry that by itself.
        this.closeSource();
        this.clearRetry();
        this.retryTimer = setTimeout(() => {
          this.retryTimer = null;
          this.open();
        }, LIVE_RETRY_MS);
      }
    };
    for (const name of LIVE_EVENT_NAMES) {
      source.addEventListener(name, (message) => {
        if (this.source !== source) return;
        const event = parseLiveEvent(name, message.data);
        if (event) this.options.onEvent(event);
      });
    }
  }

  private closeSource(): void {
    this.source?.close();
    this.source = null;
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private startPolling(): void {
    this.setStatus("polling");
    if (this.pollTimer !== null || this.stopped) return;
    this.polls = 0;
    this.pollTimer = setInterval(() => {
      this.options.onResync();
      this.polls += 1;
      if (this.polls % POLLS_BETWEEN_STREAM_TRIES === 0 && !this.source) this.open();
    }, LIVE_FALLBACK_POLL_MS);
  }

  private stopPolling(): void {
    if (this.pollTimer !== null) clearInterval(this.pollTimer);
    this.pollTimer = null;
  }
}
