"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTRPC } from "../trpc/client";

/** Available / Away: while away, automatic assignment passes this agent by. */
export function AwayToggle({ away }: { away: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const toggle = useMutation(trpc.desk.setAway.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <button
      type="button"
      aria-pressed={away}
      disabled={toggle.isPending}
      onClick={() => toggle.mutate({ away: !away })}
      title={away ? "You are away: no tickets are assigned to you automatically. Click to become available." : "You are available for automatic assignment. Click to go away."}
      className="inline-flex items-center gap-1.5 rounded-full border border-border px-2.5 py-1 text-xs hover:bg-surface-muted"
    >
      <span aria-hidden="true" className={`h-2 w-2 rounded-full ${away ? "bg-warning" : "bg-success"}`} />
      {away ? "Away" : "Available"}
    </button>
  );
}
