"use client";

import { useMutation } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
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
 * who else is, and whether the ticket moved on since the page was rendered.
 */
export function PresenceBar({
  number,
  composing,
  renderedVersion,
  renderedLatestMessageId,
  onReload,
}: {
  number: number;
  composing: boolean;
  renderedVersion: number;
  renderedLatestMessageId: string | null;
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

  useEffect(() => {
    const beat = () => send({ number, composing: composingRef.current });
    beat();
    const timer = window.setInterval(beat, HEARTBEAT_MS);
    return () => window.clearInterval(timer);
  }, [number, send]);

  const others = pulse?.viewers ?? [];
  const newMessages = pulse && pulse.latestMessageId !== renderedLatestMessageId;
  const changed = pulse && pulse.version > renderedVersion;
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
