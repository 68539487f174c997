"use client";

import type { Route } from "next";
import Link from "next/link";
import { useId, useState, type FormEvent, type ReactNode } from "react";
import { SavedNotice } from "@/components/admin/admin-panel";
import { mutationErrors, optionOf } from "@/components/admin/mutation-errors";
import { useCreateOrUpdate } from "@/components/admin/use-create-or-update";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { describedBy, Field, FormError, Input, Select } from "@/components/ui/field";
import type { MailboxSettings } from "@/server/email/mailboxes/mailbox-settings";
import {
  imapProcessedActions,
  mailAuthMethods,
  mailboxInboundTransports,
  mailboxOutboundTransports,
  mailConnectionSecurities,
  type ImapProcessedAction,
  type MailAuthMethod,
  type MailboxInboundTransport,
  type MailboxOutboundTransport,
} from "@/lib/vocabularies";
import { authLabels, inboundTransportLabels, outboundTransportLabels, processedActionLabels, securityLabels } from "./mailbox-labels";

const serverFields = [
  "address",
  "displayName",
  "defaultTeamId",
  "defaultCategoryId",
  "enabled",
  "inboundTransport",
  "imapHost",
  "imapPort",
  "imapSecurity",
  "imapAuth",
  "imapUsername",
  "imapSecret",
  "imapFolder",
  "imapProcessedAction",
  "imapMoveToFolder",
  "oauthTokenUrl",
  "oauthClientId",
  "oauthClientSecret",
  "outboundTransport",
  "smtpHost",
  "smtpPort",
  "smtpSecurity",
  "smtpUsername",
  "smtpSecret",
] as const;
type FieldName = (typeof serverFields)[number];

/** A mailbox as the form edits it: its settings and which secrets are stored (never the secrets). */
export interface EditableMailbox extends MailboxSettings {
  id: string;
  hasImapSecret: boolean;
  hasOauthClientSecret: boolean;
  hasSmtpSecret: boolean;
}

export interface Choice {
  id: string;
  name: string;
}

// Fields the form does not show (IMAP settings of a pushed mailbox, say) are left out, so a save keeps what is stored.
const text = (form: FormData, name: FieldName) => (form.has(name) ? String(form.get(name) ?? "") : undefined);
const port = (form: FormData, name: FieldName) => {
  const value = text(form, name)?.trim();
  return value === undefined ? undefined : value === "" ? null : Number(value);
};
const option = <T extends string>(form: FormData, name: FieldName, options: readonly T[]) => (form.has(name) ? optionOf(options, form.get(name)) : undefined);

/** Connects a mailbox, or edits one when given `mailbox`. Secrets are write-only: a blank field keeps the stored one. */
export function MailboxForm({ mailbox, teams, categories }: { mailbox?: EditableMailbox; teams: Choice[]; categories: Choice[] }) {
  const trpc = useTRPC();
  const prefix = useId();
  const id = (name: FieldName) => `${prefix}-${name}`;
  const [inbound, setInbound] = useState<MailboxInboundTransport>(mailbox?.inboundTransport ?? "imap");
  const [auth, setAuth] = useState<MailAuthMethod>(mailbox?.imapAuth ?? "password");
  const [action, setAction] = useState<ImapProcessedAction>(mailbox?.imapProcessedAction ?? "mark_seen");
  const [outbound, setOutbound] = useState<MailboxOutboundTransport>(mailbox?.outboundTransport ?? "smtp");
  const [added, setAdded] = useState<{ id: string; address: string } | null>(null);
  const { mutation, saved, clearSaved, save } = useCreateOrUpdate(
    { create: trpc.admin.mailboxes.create.mutationOptions(), update: trpc.admin.mailboxes.update.mutationOptions() },
    mailbox?.id,
  );
  const { field, formError } = mutationErrors(mutation.error, serverFields);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    clearSaved();
    setAdded(null);
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const values = {
      address: text(form, "address") ?? "",
      displayName: text(form, "displayName") ?? "",
      defaultTeamId: text(form, "defaultTeamId") || null,
      defaultCategoryId: text(form, "defaultCategoryId") || null,
      inboundTransport: inbound,
      imapHost: text(form, "imapHost"),
      imapPort: port(form, "imapPort"),
      imapSecurity: option(form, "imapSecurity", mailConnectionSecurities),
      imapAuth: inbound === "imap" ? auth : undefined,
      imapUsername: text(form, "imapUsername"),
      imapSecret: text(form, "imapSecret"),
      imapFolder: text(form, "imapFolder"),
      imapProcessedAction: inbound === "imap" ? action : undefined,
      imapMoveToFolder: text(form, "imapMoveToFolder"),
      oauthTokenUrl: text(form, "oauthTokenUrl"),
      oauthClientId: text(form, "oauthClientId"),
      oauthClientSecret: text(form, "oauthClientSecret"),
      outboundTransport: outbound,
      smtpHost: text(form, "smtpHost"),
      smtpPort: port(form, "smtpPort"),
      smtpSecurity: option(form, "smtpSecurity", mailConnectionSecurities),
      smtpUsername: text(form, "smtpUsername"),
      smtpSecret: text(form, "smtpSecret"),
    };
    save(values, {
      created: (result) => {
        formElement.reset();
        setAdded({ id: result.id, address: result.address });
        return `${result.address} is connected and switched on.`;
      },
      updated: () => "Saved. Secrets left blank are kept.",
    });
  }

  /** A text field with its label, hint and error, wired for screen readers. */
  const textField = (name: FieldName, label: string, options: { hint?: string; value?: string | number | null; type?: string; placeholder?: string; autoComplete?: string; maxLength?: number } = {}) => (
    <Field id={id(name)} label={label} hint={options.hint} error={field(name)}>
      <Input
        id={id(name)}
        name={name}
        type={options.type ?? "text"}
        autoComplete={options.autoComplete ?? "off"}
        spellCheck={false}
        maxLength={options.maxLength ?? 255}
        defaultValue={options.value ?? undefined}
        placeholder={options.placeholder}
        {...(options.type === "number" ? { min: 1, max: 65535, inputMode: "numeric" as const } : {})}
        {...describedBy(id(name), field(name), options.hint)}
      />
    </Field>
  );
  /** A write-only secret: never filled in; says whether one is stored. */
  const secretField = (name: FieldName, label: string, stored: boolean | undefined, hint: string) =>
    textField(name, label, { type: "password", autoComplete: "new-password", maxLength: 8000, placeholder: stored ? "Stored: leave blank to keep" : undefined, hint: stored ? `${hint} A value is stored; leave blank to keep it.` : hint });
  const select = <T extends string>(name: FieldName, label: string, options: readonly T[], labels: Record<T, string>, value: T, onChange?: (value: T) => void, hint?: string) => (
    <Field id={id(name)} label={label} hint={hint} error={field(name)}>
      <Select
        id={id(name)}
        name={name}
        {...(onChange ? { value, onChange: (event) => onChange(optionOf(options, event.target.value) ?? value) } : { defaultValue: value })}
        {...describedBy(id(name), field(name), hint)}
      >
        {options.map((option) => (
          <option key={option} value={option}>
            {labels[option]}
          </option>
        ))}
      </Select>
    </Field>
  );
  const choices = (name: FieldName, label: string, items: Choice[], value: string | null, hint: string) => (
    <Field id={id(name)} label={label} hint={hint} error={field(name)}>
      <Select id={id(name)} name={name} defaultValue={value ?? ""} {...describedBy(id(name), field(name), hint)}>
        <option value="">None</option>
        {items.map((item) => (
          <option key={item.id} value={item.id}>
            {item.name}
          </option>
        ))}
      </Select>
    </Field>
  );
  const labelsOf = <T extends string>(table: Record<T, { label: string }>) => Object.fromEntries(Object.entries<{ label: string }>(table).map(([key, entry]) => [key, entry.label])) as Record<T, string>;

  return (
    <div className="space-y-5">
      <form onSubmit={submit} className="space-y-6" noValidate aria-label={mailbox ? `Edit ${mailbox.address}` : "New mailbox"}>
        <FormError message={formError} />
        <Section title="Address">
          {textField("address", "Email address", { type: "email", value: mailbox?.address, placeholder: "support@example.com", maxLength: 254, hint: "Replies go out from it; customers write to it." })}
          {textField("displayName", "Display name", { value: mailbox?.displayName, placeholder: "Acme Support", maxLength: 120, hint: "What customers see as the sender." })}
          {choices("defaultTeamId", "Default team", teams, mailbox?.defaultTeamId ?? null, "New tickets from this address go to this team.")}
          {choices("defaultCategoryId", "Default category", categories, mailbox?.defaultCategoryId ?? null, "New tickets from this address get this category.")}
        </Section>

        <Section title="Incoming mail">
          {select("inboundTransport", "How mail arrives", mailboxInboundTransports, labelsOf(inboundTransportLabels), inbound, setInbound, inboundTransportLabels[inbound].hint)}
          {inbound === "imap" ? (
            <>
              {textField("imapHost", "IMAP server", { value: mailbox?.imapHost, placeholder: "imap.gmail.com" })}
              {textField("imapPort", "Port", { type: "number", value: mailbox?.imapPort, placeholder: "993", hint: "Blank: 993 with TLS, 143 with STARTTLS." })}
              {select("imapSecurity", "Security", mailConnectionSecurities, securityLabels, mailbox?.imapSecurity ?? "tls")}
              {select("imapAuth", "Sign-in", mailAuthMethods, authLabels, auth, setAuth)}
              {textField("imapUsername", "Username", { value: mailbox?.imapUsername, placeholder: "support@example.com", maxLength: 254, hint: "Usually the full address." })}
              {auth === "password"
                ? secretField("imapSecret", "Password", mailbox?.hasImapSecret, "With Google or Microsoft two-step verification, an app password.")
                : secretField("imapSecret", "Refresh token", mailbox?.hasImapSecret, "From your provider's OAuth2 consent flow; Frontdesk exchanges it for access tokens.")}
              {auth === "oauth2" ? (
                <>
                  {textField("oauthTokenUrl", "Token URL", { value: mailbox?.oauthTokenUrl, type: "url", maxLength: 2000, placeholder: "https://oauth2.googleapis.com/token" })}
                  {textField("oauthClientId", "Client ID", { value: mailbox?.oauthClientId, maxLength: 500 })}
                  {secretField("oauthClientSecret", "Client secret", mailbox?.hasOauthClientSecret, "Leave blank for a public client.")}
                </>
              ) : null}
              {textField("imapFolder", "Folder", { value: mailbox?.imapFolder ?? "INBOX", maxLength: 200, hint: "The folder read for new mail." })}
              {select("imapProcessedAction", "After a message is processed", imapProcessedActions, labelsOf(processedActionLabels), action, setAction, processedActionLabels[action].hint)}
              {action === "move" ? textField("imapMoveToFolder", "Move to folder", { value: mailbox?.imapMoveToFolder, maxLength: 200, placeholder: "Processed" }) : null}
            </>
          ) : null}
        </Section>

        <Section title="Outgoing mail">
          {select("outboundTransport", "How replies are sent", mailboxOutboundTransports, labelsOf(outboundTransportLabels), outbound, setOutbound, outboundTransportLabels[outbound].hint)}
          {outbound === "smtp" ? (
            <>
              {textField("smtpHost", "SMTP server", { value: mailbox?.smtpHost, placeholder: "smtp.gmail.com" })}
              {textField("smtpPort", "Port", { type: "number", value: mailbox?.smtpPort, placeholder: "587", hint: "Blank: 465 with TLS, 587 with STARTTLS." })}
              {select("smtpSecurity", "Security", mailConnectionSecurities, securityLabels, mailbox?.smtpSecurity ?? "starttls")}
              {textField("smtpUsername", "Username", { value: mailbox?.smtpUsername, maxLength: 254, hint: "Blank for a relay that needs no login." })}
              {secretField(
                "smtpSecret",
                "Password",
                mailbox?.hasSmtpSecret,
                auth === "oauth2" && inbound === "imap" ? "Blank: the IMAP OAuth2 sign-in is used for sending too." : "Often the same as the IMAP password.",
              )}
            </>
          ) : null}
        </Section>

        <div className="flex flex-wrap items-center justify-end gap-3">
          <SavedNotice message={saved} />
          <Button type="submit" variant={mailbox ? "secondary" : "primary"} disabled={mutation.isPending}>
            {mutation.isPending ? "Saving…" : mailbox ? "Save mailbox" : "Connect mailbox"}
          </Button>
        </div>
      </form>
      {added ? (
        <p className="text-sm">
          <Link href={`/desk/admin/mailboxes/${added.id}` as Route} className="font-medium text-accent underline underline-offset-2">
            Open {added.address}
          </Link>{" "}
          to test its connection.
        </p>
      ) : null}
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="space-y-4">
      <legend className="mb-2 text-sm font-semibold">{title}</legend>
      <div className="grid gap-4 sm:grid-cols-2">{children}</div>
    </fieldset>
  );
}
