"use client";

import { useCallback, useEffect, useSyncExternalStore } from "react";

/**
 * Replies being written survive a reload or a trip to another page: each is
 * kept in localStorage under the writer's id and the ticket number, with
 * its kind (a note must never come back as a public reply), and removed
 * once sent or emptied. Only the signed-in person's drafts are ever read;
 * anyone else's found on a shared browser are deleted, as are drafts older
 * than DRAFT_MAX_AGE_DAYS. Without localStorage (a private window that
 * refuses it) drafts live in memory for the tab.
 */
export interface ReplyDraft {
  body: string;
  kind: "public" | "internal";
}

const PREFIX = "frontdesk:reply-draft:";
const DRAFT_MAX_AGE_DAYS = 30;
const EMPTY: ReplyDraft = { body: "", kind: "public" };

const memory = new Map<string, string | null>();
const subscribers = new Set<() => void>();

function keyOf(userId: string, ticketNumber: number): string {
  return `${PREFIX}${userId}:${ticketNumber}`;
}

function storage(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage;
  } catch {
    return null;
  }
}

function read(key: string): string | null {
  if (!memory.has(key)) {
    let stored: string | null = null;
    try {
      stored = storage()?.getItem(key) ?? null;
    } catch {
      stored = null;
    }
    memory.set(key, stored);
  }
  return memory.get(key) ?? null;
}

function write(key: string, draft: ReplyDraft): void {
  const value = JSON.stringify({ body: draft.body, kind: draft.kind, savedAt: Date.now() });
  // The kind of an empty draft stays for the tab only: nothing is stored until something is written.
  memory.set(key, value);
  try {
    if (draft.body) storage()?.setItem(key, value);
    else storage()?.removeItem(key);
  } catch {
    // Full or refused: the draft stays in memory for this tab.
  }
  for (const notify of subscribers) notify();
}

function parse(value: string | null): ReplyDraft {
  if (!value) return EMPTY;
  try {
    const parsed: unknown = JSON.parse(value);
    if (parsed && typeof parsed === "object" && "body" in parsed && typeof parsed.body === "string") {
      const kind = "kind" in parsed && parsed.kind === "internal" ? "internal" : "public";
      return { body: parsed.body, kind };
    }
  } catch {
    // A damaged entry is no draft.
  }
  return EMPTY;
}

function subscribe(notify: () => void): () => void {
  subscribers.add(notify);
  // Another tab of the same person wrote or sent the draft.
  const onStorage = (event: StorageEvent) => {
    if (event.key === null || event.key.startsWith(PREFIX)) {
      if (event.key) memory.delete(event.key);
      else memory.clear();
      notify();
    }
  };
  window.addEventListener("storage", onStorage);
  return () => {
    subscribers.delete(notify);
    window.removeEventListener("storage", onStorage);
  };
}

/** Deletes every stored draft but `userId`'s, and theirs once stale. */
export function forgetOtherDrafts(userId: string): void {
  const store = storage();
  if (!store) return;
  try {
    const cutoff = Date.now() - DRAFT_MAX_AGE_DAYS * 24 * 60 * 60 * 1000;
    const keys = Array.from({ length: store.length }, (_, i) => store.key(i)).filter((key): key is string => key?.startsWith(PREFIX) ?? false);
    for (const key of keys) {
      const mine = key.startsWith(`${PREFIX}${userId}:`);
      const savedAt = Number((JSON.parse(store.getItem(key) ?? "{}") as { savedAt?: unknown }).savedAt);
      if (!mine || !(savedAt > cutoff)) {
        store.removeItem(key);
        memory.delete(key);
      }
    }
  } catch {
    // Storage refused: nothing stored to forget.
  }
}

/** Deletes every stored draft on this browser (on sign-out). */
export function forgetAllDrafts(): void {
  forgetOtherDrafts("");
}

/** The draft of `userId`'s reply on ticket `ticketNumber`, and a setter that stores it (an empty body removes it). */
export function useReplyDraft(userId: string, ticketNumber: number): [ReplyDraft, (change: Partial<ReplyDraft> | ((draft: ReplyDraft) => Partial<ReplyDraft>)) => void] {
  const key = keyOf(userId, ticketNumber);
  useEffect(() => forgetOtherDrafts(userId), [userId]);
  const value = useSyncExternalStore(
    subscribe,
    () => read(key),
    () => null,
  );
  const draft = parse(value);
  const update = useCallback(
    (change: Partial<ReplyDraft> | ((draft: ReplyDraft) => Partial<ReplyDraft>)) => {
      const current = parse(read(key));
      write(key, { ...current, ...(typeof change === "function" ? change(current) : change) });
    },
    [key],
  );
  return [draft, update];
}
