import type { Metadata, Route } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AdminPanel } from "@/components/admin/admin-panel";
import { OutboxStatusBadge } from "@/components/outbox-status";
import { RelativeTime } from "@/components/relative-time";
import { requireUser } from "@/server/auth/session";
import { getServerApi } from "@/server/caller";
import { ResendEmailButton } from "../resend-email-button";

export const metadata: Metadata = { title: "Email · Mailbox" };

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function MailboxEmailPage({ params }: PageProps<"/desk/admin/mailbox/[id]">) {
  await requireUser("admin");
  const { id } = await params;
  if (!uuid.test(id)) notFound();
  const mail = await (await getServerApi()).admin.mailbox.get({ id }).catch(() => null);
  if (!mail) notFound();

  const header = (name: string, value: React.ReactNode) =>
    value ? (
      <div className="grid grid-cols-[8rem_minmax(0,1fr)] gap-2 py-1">
        <dt className="text-muted">{name}</dt>
        <dd className="break-all">{value}</dd>
      </div>
    ) : null;

  return (
    <AdminPanel id="mailbox-email" title={mail.subject} description={<Link href="/desk/admin/mailbox" className="text-accent hover:underline">← Mailbox</Link>}>
      <dl className="mb-4 divide-y divide-border text-sm">
        {header(
          "Status",
          <span className="flex flex-wrap items-center gap-2">
            <OutboxStatusBadge status={mail.status} />
            {mail.attempts ? `${mail.attempts} attempt${mail.attempts === 1 ? "" : "s"}` : null}
            {mail.status === "failed" ? <ResendEmailButton id={mail.id} subject={mail.subject} /> : null}
          </span>,
        )}
        {header("Error", mail.lastError)}
        {header("To", mail.toAddress)}
        {header("Reply-To", mail.replyTo)}
        {header("Queued", <RelativeTime date={mail.createdAt} />)}
        {header("Sent", mail.sentAt ? <RelativeTime date={mail.sentAt} /> : null)}
        {header("Ticket", mail.ticketNumber ? <Link href={`/desk/tickets/${mail.ticketNumber}` as Route} className="text-accent hover:underline">#{mail.ticketNumber}</Link> : null)}
        {header("Message-ID", mail.messageIdHeader)}
        {header("In-Reply-To", mail.inReplyTo)}
        {header("Template", mail.template)}
      </dl>
      {/* The sandbox (no scripts, no same-origin) keeps email HTML from touching the app. */}
      <iframe title={`Email: ${mail.subject}`} srcDoc={mail.html} sandbox="" className="h-[36rem] w-full rounded-lg border border-border bg-white" />
      <details className="mt-4">
        <summary className="cursor-pointer text-sm text-accent">Plain-text version</summary>
        <pre className="mt-2 overflow-x-auto rounded-lg border border-border bg-surface-muted p-3 text-xs whitespace-pre-wrap">{mail.text}</pre>
      </details>
    </AdminPanel>
  );
}
