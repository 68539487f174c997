/**
 * The per-process memory behind Last-Event-ID (server/live/live-hub.ts):
 * what a reconnecting stream missed is replayed only when all of it is
 * still remembered and no notices were lost in between; otherwise resync.
 */
import { describe, expect, it } from "vitest";
import { createLiveHub, type LiveEntry } from "@/server/live/live-hub";
import type { LiveNotice } from "@/server/live/live-signal";

const notice = (number: number): LiveNotice => ({ event: "ticket", ticketId: `t${number}`, number, requesterId: "r", organizationId: null, version: 1 });
const numbers = (missed: LiveEntry[] | "resync") => (missed === "resync" ? missed : missed.map((entry) => ("notice" in entry ? entry.notice.number : "gap")));

describe("live hub", () => {
  it("replays what came after an id it still remembers, in order, and nothing for the newest id or a fresh stream", () => {
    const hub = createLiveHub(3);
    const ids: string[] = [];
    for (let n = 1; n <= 5; n += 1) {
      hub.publish(notice(n));
      ids.push(hub.lastEventId());
    }
    expect(numbers(hub.subscribe(() => {}, ids[2] ?? null).missed)).toEqual([4, 5]);
    expect(numbers(hub.subscribe(() => {}, ids[1] ?? null).missed)).toEqual([3, 4, 5]);
    expect(numbers(hub.subscribe(() => {}, ids[4] ?? null).missed)).toEqual([]);
    expect(numbers(hub.subscribe(() => {}, null).missed)).toEqual([]);
  });

  it("asks for a resync when the id fell out of memory, is from another hub, is in the future or is junk", () => {
    const hub = createLiveHub(3);
    const other = createLiveHub(3);
    const ids: string[] = [];
    for (let n = 1; n <= 5; n += 1) {
      hub.publish(notice(n));
      other.publish(notice(n));
      ids.push(hub.lastEventId());
    }
    expect(hub.subscribe(() => {}, ids[0] ?? null).missed).toBe("resync");
    expect(hub.subscribe(() => {}, other.lastEventId()).missed).toBe("resync");
    expect(hub.subscribe(() => {}, `${hub.lastEventId()}0`).missed).toBe("resync");
    expect(hub.subscribe(() => {}, "<script>").missed).toBe("resync");
  });

  it("asks for a resync across a gap (the listener lost its connection), and tells open streams at once", () => {
    const hub = createLiveHub();
    hub.publish(notice(1));
    const before = hub.lastEventId();
    const heard: LiveEntry[] = [];
    const { unsubscribe } = hub.subscribe((entry) => heard.push(entry), before);
    hub.gap();
    hub.publish(notice(2));
    expect(heard.map((entry) => ("gap" in entry ? "gap" : entry.notice.number))).toEqual(["gap", 2]);
    expect(hub.subscribe(() => {}, before).missed).toBe("resync");
    unsubscribe();
    hub.publish(notice(3));
    expect(heard).toHaveLength(2);
  });
});
