import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TicketFieldList } from "@/components/custom-fields/ticket-field-list";
import { LiveEventsProvider } from "@/components/live/live-events";
import { RelativeTime } from "@/components/relative-time";
import { PortalReply } from "@/components/portal-reply";
import { PortalRating } from "@/components/satisfaction/portal-rating";
import { StatusBadge } from "@/components/ticket-badges";
import { TicketThread } from "@/components/ticket-thread";
import { requireUser } from "@/server/auth/session";
import { getServerApi } from "@/server/caller";
import { loadTicketPage } from "@/server/load-ticket-page";

export async function generateMetadata({ params }: PageProps<"/tickets/[number]">): Promise<Metadata> {
  return { title: `Ticket #${(await params).number}` };
}

export default async function PortalTicketPage({ params, searchParams }: PageProps<"/tickets/[number]">) {
  const { number } = await params;
  const user = await requireUser("customer");
  const detail = await loadTicketPage(number);
  if (!detail) notFound();
  const { ticket, messages, ccs, customFields } = detail;
  const query = await searchParams;
  // The welcome is for the moment after creation: once the customer has replied, a reload or a kept link does not bring it back.
  const created = query.created === "1" && !messages.slice(1).some((message) => message.authorId === user.id);
  const followUp = query.followUp === "1";
  // Only the requester rates, and only once the ticket is solved or closed.
  const rateable = ticket.requesterId === user.id && (ticket.status === "solved" || ticket.status === "closed");
  const rating = rateable ? await (await getServerApi()).satisfaction.get({ number: ticket.number }) : null;

  return (
    <div className="space-y-6">
      {/* Agents' replies and status changes appear without a reload. */}
      <LiveEventsProvider />
      <Link href="/tickets" className="text-sm text-muted hover:text-fg">
        ← My tickets
      </Link>
      {created ? (
        <p role="status" className="rounded-lg border border-success/30 bg-success-soft px-4 py-3 text-sm text-success">
          Thanks — your ticket #{ticket.number} is in. We will reply here and by email.
        </p>
      ) : null}
      {followUp ? (
        <p role="status" className="rounded-lg border border-accent/30 bg-accent-soft px-4 py-3 text-sm text-accent">
          Your earlier ticket was closed, so your message opened this follow-up, #{ticket.number}. We will pick it up from here.
        </p>
      ) : null}
      <header className="space-y-2">
        <div className="flex flex-wrap items-center gap-2 text-sm text-muted">
          <span className="tabular-nums">#{ticket.number}</span>
          <StatusBadge status={ticket.status} />
          {ticket.categoryName ? <span>· {ticket.categoryName}</span> : null}
          <span>
            · opened <RelativeTime date={ticket.createdAt} />
          </span>
        </div>
        <h1 className="text-2xl font-semibold break-words">{ticket.subject}</h1>
        {ticket.requesterId !== user.id ? <p className="text-sm text-muted">Requested by {ticket.requesterName}</p> : null}
        {ccs.length ? (
          // The people copied get every public reply by email and may answer it.
          <p className="text-sm break-words text-muted">
            Copied: {ccs.map((cc) => (cc.name && cc.name !== cc.email.slice(0, cc.email.indexOf("@")) ? `${cc.name} (${cc.email})` : cc.email)).join(", ")}
          </p>
        ) : null}
        {/* Only fields a customer may see reach this page (tickets.get filters them). */}
        <TicketFieldList fields={customFields} />
      </header>
      {rating ? <PortalRating number={ticket.number} subject={ticket.subject} current={rating} /> : null}
      <TicketThread messages={messages} requesterId={ticket.requesterId} />
      <PortalReply userId={user.id} number={ticket.number} status={ticket.status} lastSeenMessageId={messages.at(-1)?.id ?? null} isRequester={ticket.requesterId === user.id} />
    </div>
  );
}
