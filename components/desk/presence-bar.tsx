"use client";

import { useMutation } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { useLiveEvent } from "../live/live-events";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";

export interface TicketPulse {
  version: number;
  latestMessageId: string | null;
  viewers: { id: string; name: string; composing: boolean }[];
}

const HEARTBEAT_MS = 5_000;

/**
 * Tells the server this agent is on the ticket every few seconds, and shows
 * who else is, and whether the ticket moved on beyond what this page knows.
 * The page knows the messages it rendered and the ones this agent just
 * added (before the re-render lands), so an agent's own reply or change is
 * never reported as someone else's. With the live stream, others' changes
 * appear in place and the warning is only a fallback; a presence event
 * (someone arrived or started typing) asks for a heartbeat at once.
 */
export function PresenceBar({
  number,
  composing,
  knownVersion,
  knownMessageIds,
  busy,
  onReload,
}: {
  number: number;
  composing: boolean;
  /** The newest version this page has seen: rendered or returned by its own saves. */
  knownVersion: number;
  /** Messages this page has shown or written. */
  knownMessageIds: ReadonlySet<string>;
  /** A save or a send of this page is under way: its result is not known yet. */
  busy: boolean;
  onReload: () => void;
}) {
  const trpc = useTRPC();
  const [pulse, setPulse] = useState<TicketPulse | null>(null);
  const heartbeat = useMutation(trpc.desk.heartbeat.mutationOptions({ onSuccess: setPulse }));
  const composingRef = useRef(composing);
  useEffect(() => {
    composingRef.current = composing;
  }, [composing]);
  const send = heartbeat.mutate;
  const timer = useRef<ReturnType<typeof setInterval> | null>(null);

  // Beats now and every HEARTBEAT_MS from now (a beat on a presence event restarts the interval, so beats never double up).
  const beatNow = useCallback(() => {
    const beat = () => send({ number, composing: composingRef.current });
    beat();
    if (timer.current) clearInterval(timer.current);
    timer.current = setInterval(beat, HEARTBEAT_MS);
  }, [number, send]);
  useEffect(() => {
    beatNow();
    return () => {
      if (timer.current) clearInterval(timer.current);
      timer.current = null;
    };
  }, [beatNow]);
  useLiveEvent((event) => {
    if (event.event === "presence" && event.number === number) beatNow();
  });

  const others = pulse?.viewers ?? [];
  const newMessages = !busy && pulse !== null && pulse.latestMessageId !== null && !knownMessageIds.has(pulse.latestMessageId);
  const changed = !busy && pulse !== null && pulse.version > knownVersion;
  return (
    <div aria-live="polite" className="space-y-2">
      {others.length ? (
        <p className="flex flex-wrap items-center gap-2 text-sm text-muted">
          <span className="inline-block h-2 w-2 rounded-full bg-success" aria-hidden="true" />
          {others.map((v) => `${v.name}${v.composing ? " (typing…)" : ""}`).join(", ")} {others.length === 1 ? "is" : "are"} also viewing this ticket.
        </p>
      ) : null}
      {newMessages || changed ? (
        <div className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-warning/40 bg-warning-soft px-3 py-2 text-sm text-warning">
          <span>{newMessages ? "New messages arrived since you opened this ticket." : "Someone else changed this ticket."}</span>
          <Button variant="secondary" onClick={onReload}>Reload</Button>
        </div>
      ) : null}
    </div>
  );
}
