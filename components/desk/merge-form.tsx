"use client";

import { useMutation } from "@tanstack/react-query";
import type { Route } from "next";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";

/** Merge this ticket, as a duplicate, into another one. */
export function MergeForm({ number }: { number: number }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [target, setTarget] = useState("");
  const merge = useMutation(trpc.desk.merge.mutationOptions({ onSuccess: (r) => router.push(`/desk/tickets/${r.targetNumber}` as Route) }));
  function submit(event: FormEvent) {
    event.preventDefault();
    const targetNumber = Number(target.replace(/^#/, ""));
    if (!Number.isInteger(targetNumber) || targetNumber <= 0) return;
    if (window.confirm(`Merge #${number} into #${targetNumber}? Its messages are copied there and #${number} is closed.`)) {
      merge.mutate({ sourceNumber: number, targetNumber });
    }
  }
  return (
    <form onSubmit={submit} className="space-y-2">
      <label htmlFor="merge-target" className="block text-sm text-muted">Merge this duplicate into ticket</label>
      <div className="flex gap-2">
        <input
          id="merge-target"
          inputMode="numeric"
          placeholder="#1042"
          value={target}
          onChange={(e) => setTarget(e.target.value)}
          className="w-full min-w-0 rounded-md border border-border-strong bg-surface px-2 py-1.5 text-sm"
        />
        <Button type="submit" variant="secondary" disabled={merge.isPending || !target.trim()}>
          Merge
        </Button>
      </div>
      {merge.error ? <p role="alert" className="text-xs text-danger">{merge.error.message}</p> : null}
    </form>
  );
}
