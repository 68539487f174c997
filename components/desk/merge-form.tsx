"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { Route } from "next";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { RelativeTime } from "../relative-time";
import { StatusBadge } from "../ticket-badges";
import type { MergeTargetPreview } from "@/server/tickets/merge-preview";
import { useTRPC, useTRPCClient } from "../trpc/client";
import { Button } from "../ui/button";
import { useToast } from "../ui/toast";

type Preview = MergeTargetPreview;

/**
 * Merge this ticket, as a duplicate, into another one. The target is checked
 * first (it exists, is visible, is not this ticket, is not merged or closed);
 * only then does a dialog show what it is (number, subject, requester,
 * status, last update) and warn when the requesters differ, and the merge
 * happens on confirmation. Afterwards a toast offers Undo for a few seconds.
 */
export function MergeForm({ number }: { number: number }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const router = useRouter();
  const toast = useToast();
  const [target, setTarget] = useState("");
  const [checking, setChecking] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const merge = useMutation(
    trpc.desk.merge.mutationOptions({
      onSuccess: (result) => {
        setPreview(null);
        router.push(`/desk/tickets/${result.targetNumber}` as Route);
        toast.show({
          message: `Merged #${number} into #${result.targetNumber}`,
          detail: `${result.copiedMessages} message${result.copiedMessages === 1 ? "" : "s"} copied; #${number} is closed.`,
          // The toast outlives this form (the page changes), so the undo goes through the client, not a hook.
          onUndo: async () => {
            await client.desk.undoMerge.mutate({ sourceNumber: number });
            router.push(`/desk/tickets/${number}` as Route);
            router.refresh();
          },
        });
      },
    }),
  );

  async function check(event: FormEvent) {
    event.preventDefault();
    const targetNumber = Number(target.trim().replace(/^#/, ""));
    if (!Number.isInteger(targetNumber) || targetNumber <= 0) {
      setProblem("Enter a ticket number, like 1042.");
      return;
    }
    setChecking(true);
    setProblem(null);
    merge.reset();
    try {
      // Always asked afresh: the target may have changed since the last check.
      const found = await queryClient.fetchQuery({ ...trpc.desk.mergePreview.queryOptions({ sourceNumber: number, targetNumber }), staleTime: 0, retry: false });
      setPreview(found);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : "That ticket could not be checked.");
    } finally {
      setChecking(false);
    }
  }

  return (
    <>
      <form onSubmit={check} className="space-y-2" noValidate>
        <label htmlFor="merge-target" className="block text-sm text-muted">
          Merge this duplicate into ticket
        </label>
        <div className="flex gap-2">
          <input
            id="merge-target"
            inputMode="numeric"
            placeholder="#1042"
            value={target}
            onChange={(e) => setTarget(e.target.value)}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? "merge-target-problem" : undefined}
            className="w-full min-w-0 rounded-md border border-border-strong bg-surface px-2 py-1.5 text-sm"
          />
          <Button type="submit" variant="secondary" disabled={checking || !target.trim()}>
            {checking ? "Checking…" : "Merge…"}
          </Button>
        </div>
        {problem ? (
          <p id="merge-target-problem" role="alert" className="text-xs text-danger">
            {problem}
          </p>
        ) : null}
      </form>
      <MergeDialog
        preview={preview}
        sourceNumber={number}
        pending={merge.isPending}
        error={merge.error?.message ?? null}
        onCancel={() => setPreview(null)}
        onConfirm={(targetNumber) => merge.mutate({ sourceNumber: number, targetNumber })}
      />
    </>
  );
}

function MergeDialog({
  preview,
  sourceNumber,
  pending,
  error,
  onCancel,
  onConfirm,
}: {
  preview: Preview | null;
  sourceNumber: number;
  pending: boolean;
  error: string | null;
  onCancel: () => void;
  onConfirm: (targetNumber: number) => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (preview && !element.open) element.showModal();
    if (!preview && element.open) element.close();
  }, [preview]);

  const target = preview?.target;
  return (
    <dialog
      ref={dialog}
      onClose={onCancel}
      aria-labelledby={titleId}
      className="m-auto w-[calc(100%-2rem)] max-w-md rounded-xl border border-border bg-surface p-5 text-fg shadow-xl backdrop:bg-black/40"
    >
      {preview && target ? (
        <div className="space-y-4">
          <h2 id={titleId} className="text-base font-semibold">
            Merge #{sourceNumber} into #{target.number}?
          </h2>
          <dl className="grid grid-cols-[6.5rem_minmax(0,1fr)] gap-x-3 gap-y-1.5 text-sm" aria-label="The ticket it merges into">
            <dt className="text-muted">Ticket</dt>
            <dd className="break-words">
              <span className="tabular-nums">#{target.number}</span> {target.subject}
            </dd>
            <dt className="text-muted">Requester</dt>
            <dd className="break-words">
              {target.requesterName} <span className="break-all text-muted">({target.requesterEmail})</span>
            </dd>
            <dt className="text-muted">Status</dt>
            <dd>
              <StatusBadge status={target.status} />
            </dd>
            <dt className="text-muted">Last update</dt>
            <dd>
              <RelativeTime date={target.updatedAt} />
            </dd>
          </dl>
          {preview.sameRequester ? null : (
            <p className="rounded-md border border-warning/40 bg-warning-soft p-3 text-sm text-warning" data-merge-warning="">
              <strong>Different requesters.</strong> #{sourceNumber} is from {preview.source.requesterName}, #{target.number} from {target.requesterName}. The
              public messages of #{sourceNumber} arrive as internal notes, so {target.requesterName} never sees them; answer {preview.source.requesterName}{" "}
              separately if they still need a reply.
            </p>
          )}
          <p className="text-sm text-muted">
            The messages of #{sourceNumber} are copied into #{target.number}, and #{sourceNumber} is closed. You can undo it for a few seconds afterwards.
          </p>
          {error ? (
            <p role="alert" className="text-sm text-danger">
              {error}
            </p>
          ) : null}
          <div className="flex flex-wrap justify-end gap-2">
            <Button variant="secondary" onClick={onCancel} disabled={pending}>
              Cancel
            </Button>
            <Button variant="danger" onClick={() => onConfirm(target.number)} disabled={pending}>
              {pending ? "Merging…" : `Merge into #${target.number}`}
            </Button>
          </div>
        </div>
      ) : null}
    </dialog>
  );
}
