"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { SavedNotice } from "@/components/admin/admin-panel";
import { mutationErrors } from "@/components/admin/mutation-errors";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { describedBy, Field, FormError, Input } from "@/components/ui/field";

type SettingName = "attachmentMaxMb" | "attachmentMaxCount" | "autoCloseDays";

const controls: { name: SettingName; label: string; hint: string; min: number; max: number; unit: string }[] = [
  { name: "attachmentMaxMb", label: "Largest attachment", hint: "Per file, in megabytes: 1 to 100.", min: 1, max: 100, unit: "MB" },
  { name: "attachmentMaxCount", label: "Attachments per message", hint: "How many files one message can carry: 1 to 20.", min: 1, max: 20, unit: "files" },
  {
    name: "autoCloseDays",
    label: "Close solved tickets after",
    hint: "Days a solved ticket waits for a reply before it closes: 1 to 365.",
    min: 1,
    max: 365,
    unit: "days",
  },
];

export function SettingsForm({ settings }: { settings: Record<SettingName, number> }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [saved, setSaved] = useState<string | null>(null);
  const update = useMutation(trpc.admin.settings.update.mutationOptions());
  const { field, formError } = mutationErrors(update.error, ["attachmentMaxMb", "attachmentMaxCount", "autoCloseDays"]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    // An empty box becomes NaN, which the server refuses with a field error.
    const value = (name: SettingName) => (form.get(name) === "" ? Number.NaN : Number(form.get(name)));
    setSaved(null);
    update.mutate(
      { attachmentMaxMb: value("attachmentMaxMb"), attachmentMaxCount: value("attachmentMaxCount"), autoCloseDays: value("autoCloseDays") },
      {
        onSuccess: () => {
          setSaved("Settings saved. They apply from the next upload and the next auto-close run.");
          router.refresh();
        },
      },
    );
  }

  return (
    <form onSubmit={submit} className="max-w-xl space-y-5" noValidate aria-label="Workspace settings">
      <FormError message={formError} />
      {controls.map((control) => (
        <Field key={control.name} id={control.name} label={control.label} error={field(control.name)} hint={control.hint}>
          <div className="flex items-center gap-2">
            <div className="w-28">
              <Input
                id={control.name}
                name={control.name}
                type="number"
                inputMode="numeric"
                required
                min={control.min}
                max={control.max}
                step={1}
                defaultValue={settings[control.name]}
                {...describedBy(control.name, field(control.name), control.hint)}
              />
            </div>
            <span className="text-sm text-muted" aria-hidden="true">
              {control.unit}
            </span>
          </div>
        </Field>
      ))}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={update.isPending}>
          {update.isPending ? "Saving…" : "Save settings"}
        </Button>
        <SavedNotice message={saved} />
      </div>
    </form>
  );
}
