import type { Metadata, Route } from "next";
import Link from "next/link";
import { AdminPanel } from "@/components/admin/admin-panel";
import { EmptyState } from "@/components/empty-state";
import { RefusedQuery } from "@/components/refused-query";
import { OutboxStatusBadge, outboxStatusLabels } from "@/components/outbox-status";
import { RelativeTime } from "@/components/relative-time";
import { PageLinks } from "@/components/ticket-table";
import { outboxStatuses, type OutboxStatus } from "@/db/schema/email";
import { requireUser } from "@/server/auth/session";
import { getServerApi } from "@/server/caller";
import { refusedQueryOr } from "@/server/page-query";
import { ResendEmailButton } from "./resend-email-button";

export const metadata: Metadata = { title: "Mailbox · Admin" };

export default async function MailboxPage({ searchParams }: PageProps<"/desk/admin/mailbox">) {
  await requireUser("admin");
  const params = await searchParams;
  const status = outboxStatuses.find((s) => s === params.status) as OutboxStatus | undefined;
  const cursor = typeof params.cursor === "string" ? params.cursor : undefined;
  const result = await refusedQueryOr((await getServerApi()).admin.mailbox.list({ status, cursor, limit: 50 }));
  if (!result.ok) return <RefusedQuery message={result.message} startOverHref="/desk/admin/mailbox" />;
  const page = result.value;
  const base = `/desk/admin/mailbox${status ? `?status=${status}&` : "?"}`;

  return (
    <AdminPanel
      id="mailbox"
      title="Mailbox"
      description="Every email Frontdesk sends, newest first. Without RESEND_API_KEY nothing leaves the building: mail is kept here, so sign-in links and notifications still work on a laptop."
    >
      <nav aria-label="Filter by delivery status" className="mb-4 flex flex-wrap gap-2 text-sm">
        {[undefined, ...outboxStatuses].map((s) => (
          <Link
            key={s ?? "all"}
            href={(s ? `/desk/admin/mailbox?status=${s}` : "/desk/admin/mailbox") as Route}
            aria-current={s === status ? "page" : undefined}
            className={`rounded-full border px-3 py-1 ${s === status ? "border-accent bg-accent-soft text-accent" : "border-border hover:bg-surface-muted"}`}
          >
            {s ? outboxStatusLabels[s] : "All"}
          </Link>
        ))}
      </nav>
      {page.items.length === 0 && !cursor ? (
        <EmptyState title="No email yet">Notifications appear here as soon as tickets are opened, answered, assigned or solved.</EmptyState>
      ) : (
        <>
          <div className="relative overflow-x-auto rounded-lg border border-border">
            <table className="w-full text-sm">
              <thead className="border-b border-border bg-surface-muted text-left text-xs text-muted uppercase">
                <tr>
                  <th scope="col" className="px-3 py-2 font-medium">Subject</th>
                  <th scope="col" className="px-3 py-2 font-medium">To</th>
                  <th scope="col" className="px-3 py-2 font-medium">Status</th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">Queued</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-border">
                {page.items.map((mail) => (
                  <tr key={mail.id} className="hover:bg-surface-muted">
                    <td className="max-w-md px-3 py-2">
                      <Link href={`/desk/admin/mailbox/${mail.id}` as Route} className="font-medium break-words hover:text-accent hover:underline">
                        {mail.subject}
                      </Link>
                      {mail.lastError ? <span className="block text-xs text-danger">{mail.lastError}</span> : null}
                    </td>
                    <td className="px-3 py-2 break-all text-muted">{mail.toAddress}</td>
                    <td className="px-3 py-2">
                      <span className="flex flex-col items-start gap-1">
                        <OutboxStatusBadge status={mail.status} />
                        {mail.status === "failed" ? <ResendEmailButton id={mail.id} subject={mail.subject} /> : null}
                      </span>
                    </td>
                    <td className="px-3 py-2 text-right whitespace-nowrap text-muted"><RelativeTime date={mail.createdAt} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <PageLinks firstHref={cursor ? (base.slice(0, -1) as Route) : null} nextHref={page.nextCursor ? (`${base}cursor=${page.nextCursor}` as Route) : null} />
        </>
      )}
    </AdminPanel>
  );
}
