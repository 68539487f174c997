import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RelativeTime } from "@/components/relative-time";
import { ReplyComposer } from "@/components/reply-composer";
import { PriorityLabel, StatusBadge } from "@/components/ticket-badges";
import { TicketThread } from "@/components/ticket-thread";
import { TicketTimeline } from "@/components/ticket-timeline";
import { requireUser } from "@/server/auth/session";
import { loadTicketPage } from "@/server/load-ticket-page";

export async function generateMetadata({ params }: PageProps<"/desk/tickets/[number]">): Promise<Metadata> {
  return { title: `#${(await params).number}` };
}

function Property({ name, children }: { name: string; children: React.ReactNode }) {
  return (
    <div className="flex justify-between gap-3 py-1.5 text-sm">
      <dt className="text-muted">{name}</dt>
      <dd className="text-right">{children}</dd>
    </div>
  );
}

export default async function DeskTicketPage({ params }: PageProps<"/desk/tickets/[number]">) {
  const { number } = await params;
  await requireUser("agent");
  const detail = await loadTicketPage(number);
  if (!detail) notFound();
  const { ticket, messages, timeline } = detail;

  return (
    <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_18rem]">
      <div className="min-w-0 space-y-6">
        <header className="space-y-2">
          <Link href="/desk" className="text-sm text-muted hover:text-fg">
            ← Back to views
          </Link>
          <div className="flex flex-wrap items-center gap-2 text-sm text-muted">
            <span className="tabular-nums">#{ticket.number}</span>
            <StatusBadge status={ticket.status} />
            <span>
              · via {ticket.channel} · opened <RelativeTime date={ticket.createdAt} />
            </span>
          </div>
          <h1 className="text-xl font-semibold break-words">{ticket.subject}</h1>
        </header>
        <TicketThread messages={messages} requesterId={ticket.requesterId} />
        <ReplyComposer number={ticket.number} allowInternal closed={ticket.status === "closed"} />
      </div>
      <aside className="space-y-4" aria-label="Ticket details">
        <section className="rounded-lg border border-border bg-surface p-4">
          <h2 className="mb-2 text-sm font-semibold">Properties</h2>
          <dl className="divide-y divide-border">
            <Property name="Status">
              <StatusBadge status={ticket.status} />
            </Property>
            <Property name="Priority">
              <PriorityLabel priority={ticket.priority} />
            </Property>
            <Property name="Category">{ticket.categoryName ?? "—"}</Property>
            <Property name="Team">{ticket.teamName ?? "—"}</Property>
            <Property name="Assignee">{ticket.assigneeName ?? "Unassigned"}</Property>
            <Property name="Tags">{ticket.tags.length ? ticket.tags.join(", ") : "—"}</Property>
          </dl>
        </section>
        <section className="rounded-lg border border-border bg-surface p-4">
          <h2 className="mb-1 text-sm font-semibold">Requester</h2>
          <p className="text-sm">{ticket.requesterName}</p>
          <p className="text-sm break-all text-muted">{ticket.requesterEmail}</p>
        </section>
        <section className="rounded-lg border border-border bg-surface p-4">
          <h2 className="mb-2 text-sm font-semibold">Timeline</h2>
          <TicketTimeline events={timeline} />
        </section>
      </aside>
    </div>
  );
}
