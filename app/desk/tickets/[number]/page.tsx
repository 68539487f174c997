import type { Metadata, Route } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { MergeForm } from "@/components/desk/merge-form";
import { RequesterFields } from "@/components/desk/requester-fields";
import { SlaPanel } from "@/components/desk/sla-panel";
import { TicketPeople } from "@/components/desk/ticket-people";
import { TicketWorkspace } from "@/components/desk/ticket-workspace";
import { RelativeTime } from "@/components/relative-time";
import { DESK_RETURN_PARAM, deskReturnPath, ticketHrefFrom } from "@/lib/desk-return";
import { RatingPanel } from "@/components/satisfaction/rating-panel";
import { StatusBadge } from "@/components/ticket-badges";
import { TicketThread } from "@/components/ticket-thread";
import { TicketTimeline } from "@/components/ticket-timeline";
import { requireUser } from "@/server/auth/session";
import { getServerApi } from "@/server/caller";
import { loadTicketPage } from "@/server/load-ticket-page";

export async function generateMetadata({ params }: PageProps<"/desk/tickets/[number]">): Promise<Metadata> {
  return { title: `#${(await params).number}` };
}

export default async function DeskTicketPage({ params, searchParams }: PageProps<"/desk/tickets/[number]">) {
  const { number } = await params;
  const from = (await searchParams)[DESK_RETURN_PARAM];
  // The exact queue the agent opened this ticket from (only ever a /desk path).
  const returnPath = deskReturnPath(typeof from === "string" ? from : null);
  const user = await requireUser("agent");
  const detail = await loadTicketPage(number);
  if (!detail) notFound();
  const { ticket, messages, timeline, sla, satisfaction, ccs, following, customFields } = detail;
  const api = await getServerApi();
  const [options, history, cannedResponses, requester, organization] = await Promise.all([
    api.desk.options(),
    api.desk.requesterHistory({ requesterId: ticket.requesterId, excludeTicketId: ticket.id }),
    api.admin.cannedResponses.list({}),
    api.admin.users.fields({ userId: ticket.requesterId }),
    ticket.organizationId ? api.admin.organizations.fields({ organizationId: ticket.organizationId }) : null,
  ]);

  const header = (
    <header className="space-y-2">
      <Link href={returnPath as Route} className="text-sm text-muted hover:text-fg">
        ← Back to the queue <span className="text-xs">(Esc)</span>
      </Link>
      <div className="flex flex-wrap items-center gap-2 text-sm text-muted">
        <span className="tabular-nums">#{ticket.number}</span>
        <StatusBadge status={ticket.status} />
        <span>
          · via {ticket.channel} · opened <RelativeTime date={ticket.createdAt} />
        </span>
        {ticket.followUpOfNumber ? (
          <span>
            · follow-up of{" "}
            <Link href={ticketHrefFrom(ticket.followUpOfNumber, returnPath) as Route} className="text-accent hover:underline">
              #{ticket.followUpOfNumber}
            </Link>
          </span>
        ) : null}
        {ticket.mergedIntoNumber ? (
          <span>
            · merged into{" "}
            <Link href={ticketHrefFrom(ticket.mergedIntoNumber, returnPath) as Route} className="text-accent hover:underline">
              #{ticket.mergedIntoNumber}
            </Link>
          </span>
        ) : null}
      </div>
      <h1 className="text-xl font-semibold break-words">{ticket.subject}</h1>
    </header>
  );

  const sidebar = (
    <>
      {/* Right under the properties: who a public reply goes to. */}
      <TicketPeople number={ticket.number} ccs={ccs} following={following ?? { following: false, count: 0 }} closed={ticket.status === "closed"} />
      <SlaPanel clocks={sla} />
      <RatingPanel rating={satisfaction} status={ticket.status} />
      <section className="rounded-lg border border-border bg-surface p-4">
        <h2 className="mb-1 text-sm font-semibold">Requester</h2>
        <p className="text-sm">{ticket.requesterName}</p>
        <p className="text-sm break-all text-muted">{ticket.requesterEmail}</p>
        {ticket.organizationName ? <p className="text-sm text-muted">{ticket.organizationName}</p> : null}
        <RequesterFields requester={requester} organization={organization} canEditOrganization={user.role === "admin"} />
        <p className="mt-2 flex flex-wrap gap-x-3 text-xs">
          <Link href={`/desk?view=open&requesterId=${ticket.requesterId}` as Route} className="text-accent hover:underline">
            Their open tickets
          </Link>
          {ticket.organizationId ? (
            <Link href={`/desk?view=open&organizationId=${ticket.organizationId}` as Route} className="text-accent hover:underline">
              Organization&apos;s open tickets
            </Link>
          ) : null}
        </p>
        <h3 className="mt-3 mb-1 text-xs font-semibold text-muted uppercase">Other tickets</h3>
        {history.length ? (
          <ul className="space-y-1 text-sm">
            {history.map((other) => (
              <li key={other.id} className="flex items-baseline justify-between gap-2">
                <Link href={ticketHrefFrom(other.number, returnPath) as Route} className="min-w-0 truncate hover:text-accent hover:underline">
                  #{other.number} {other.subject}
                </Link>
                <StatusBadge status={other.status} />
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-muted">This is their first ticket.</p>
        )}
      </section>
      <section className="rounded-lg border border-border bg-surface p-4">
        <h2 className="mb-2 text-sm font-semibold">Timeline</h2>
        <TicketTimeline events={timeline} />
      </section>
      {ticket.status !== "closed" ? (
        <section className="rounded-lg border border-border bg-surface p-4">
          <MergeForm number={ticket.number} />
        </section>
      ) : null}
    </>
  );

  return (
    <div className="space-y-4">
      {header}
      <TicketWorkspace
        ticket={{ ...ticket, customFields }}
        options={options}
        me={{ id: user.id, name: user.name }}
        messageIds={messages.map((message) => message.id)}
        from={returnPath}
        cannedResponses={cannedResponses}
        thread={<TicketThread messages={messages} requesterId={ticket.requesterId} />}
        sidebar={sidebar}
      />
    </div>
  );
}
