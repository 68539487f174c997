"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { TicketCc } from "@/server/tickets/ticket-people";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { useToast } from "../ui/toast";

/**
 * Who else is on the ticket: the people copied on it (they get its public
 * replies in Cc and may answer; an agent adds them by address, whatever the
 * inbound CC policy) and the agents following it (they hear what the
 * assignee hears). Each change saves at once and refreshes the page, whose
 * timeline then shows it.
 */
export function TicketPeople({
  number,
  ccs,
  following,
  closed,
}: {
  number: number;
  ccs: TicketCc[];
  following: { following: boolean; count: number };
  closed: boolean;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const toast = useToast();
  const [email, setEmail] = useState("");
  const done = (message: string) => {
    router.refresh();
    toast.show({ message });
  };
  const add = useMutation(
    trpc.desk.ccs.add.mutationOptions({
      onSuccess: () => {
        done(`Copied ${email.trim()}`);
        setEmail("");
      },
    }),
  );
  const remove = useMutation(trpc.desk.ccs.remove.mutationOptions({ onSuccess: (_, input) => done(`Removed ${ccs.find((cc) => cc.id === input.userId)?.email ?? "the CC"}`) }));
  const follow = useMutation(trpc.desk.follow.mutationOptions({ onSuccess: () => done("Following: you will hear of customer replies") }));
  const unfollow = useMutation(trpc.desk.unfollow.mutationOptions({ onSuccess: () => done("No longer following") }));
  const toggling = follow.isPending || unfollow.isPending;
  const problem = add.error?.message ?? remove.error?.message ?? null;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (email.trim()) add.mutate({ number, email: email.trim() });
  }

  const others = following.count - (following.following ? 1 : 0);
  return (
    <section aria-labelledby="ticket-people-heading" className="space-y-3 rounded-lg border border-border bg-surface p-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="ticket-people-heading" className="text-sm font-semibold">
          CCs and followers
        </h2>
        <Button
          variant="secondary"
          className="px-2.5 py-1 text-xs"
          aria-pressed={following.following}
          disabled={toggling}
          onClick={() => (following.following ? unfollow : follow).mutate({ number })}
        >
          {following.following ? "Unfollow" : "Follow"}
          <span className="rounded bg-surface-muted px-1.5 tabular-nums text-muted" aria-label={`${following.count} following`}>
            {following.count}
          </span>
        </Button>
      </div>
      <p className="text-xs text-muted">
        {following.following
          ? `You follow this ticket${others ? ` with ${others} other${others === 1 ? "" : "s"}` : ""}.`
          : following.count
            ? `${following.count} agent${following.count === 1 ? " follows" : "s follow"} this ticket.`
            : "Follow to get the assignee's notifications."}
      </p>

      <div>
        <h3 className="mb-1 text-xs font-semibold text-muted uppercase">Copied</h3>
        {ccs.length ? (
          <ul className="space-y-1">
            {ccs.map((cc) => (
              <li key={cc.id} className="flex items-center justify-between gap-2 text-sm">
                <span className="min-w-0">
                  <span className="block truncate">{cc.name}</span>
                  <span className="block text-xs break-all text-muted">{cc.email}</span>
                </span>
                {closed ? null : (
                  <button
                    type="button"
                    onClick={() => remove.mutate({ number, userId: cc.id })}
                    disabled={remove.isPending}
                    aria-label={`Remove ${cc.email} from the CCs`}
                    className="shrink-0 rounded px-1.5 text-muted hover:text-danger focus-visible:outline-2 focus-visible:outline-accent disabled:opacity-60"
                  >
                    ×
                  </button>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-muted">Nobody is copied. Add an address to send them every public reply.</p>
        )}
      </div>

      {closed ? null : (
        <form onSubmit={submit} className="space-y-1" noValidate>
          <label htmlFor="add-cc" className="block text-xs text-muted">
            Copy someone on public replies
          </label>
          <div className="flex gap-2">
            <input
              id="add-cc"
              type="email"
              inputMode="email"
              autoComplete="off"
              maxLength={254}
              placeholder="name@example.com"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              aria-invalid={add.error ? true : undefined}
              aria-describedby={problem ? "add-cc-problem" : undefined}
              className="w-full min-w-0 rounded-md border border-border-strong bg-surface px-2 py-1.5 text-sm"
            />
            <Button type="submit" variant="secondary" disabled={add.isPending || !email.trim()}>
              {add.isPending ? "Adding…" : "Add"}
            </Button>
          </div>
          {problem ? (
            <p id="add-cc-problem" role="alert" className="text-xs text-danger">
              {problem}
            </p>
          ) : null}
        </form>
      )}
    </section>
  );
}
