"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { SavedNotice } from "@/components/admin/admin-panel";
import { mutationErrors } from "@/components/admin/mutation-errors";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { TeamFields } from "./team-fields";

export function EditTeamForm({ team }: { team: { id: string; name: string; description: string } }) {
  const trpc = useTRPC();
  const router = useRouter();
  const id = useId();
  const [saved, setSaved] = useState<string | null>(null);
  const update = useMutation(trpc.admin.teams.update.mutationOptions());
  const errors = mutationErrors(update.error, ["name", "description"]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setSaved(null);
    update.mutate(
      { id: team.id, name: String(form.get("name") ?? ""), description: String(form.get("description") ?? "") },
      {
        onSuccess: () => {
          setSaved("Saved.");
          router.refresh();
        },
      },
    );
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate aria-label={`Edit ${team.name}`}>
      <TeamFields idPrefix={id} errors={errors} defaults={team} />
      <div className="flex flex-wrap items-center justify-end gap-3">
        <SavedNotice message={saved} />
        <Button type="submit" variant="secondary" disabled={update.isPending}>
          {update.isPending ? "Saving…" : "Save team"}
        </Button>
      </div>
    </form>
  );
}
