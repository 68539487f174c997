"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { SavedNotice } from "@/components/admin/admin-panel";
import { mutationErrors } from "@/components/admin/mutation-errors";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { TeamFields } from "./team-fields";

export function CreateTeamForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const id = useId();
  const [saved, setSaved] = useState<string | null>(null);
  const create = useMutation(trpc.admin.teams.create.mutationOptions());
  const errors = mutationErrors(create.error, ["name", "description"]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    setSaved(null);
    create.mutate(
      { name: String(form.get("name") ?? ""), description: String(form.get("description") ?? "") },
      {
        onSuccess: (team) => {
          formElement.reset();
          setSaved(`Team “${team.name}” created. Add its members below.`);
          router.refresh();
        },
      },
    );
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate aria-label="New team">
      <TeamFields idPrefix={id} errors={errors} />
      <div className="flex flex-wrap items-center justify-end gap-3">
        <SavedNotice message={saved} />
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create team"}
        </Button>
      </div>
    </form>
  );
}
