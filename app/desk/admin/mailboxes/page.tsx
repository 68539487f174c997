import type { Metadata, Route } from "next";
import Link from "next/link";
import { AdminPanel, Disclosure } from "@/components/admin/admin-panel";
import { EmptyState } from "@/components/empty-state";
import { requireUser } from "@/server/auth/session";
import { getServerApi } from "@/server/caller";
import type { MailboxView } from "@/server/email/mailboxes/admin";
import { MailboxForm } from "./mailbox-form";
import { EnabledBadge, InboundStatus, inboundTransportLabels, outboundTransportLabels } from "./mailbox-labels";

export const metadata: Metadata = { title: "Mailboxes · Admin" };

/** The support addresses mail comes in on and replies go out from: how each stands, and a form to connect another. */
export default async function AdminMailboxesPage() {
  await requireUser("admin");
  const api = await getServerApi();
  const [mailboxes, teams, categories] = await Promise.all([api.admin.mailboxes.list(), api.admin.teams.list(), api.admin.categories.list()]);
  const categoryChoices = categories.filter((category) => !category.archivedAt).map(({ id, name }) => ({ id, name }));

  return (
    <div className="space-y-6">
      <Disclosure summary="Connect a mailbox">
        <MailboxForm teams={teams.map(({ id, name }) => ({ id, name }))} categories={categoryChoices} />
      </Disclosure>
      <AdminPanel
        id="mailboxes"
        title="Mailboxes"
        description={
          <>
            Each address customers write to. Tickets remember the mailbox they came in on, and replies go out from it. Sent mail is listed under{" "}
            <Link href="/desk/admin/mailbox" className="text-accent underline underline-offset-2">
              Outgoing mail
            </Link>
            .
          </>
        }
      >
        {mailboxes.length === 0 ? (
          <EmptyState title="No mailboxes yet">
            Connect one above: support@, billing@ or any address your team already reads. Until then, mail goes out from the app&apos;s SUPPORT_EMAIL.
          </EmptyState>
        ) : (
          <ul className="space-y-3">
            {mailboxes.map((mailbox) => (
              <MailboxItem key={mailbox.id} mailbox={mailbox} />
            ))}
          </ul>
        )}
      </AdminPanel>
    </div>
  );
}

function MailboxItem({ mailbox }: { mailbox: MailboxView }) {
  const defaults = [mailbox.defaultTeamName ? `Team ${mailbox.defaultTeamName}` : null, mailbox.defaultCategoryName ? `Category ${mailbox.defaultCategoryName}` : null].filter(Boolean);
  return (
    <li className="space-y-2 rounded-lg border border-border p-4">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h3 className="font-medium wrap-anywhere">
            <Link href={`/desk/admin/mailboxes/${mailbox.id}` as Route} className="hover:text-accent hover:underline">
              {mailbox.address}
            </Link>
          </h3>
          <p className="text-sm text-muted wrap-anywhere">
            {mailbox.displayName}
            {defaults.length ? ` · ${defaults.join(" · ")}` : " · no default team or category"}
          </p>
        </div>
        <EnabledBadge enabled={mailbox.enabled} />
      </div>
      <dl className="grid gap-x-3 gap-y-1 text-sm sm:grid-cols-[7rem_minmax(0,1fr)]">
        <dt className="text-muted">Incoming</dt>
        <dd className="min-w-0">
          {inboundTransportLabels[mailbox.inboundTransport].label}
          {mailbox.inboundTransport === "imap" && mailbox.imapHost ? <span className="text-muted wrap-anywhere"> · {mailbox.imapHost}</span> : null}
        </dd>
        <dt className="text-muted">Status</dt>
        <dd className="min-w-0">
          <InboundStatus mailbox={mailbox} />
        </dd>
        <dt className="text-muted">Outgoing</dt>
        <dd className="min-w-0">
          {outboundTransportLabels[mailbox.outboundTransport].label}
          {mailbox.outboundTransport === "smtp" && mailbox.smtpHost ? <span className="text-muted wrap-anywhere"> · {mailbox.smtpHost}</span> : null}
        </dd>
      </dl>
    </li>
  );
}
