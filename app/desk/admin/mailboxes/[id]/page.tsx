import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { AdminPanel } from "@/components/admin/admin-panel";
import { RelativeTime } from "@/components/relative-time";
import { requireUser } from "@/server/auth/session";
import { getServerApi } from "@/server/caller";
import { MailboxActions } from "../mailbox-actions";
import { MailboxForm } from "../mailbox-form";
import { EnabledBadge, InboundStatus, inboundTransportLabels, outboundTransportLabels } from "../mailbox-labels";

export const metadata: Metadata = { title: "Mailbox · Admin" };

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One mailbox: how it stands, a connection test, and its settings. */
export default async function MailboxPage({ params }: PageProps<"/desk/admin/mailboxes/[id]">) {
  await requireUser("admin");
  const { id } = await params;
  if (!uuid.test(id)) notFound();
  const api = await getServerApi();
  const mailbox = await api.admin.mailboxes.get({ id }).catch(() => null);
  if (!mailbox) notFound();
  const [teams, categories] = await Promise.all([api.admin.teams.list(), api.admin.categories.list()]);
  const categoryChoices = categories.filter((category) => !category.archivedAt || category.id === mailbox.defaultCategoryId).map(({ id, name }) => ({ id, name }));

  const row = (name: string, value: ReactNode) => (
    <div className="grid gap-1 py-2 sm:grid-cols-[10rem_minmax(0,1fr)] sm:gap-3">
      <dt className="text-muted">{name}</dt>
      <dd className="min-w-0 wrap-anywhere">{value}</dd>
    </div>
  );

  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href="/desk/admin/mailboxes" className="text-accent hover:underline">
          ← Mailboxes
        </Link>
      </p>
      <section aria-labelledby="mailbox-address" className="space-y-4 rounded-lg border border-border bg-surface p-4 sm:p-5">
        <div className="flex flex-wrap items-start justify-between gap-2">
          <div className="min-w-0">
            <h2 id="mailbox-address" className="font-semibold wrap-anywhere">
              {mailbox.address}
            </h2>
            <p className="text-sm text-muted">{mailbox.displayName}</p>
          </div>
          <EnabledBadge enabled={mailbox.enabled} />
        </div>
        <dl className="divide-y divide-border text-sm">
          {row("Incoming", `${inboundTransportLabels[mailbox.inboundTransport].label}${mailbox.inboundTransport === "imap" && mailbox.imapHost ? ` · ${mailbox.imapHost} · ${mailbox.imapFolder}` : ""}`)}
          {row("Status", <InboundStatus mailbox={mailbox} />)}
          {row("Outgoing", `${outboundTransportLabels[mailbox.outboundTransport].label}${mailbox.outboundTransport === "smtp" && mailbox.smtpHost ? ` · ${mailbox.smtpHost}` : ""}`)}
          {row("Default team", mailbox.defaultTeamName ?? "None")}
          {row("Default category", mailbox.defaultCategoryName ?? "None")}
          {row("Last changed", <RelativeTime date={mailbox.updatedAt} />)}
        </dl>
        <MailboxActions id={mailbox.id} address={mailbox.address} enabled={mailbox.enabled} />
      </section>

      <AdminPanel id="mailbox-settings" title="Settings" description="Passwords and tokens are never shown again: leave a secret blank to keep it. Changing the IMAP server, username or folder makes Frontdesk read that folder afresh.">
        <MailboxForm mailbox={mailbox} teams={teams.map(({ id, name }) => ({ id, name }))} categories={categoryChoices} />
      </AdminPanel>
    </div>
  );
}
