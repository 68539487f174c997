"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { SavedNotice } from "@/components/admin/admin-panel";
import { mutationErrors } from "@/components/admin/mutation-errors";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { describedBy, Field, FormError, Input } from "@/components/ui/field";
import type { CcPolicy } from "@/lib/vocabularies";

type NumberSetting = "attachmentMaxMb" | "attachmentMaxCount" | "autoCloseDays" | "satisfactionLinkDays";
type SwitchSetting = "satisfactionSurveys" | "reopenOnBadRating" | "assignOnFirstReply";
export type SettingsFormValues = Record<NumberSetting, number> & Record<SwitchSetting, boolean> & { ccPolicy: CcPolicy; blockedExtensions: string[] };

const ccPolicyChoices: { value: CcPolicy; label: string; hint: string }[] = [
  { value: "anyone", label: "Anyone copied", hint: "Every address on Cc (except our own mailboxes) follows the ticket." },
  { value: "organization", label: "Only people in the requester's organization", hint: "Known people of the same organization; other addresses are noted on the ticket." },
  { value: "off", label: "Nobody", hint: "Copied addresses are ignored; agents can still add CCs by hand." },
];

interface NumberControl {
  name: NumberSetting;
  label: string;
  hint: string;
  min: number;
  max: number;
  unit: string;
}

const limitControls: NumberControl[] = [
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

const linkDaysControl: NumberControl = {
  name: "satisfactionLinkDays",
  label: "Rating links work for",
  hint: "Days after a ticket closes that it can still be rated: 1 to 365.",
  min: 1,
  max: 365,
  unit: "days",
};

const formFields = ["attachmentMaxMb", "attachmentMaxCount", "autoCloseDays", "satisfactionLinkDays", "ccPolicy", "blockedExtensions"] as const;
const blockedHint = "Files with these extensions are refused in the portal and noted, not kept, on email. Separate with commas.";

export function SettingsForm({ settings }: { settings: SettingsFormValues }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [saved, setSaved] = useState<string | null>(null);
  const update = useMutation(trpc.admin.settings.update.mutationOptions());
  const { field, formError } = mutationErrors(update.error, formFields);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    // An empty box becomes NaN, which the server refuses with a field error.
    const value = (name: NumberSetting) => (form.get(name) === "" ? Number.NaN : Number(form.get(name)));
    const on = (name: SwitchSetting) => form.get(name) === "on";
    setSaved(null);
    update.mutate(
      {
        attachmentMaxMb: value("attachmentMaxMb"),
        attachmentMaxCount: value("attachmentMaxCount"),
        autoCloseDays: value("autoCloseDays"),
        satisfactionSurveys: on("satisfactionSurveys"),
        satisfactionLinkDays: value("satisfactionLinkDays"),
        reopenOnBadRating: on("reopenOnBadRating"),
        assignOnFirstReply: on("assignOnFirstReply"),
        ccPolicy: form.get("ccPolicy") as CcPolicy,
        blockedExtensions: String(form.get("blockedExtensions") ?? "")
          .split(/[,\s]+/)
          .filter(Boolean),
      },
      {
        onSuccess: () => {
          setSaved("Settings saved. They apply from the next upload, the next auto-close run and the next rating.");
          router.refresh();
        },
      },
    );
  }

  const numberInput = (control: NumberControl) => (
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
  );

  return (
    <form onSubmit={submit} className="max-w-xl space-y-5" noValidate aria-label="Workspace settings">
      <FormError message={formError} />
      {limitControls.map(numberInput)}
      <fieldset className="space-y-3">
        <legend className="mb-3 text-sm font-semibold">Satisfaction surveys</legend>
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" name="satisfactionSurveys" defaultChecked={settings.satisfactionSurveys} className="mt-0.5 size-4 accent-accent" />
          <span>
            Ask requesters &ldquo;How did we do?&rdquo; when their ticket is solved
            <span className="block text-xs text-muted">The solved email carries Good and Bad links; requesters can also rate from their ticket page.</span>
          </span>
        </label>
        {numberInput(linkDaysControl)}
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" name="reopenOnBadRating" defaultChecked={settings.reopenOnBadRating} className="mt-0.5 size-4 accent-accent" />
          <span>
            Reopen a solved ticket when it is rated bad
            <span className="block text-xs text-muted">Closed tickets stay closed. The assignee is emailed about every bad rating either way.</span>
          </span>
        </label>
      </fieldset>
      <Field id="blockedExtensions" label="Blocked file types" error={field("blockedExtensions")} hint={blockedHint}>
        <Input
          id="blockedExtensions"
          name="blockedExtensions"
          defaultValue={settings.blockedExtensions.join(", ")}
          {...describedBy("blockedExtensions", field("blockedExtensions"), blockedHint)}
        />
      </Field>
      <fieldset className="space-y-3">
        <legend className="mb-3 text-sm font-semibold">Assignment</legend>
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" name="assignOnFirstReply" defaultChecked={settings.assignOnFirstReply} className="mt-0.5 size-4 accent-accent" />
          <span>
            Assign an unassigned ticket to the agent who first replies to it
            <span className="block text-xs text-muted">Internal notes do not count; so two agents never answer the same new ticket.</span>
          </span>
        </label>
      </fieldset>
      <fieldset className="space-y-3" aria-describedby={field("ccPolicy") ? "ccPolicy-error" : undefined}>
        <legend className="mb-3 text-sm font-semibold">People copied on emails</legend>
        {ccPolicyChoices.map((choice) => (
          <label key={choice.value} className="flex items-start gap-2 text-sm">
            <input type="radio" name="ccPolicy" value={choice.value} defaultChecked={settings.ccPolicy === choice.value} className="mt-0.5 size-4 accent-accent" />
            <span>
              {choice.label}
              <span className="block text-xs text-muted">{choice.hint}</span>
            </span>
          </label>
        ))}
        {field("ccPolicy") ? (
          <p id="ccPolicy-error" className="text-xs font-medium text-danger">
            {field("ccPolicy")}
          </p>
        ) : null}
      </fieldset>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={update.isPending}>
          {update.isPending ? "Saving…" : "Save settings"}
        </Button>
        <SavedNotice message={saved} />
      </div>
    </form>
  );
}
