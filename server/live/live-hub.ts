import "server-only";
import crypto from "node:crypto";
import type { LiveNotice } from "./live-signal";

/**
 * One process's fan-out of live notices to its open streams, with a short
 * memory: the last few hundred notices, so a browser that reconnects with
 * Last-Event-ID gets what it missed instead of refetching everything.
 *
 * Ids are "<boot>.<seq>": seq increments with every notice this hub hears,
 * boot names the hub, so an id from another process (behind a load balancer)
 * or from before a restart is recognised as unknown and answered with a
 * resync rather than a wrong replay. A gap (the listener lost its database
 * connection and may have missed notices) is remembered too: a replay across
 * it is a resync.
 */
export const LIVE_REPLAY_CAPACITY = 500;

export type LiveEntry = { id: string; seq: number; notice: LiveNotice } | { id: string; seq: number; gap: true };

export type LiveSubscriber = (entry: LiveEntry) => void;

export interface LiveHub {
  /** The id of the newest entry (or of the empty hub): where a new stream starts. */
  lastEventId(): string;
  /** Hands a notice to every subscriber and remembers it. */
  publish(notice: LiveNotice): void;
  /** Notices may have been missed: every stream must refetch. */
  gap(): void;
  /**
   * Subscribes, and says what the subscriber missed after `lastEventId`:
   * the entries to replay, or "resync" when they are not all remembered.
   */
  subscribe(subscriber: LiveSubscriber, lastEventId: string | null): { missed: LiveEntry[] | "resync"; unsubscribe: () => void };
  /** How many streams listen (for tests and diagnostics). */
  size(): number;
}

export function createLiveHub(capacity = LIVE_REPLAY_CAPACITY): LiveHub {
  const boot = crypto.randomBytes(6).toString("base64url");
  const ring: LiveEntry[] = [];
  const subscribers = new Set<LiveSubscriber>();
  let seq = 0;

  const idOf = (n: number) => `${boot}.${n}`;

  function append(entry: LiveEntry) {
    ring.push(entry);
    if (ring.length > capacity) ring.shift();
    for (const subscriber of subscribers) {
      try {
        subscriber(entry);
      } catch (error) {
        // One broken stream must not cost the others their events.
        console.error("Live stream subscriber failed:", error);
      }
    }
  }

  function missedAfter(lastEventId: string | null): LiveEntry[] | "resync" {
    if (!lastEventId) return [];
    const match = /^([\w-]+)\.(\d{1,15})$/.exec(lastEventId);
    if (!match || match[1] !== boot) return "resync";
    const last = Number(match[2]);
    if (last > seq) return "resync";
    if (last === seq) return [];
    const oldest = ring[0]?.seq ?? seq + 1;
    // The entry right after `last` must still be in the ring.
    if (last + 1 < oldest) return "resync";
    const missed = ring.filter((entry) => entry.seq > last);
    return missed.some((entry) => "gap" in entry) ? "resync" : missed;
  }

  return {
    lastEventId: () => idOf(seq),
    publish(notice) {
      seq += 1;
      append({ id: idOf(seq), seq, notice });
    },
    gap() {
      seq += 1;
      append({ id: idOf(seq), seq, gap: true });
    },
    subscribe(subscriber, lastEventId) {
      // Synchronous: nothing can be published between the replay and the subscription.
      const missed = missedAfter(lastEventId);
      subscribers.add(subscriber);
      return { missed, unsubscribe: () => subscribers.delete(subscriber) };
    },
    size: () => subscribers.size,
  };
}
