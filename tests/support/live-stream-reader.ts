import type { LiveEvent } from "@/lib/live-events";

/**
 * Reads a Server-Sent Events response as a browser's EventSource would,
 * incrementally, keeping every event (and the id the browser would send as
 * Last-Event-ID), so tests can wait for one and count the others.
 */
export interface ReceivedEvent {
  id: string | null;
  name: string;
  data: LiveEvent;
  at: number;
}

export interface LiveStreamReader {
  events: ReceivedEvent[];
  /** The Last-Event-ID a reconnecting browser would send. */
  lastEventId: () => string;
  /** The `retry:` the server asked for, and how many comments (heartbeats) came. */
  retry: () => number | null;
  ended: () => boolean;
  waitFor: (predicate: (event: ReceivedEvent) => boolean, timeoutMs?: number) => Promise<ReceivedEvent>;
  waitForEnd: (timeoutMs?: number) => Promise<void>;
  close: () => void;
}

export function readLiveStream(response: Response, abort: AbortController): LiveStreamReader {
  if (!response.body) throw new Error("The live stream has no body.");
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const events: ReceivedEvent[] = [];
  const waiters = new Set<() => void>();
  let buffer = "";
  let lastEventId = "";
  let retry: number | null = null;
  let done = false;

  const dispatch = (block: string) => {
    let name = "message";
    let data = "";
    let id: string | null = null;
    for (const line of block.split("\n")) {
      if (line.startsWith(":") || line === "") continue;
      const colon = line.indexOf(":");
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? "" : line.slice(colon + 1).replace(/^ /, "");
      if (field === "id") id = lastEventId = value;
      else if (field === "event") name = value;
      else if (field === "data") data += (data ? "\n" : "") + value;
      else if (field === "retry") retry = Number(value);
    }
    if (data) events.push({ id, name, data: JSON.parse(data) as LiveEvent, at: Date.now() });
  };

  void (async () => {
    try {
      for (;;) {
        const { value, done: finished } = await reader.read();
        if (finished) break;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf("\n\n")) !== -1) {
          dispatch(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
        for (const wake of waiters) wake();
      }
    } catch {
      // Aborted by the test.
    } finally {
      done = true;
      for (const wake of waiters) wake();
    }
  })();

  const until = (check: () => boolean, timeoutMs: number, what: string) =>
    new Promise<void>((resolve, reject) => {
      if (check()) return resolve();
      const wake = () => {
        if (!check()) return;
        cleanup();
        resolve();
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}; received: ${JSON.stringify(events.map((e) => e.data))}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        waiters.delete(wake);
      };
      waiters.add(wake);
    });

  return {
    events,
    lastEventId: () => lastEventId,
    retry: () => retry,
    ended: () => done,
    async waitFor(predicate, timeoutMs = 5_000) {
      await until(() => events.some(predicate) || done, timeoutMs, "an event");
      const found = events.find(predicate);
      if (!found) throw new Error(`The stream ended first; received: ${JSON.stringify(events.map((e) => e.data))}`);
      return found;
    },
    waitForEnd: (timeoutMs = 5_000) => until(() => done, timeoutMs, "the stream to end"),
    close: () => abort.abort(),
  };
}
