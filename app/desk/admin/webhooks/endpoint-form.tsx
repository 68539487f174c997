"use client";

import type { Route } from "next";
import Link from "next/link";
import { useId, useState, type FormEvent } from "react";
import { SavedNotice } from "@/components/admin/admin-panel";
import { mutationErrors } from "@/components/admin/mutation-errors";
import { useCreateOrUpdate } from "@/components/admin/use-create-or-update";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { describedBy, Field, FormError, Input, Textarea } from "@/components/ui/field";
import { webhookEventTypes, type WebhookEventType } from "@/lib/vocabularies";
import { SecretReveal } from "./secret-reveal";
import { webhookEventLabels } from "./webhook-labels";

const serverFields = ["url", "description", "events", "includeInternalNotes"] as const;
const urlHint = "Where Frontdesk POSTs each event, e.g. https://crm.example.com/hooks/frontdesk.";

export interface EditableEndpoint {
  id: string;
  url: string;
  description: string;
  events: WebhookEventType[];
  includeInternalNotes: boolean;
}

export interface EndpointFormLimits {
  urlMaxLength: number;
  descriptionMaxLength: number;
}

/** Adds an endpoint (then shows its secret, once), or edits one when given `endpoint`. */
export function EndpointForm({ endpoint, limits }: { endpoint?: EditableEndpoint; limits: EndpointFormLimits }) {
  const trpc = useTRPC();
  const prefix = useId();
  const ids = { url: `${prefix}-url`, description: `${prefix}-description`, events: `${prefix}-events`, notes: `${prefix}-notes` };
  const [includeNotes, setIncludeNotes] = useState(endpoint?.includeInternalNotes ?? false);
  const [added, setAdded] = useState<{ id: string; url: string; secret: string } | null>(null);
  const { mutation, saved, clearSaved, save } = useCreateOrUpdate(
    { create: trpc.admin.webhooks.create.mutationOptions(), update: trpc.admin.webhooks.update.mutationOptions() },
    endpoint?.id,
  );
  const { field, formError } = mutationErrors(mutation.error, serverFields);
  const eventsError = field("events");

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    clearSaved();
    setAdded(null);
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const values = {
      url: String(form.get("url") ?? ""),
      description: String(form.get("description") ?? ""),
      events: webhookEventTypes.filter((type) => form.getAll("events").includes(type)),
      includeInternalNotes: includeNotes,
    };
    save(values, {
      created: (result) => {
        formElement.reset();
        setIncludeNotes(false);
        setAdded({ id: result.endpoint.id, url: result.endpoint.url, secret: result.secret });
        return "Endpoint added and switched on.";
      },
      updated: () => "Saved.",
    });
  }

  return (
    <div className="space-y-5">
      <form onSubmit={submit} className="space-y-5" noValidate aria-label={endpoint ? "Edit endpoint" : "New endpoint"}>
        <FormError message={formError} />
        <Field id={ids.url} label="Address (URL)" hint={urlHint} error={field("url")}>
          <Input
            id={ids.url}
            name="url"
            type="url"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            required
            maxLength={limits.urlMaxLength}
            defaultValue={endpoint?.url}
            placeholder="https://"
            {...describedBy(ids.url, field("url"), urlHint)}
          />
        </Field>
        <Field id={ids.description} label="Description (optional)" hint="What receives these events, so the next admin knows." error={field("description")}>
          <Textarea
            id={ids.description}
            name="description"
            rows={2}
            maxLength={limits.descriptionMaxLength}
            defaultValue={endpoint?.description}
            {...describedBy(ids.description, field("description"), "What receives these events, so the next admin knows.")}
          />
        </Field>

        <fieldset className="space-y-2" aria-describedby={eventsError ? `${ids.events}-error` : undefined}>
          <legend className="text-sm font-medium">Events</legend>
          <ul className="grid gap-2 sm:grid-cols-2">
            {webhookEventTypes.map((type) => (
              <li key={type}>
                <label className="flex h-full items-start gap-2 rounded-md border border-border p-2 text-sm hover:bg-surface-muted">
                  <input
                    type="checkbox"
                    name="events"
                    value={type}
                    defaultChecked={endpoint ? endpoint.events.includes(type) : type === "ticket.created"}
                    aria-describedby={`${ids.events}-${type}`}
                    className="mt-0.5 h-4 w-4 shrink-0 accent-accent"
                  />
                  <span className="min-w-0">
                    <span className="font-medium">{webhookEventLabels[type].label}</span> <code className="font-mono text-xs text-muted">{type}</code>
                    <span id={`${ids.events}-${type}`} className="block text-xs text-muted">
                      {webhookEventLabels[type].hint}
                    </span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
          {eventsError ? (
            <p id={`${ids.events}-error`} className="text-xs font-medium text-danger">
              {eventsError}
            </p>
          ) : null}
        </fieldset>

        <div className="space-y-2">
          <label className="inline-flex items-start gap-2 text-sm font-medium">
            <input
              type="checkbox"
              checked={includeNotes}
              onChange={(event) => setIncludeNotes(event.target.checked)}
              aria-describedby={`${ids.notes}-warning`}
              className="mt-0.5 h-4 w-4 shrink-0 accent-accent"
            />
            Include internal notes in message.created
          </label>
          <p
            id={`${ids.notes}-warning`}
            className={`rounded-md border px-3 py-2 text-xs ${includeNotes ? "border-warning/50 bg-warning-soft text-fg" : "border-border bg-surface-muted text-muted"}`}
          >
            Internal notes are private: customers never see them. Only send them to a system you trust with everything your agents write to each other.
          </p>
          {field("includeInternalNotes") ? <p className="text-xs font-medium text-danger">{field("includeInternalNotes")}</p> : null}
        </div>

        <div className="flex flex-wrap items-center justify-end gap-3">
          <SavedNotice message={saved} />
          <Button type="submit" variant={endpoint ? "secondary" : "primary"} disabled={mutation.isPending}>
            {mutation.isPending ? "Saving…" : endpoint ? "Save endpoint" : "Add endpoint"}
          </Button>
        </div>
      </form>
      {added ? (
        <SecretReveal secret={added.secret} heading={`Signing secret for ${added.url}`} onDone={() => setAdded(null)}>
          <p>
            <Link href={`/desk/admin/webhooks/${added.id}` as Route} className="font-medium text-accent underline underline-offset-2">
              Open the endpoint
            </Link>{" "}
            to send a test event and watch its deliveries.
          </p>
        </SecretReveal>
      ) : null}
    </div>
  );
}
