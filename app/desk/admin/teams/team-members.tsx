"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { describedBy, FormError, Select } from "@/components/ui/field";
import type { UserRole } from "@/lib/vocabularies";

interface Member {
  id: string;
  name: string;
  email: string;
  role: UserRole;
  disabledAt: Date | null;
}

/** The members of one team, each removable, and a picker of active staff to add. */
export function TeamMembers({
  teamId,
  teamName,
  members,
  candidates,
}: {
  teamId: string;
  teamName: string;
  members: Member[];
  candidates: { id: string; name: string; role: UserRole }[];
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const pickerId = useId();
  const [userId, setUserId] = useState("");
  const add = useMutation(
    trpc.admin.teams.addMember.mutationOptions({
      onSuccess: () => {
        setUserId("");
        router.refresh();
      },
    }),
  );
  const remove = useMutation(trpc.admin.teams.removeMember.mutationOptions({ onSuccess: () => router.refresh() }));
  const addError = add.error ? (add.error.data?.fieldErrors?.userId?.[0] ?? add.error.message) : undefined;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    remove.reset();
    add.mutate({ teamId, userId });
  }

  return (
    <div className="space-y-3">
      <FormError message={remove.error?.message} />
      {members.length === 0 ? (
        <p className="rounded-md border border-dashed border-border-strong px-3 py-4 text-center text-sm text-muted">
          Nobody is in {teamName} yet. Add the agents who handle its tickets.
        </p>
      ) : (
        <ul aria-label={`Members of ${teamName}`} className="divide-y divide-border rounded-md border border-border">
          {members.map((member) => (
            <li key={member.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm">
              <span>
                <span className="font-medium">{member.name}</span>{" "}
                <span className="text-muted capitalize">· {member.role}</span>
                {member.disabledAt ? <span className="ml-2 text-xs font-medium text-danger">Disabled</span> : null}
                <span className="block text-xs wrap-break-word text-muted">{member.email}</span>
              </span>
              <Button
                variant="ghost"
                disabled={remove.isPending}
                aria-label={`Remove ${member.name} from ${teamName}`}
                onClick={() => {
                  add.reset();
                  remove.mutate({ teamId, userId: member.id });
                }}
              >
                Remove
              </Button>
            </li>
          ))}
        </ul>
      )}
      {candidates.length > 0 ? (
        <form onSubmit={submit} className="space-y-1.5" aria-label={`Add a member to ${teamName}`}>
          <div className="flex flex-wrap items-end gap-2">
            <div className="min-w-56 flex-1 space-y-1.5">
              <label htmlFor={pickerId} className="block text-sm font-medium">
                Add a member to {teamName}
              </label>
              <Select id={pickerId} value={userId} onChange={(e) => setUserId(e.target.value)} {...describedBy(pickerId, addError)}>
                <option value="">Choose a staff member…</option>
                {candidates.map((person) => (
                  <option key={person.id} value={person.id}>
                    {person.name} ({person.role})
                  </option>
                ))}
              </Select>
            </div>
            <Button type="submit" variant="secondary" disabled={add.isPending}>
              {add.isPending ? "Adding…" : "Add"}
            </Button>
          </div>
          {addError ? (
            <p id={`${pickerId}-error`} className="text-xs font-medium text-danger">
              {addError}
            </p>
          ) : null}
        </form>
      ) : (
        <p className="text-sm text-muted">Every active staff member is already in this team.</p>
      )}
    </div>
  );
}
