"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { mutationErrors } from "@/components/admin/mutation-errors";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { describedBy, Field, FormError, Input } from "@/components/ui/field";
import type { ApiScope } from "@/lib/vocabularies";
import { NewTokenNotice, type NewToken } from "./new-token-notice";
import { scopeDescriptions } from "./scope-labels";

const DEFAULT_EXPIRY_DAYS = 90;

/**
 * Names a token, picks its scopes (only those the person's role can use) and
 * an expiry. The secret comes back once and is shown above the form until
 * dismissed; the list below refreshes from the server.
 */
export function CreateTokenForm({ allowedScopes, nameMaxLength, maxExpiryDays }: { allowedScopes: readonly ApiScope[]; nameMaxLength: number; maxExpiryDays: number }) {
  const trpc = useTRPC();
  const router = useRouter();
  const id = useId();
  const [created, setCreated] = useState<NewToken | null>(null);
  const create = useMutation(trpc.apiTokens.create.mutationOptions());
  const { field, formError } = mutationErrors(create.error, ["name", "scopes", "expiresInDays"]);
  const ids = { name: `${id}-name`, scopes: `${id}-scopes`, expiry: `${id}-expiry` };
  const expiryHint = `1 to ${maxExpiryDays} days. Leave it empty for a token that does not expire.`;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const expiry = String(form.get("expiresInDays") ?? "").trim();
    setCreated(null);
    create.mutate(
      {
        name: String(form.get("name") ?? ""),
        scopes: allowedScopes.filter((scope) => form.getAll("scopes").includes(scope)),
        expiresInDays: expiry === "" ? null : Number(expiry),
      },
      {
        onSuccess: (token) => {
          formElement.reset();
          setCreated(token);
          router.refresh();
        },
      },
    );
  }

  return (
    <div className="space-y-5">
      {created ? <NewTokenNotice token={created} onDone={() => setCreated(null)} /> : null}
      <form onSubmit={submit} className="space-y-5" noValidate aria-label="Create a token">
        <FormError message={formError} />
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id={ids.name} label="Name" error={field("name")} hint="Say what will use it, e.g. “Monitoring” or “CRM sync”.">
            <Input
              id={ids.name}
              name="name"
              autoComplete="off"
              required
              maxLength={nameMaxLength}
              {...describedBy(ids.name, field("name"), "Say what will use it, e.g. “Monitoring” or “CRM sync”.")}
            />
          </Field>
          <Field id={ids.expiry} label="Expires after (days)" error={field("expiresInDays")} hint={expiryHint}>
            <Input
              id={ids.expiry}
              name="expiresInDays"
              type="number"
              inputMode="numeric"
              min={1}
              max={maxExpiryDays}
              step={1}
              defaultValue={DEFAULT_EXPIRY_DAYS}
              {...describedBy(ids.expiry, field("expiresInDays"), expiryHint)}
            />
          </Field>
        </div>
        <fieldset className="space-y-2" aria-describedby={field("scopes") ? `${ids.scopes}-error` : `${ids.scopes}-hint`}>
          <legend className="text-sm font-medium">Scopes</legend>
          <p id={`${ids.scopes}-hint`} className="text-xs text-muted">
            Give it only what it needs. It acts as you: it never sees more than you can.
          </p>
          {allowedScopes.map((scope) => (
            <label key={scope} className="flex items-start gap-2 text-sm">
              <input type="checkbox" name="scopes" value={scope} defaultChecked={scope === "tickets:read"} className="mt-0.5 size-4 shrink-0 accent-accent" />
              <span className="min-w-0">
                <code className="font-mono text-xs font-medium">{scope}</code>
                <span className="block text-xs text-muted">{scopeDescriptions[scope]}</span>
              </span>
            </label>
          ))}
          {field("scopes") ? (
            <p id={`${ids.scopes}-error`} className="text-xs font-medium text-danger">
              {field("scopes")}
            </p>
          ) : null}
        </fieldset>
        <div className="flex justify-end">
          <Button type="submit" disabled={create.isPending}>
            {create.isPending ? "Creating…" : "Create token"}
          </Button>
        </div>
      </form>
    </div>
  );
}
