import "server-only";
import { and, eq, isNull, ne } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { mailboxes, teamMembers, tickets, users, type MessageKind, type SlaMetric, type TicketPriority } from "@/db/schema";
import type { DbOrTx } from "@/db/types";
import { env } from "@/server/env";
import { articlePath } from "@/lib/article-slug";
import { suggestArticles } from "@/server/knowledge/article-suggestions";
import { ratingUrl } from "@/server/satisfaction/rating-links";
import { getSettings } from "@/server/settings/settings";
import { ccAddressesForMail } from "@/server/tickets/ccs";
import { activeFollowers } from "@/server/tickets/ticket-people";
import { customerReader, mayReadMessage } from "@/server/tickets/ticket-scope";
import type { SessionUser } from "@/server/users/session-user";
import { loadOurAddresses } from "./mailboxes/our-addresses";
import { enqueueEmail } from "./outbox";
import { replyAddressFor, staffReplyAddressFor, ticketRootMessageId } from "./reply-address";

export { ticketRootMessageId } from "./reply-address";

/**
 * The emails a ticket's life sends, each enqueued in the transaction of the
 * change that causes it. Every ticket email goes out from the ticket's
 * mailbox (the one it came in on; none: SUPPORT_EMAIL), carries the ticket's
 * signed reply address under that mailbox's address, and refers to the
 * ticket's first email, so mail clients thread them and replies find their
 * way back.
 *
 * Who gets what: public replies go To the requester with the ticket's CCs
 * in Cc (ccs.ts decides who may be copied; never our own addresses); what
 * the assignee hears about (a customer's reply, a bad rating, an SLA breach)
 * its followers hear too, each person once, never about their own action.
 */
const requester = alias(users, "requester");
const assignee = alias(users, "assignee");

/** What a ticket's emails say about it and the people on it. */
export interface MailTicket {
  id: string;
  number: number;
  subject: string;
  requesterId: string;
  requesterName: string;
  requesterEmail: string;
  assigneeId: string | null;
  assigneeName: string | null;
  assigneeEmail: string | null;
  priority: TicketPriority;
}

async function ticketForMail(tx: DbOrTx, ticketId: string): Promise<MailTicket> {
  const [row] = await tx
    .select({
      id: tickets.id,
      number: tickets.number,
      subject: tickets.subject,
      requesterId: tickets.requesterId,
      requesterName: requester.name,
      requesterEmail: requester.email,
      assigneeId: tickets.assigneeId,
      assigneeName: assignee.name,
      assigneeEmail: assignee.email,
      priority: tickets.priority,
    })
    .from(tickets)
    .innerJoin(requester, eq(requester.id, tickets.requesterId))
    .leftJoin(assignee, eq(assignee.id, tickets.assigneeId))
    .where(eq(tickets.id, ticketId));
  if (!row) throw new Error(`Ticket ${ticketId} vanished inside its own transaction`);
  return row;
}

/**
 * Threading headers for a ticket email. An email to a staff member carries
 * that member's own reply address, which is what lets their emailed answer
 * post as them; the requester's emails carry the ticket's address.
 */
function threading(ticket: Pick<MailTicket, "id" | "number">, mailbox: TicketMailbox, staffRecipientId?: string) {
  const root = ticketRootMessageId(ticket.id);
  const replyTo = staffRecipientId ? staffReplyAddressFor(ticket, staffRecipientId, mailbox.address) : replyAddressFor(ticket, mailbox.address);
  return { ticketId: ticket.id, mailboxId: mailbox.id, replyTo, inReplyTo: root, references: [root] };
}

interface TicketMailbox {
  id: string | null;
  /** The address replies are signed under: the mailbox's, else SUPPORT_EMAIL. */
  address: string;
}

/** The mailbox a ticket's emails go out from (tickets.mailbox_id), if it has one. */
async function ticketMailbox(tx: DbOrTx, ticketId: string): Promise<TicketMailbox> {
  const [row] = await tx
    .select({ id: mailboxes.id, address: mailboxes.address })
    .from(tickets)
    .innerJoin(mailboxes, eq(mailboxes.id, tickets.mailboxId))
    .where(eq(tickets.id, ticketId));
  return row ?? { id: null, address: env.SUPPORT_EMAIL };
}

/** The staff who hear what the assignee hears: the assignee and the followers, each once, minus whoever caused it. */
async function assigneeAndFollowers(tx: DbOrTx, ticket: Pick<MailTicket, "id" | "assigneeId" | "assigneeName" | "assigneeEmail">, exceptId?: string | null) {
  const assigneeRow = ticket.assigneeId && ticket.assigneeEmail && ticket.assigneeName ? [{ id: ticket.assigneeId, name: ticket.assigneeName, email: ticket.assigneeEmail }] : [];
  const people = new Map([...assigneeRow, ...(await activeFollowers(tx, ticket.id))].map((person) => [person.id, person]));
  if (exceptId) people.delete(exceptId);
  return [...people.values()];
}

const portalUrl = (number: number) => `${env.APP_URL}/tickets/${number}`;
const deskUrl = (number: number) => `${env.APP_URL}/desk/tickets/${number}`;

/**
 * Acknowledges a ticket created in this transaction. Its creator passes what
 * the email says (the ticket's number from the insert, the requester from the
 * session), so nothing is read back.
 */
export async function notifyTicketReceived(
  tx: DbOrTx,
  ticket: Pick<MailTicket, "id" | "number" | "subject" | "requesterName" | "requesterEmail">,
  body: string,
  requesterOrganizationId: string | null,
): Promise<void> {
  await enqueueEmail(tx, {
    template: "ticket-received",
    props: {
      requesterName: ticket.requesterName,
      ticketNumber: ticket.number,
      subject: ticket.subject,
      ticketUrl: portalUrl(ticket.number),
      bodyMarkdown: body,
      suggestedArticles: await articlesForRequester(tx, ticket.subject, requesterOrganizationId),
    },
    to: ticket.requesterEmail,
    idempotencyKey: `ticket-received:${ticket.id}`,
    ...threading(ticket, await ticketMailbox(tx, ticket.id)),
    threadRoot: true,
    inReplyTo: undefined,
    references: undefined,
  });
}

/** Email suggestions in the acknowledgement. */
const EMAILED_SUGGESTIONS = 3;

/**
 * Up to three help-center articles matching the subject that the requester may read as a
 * customer: even when staff file a ticket in their own name, an email never links an internal
 * article or a draft.
 */
async function articlesForRequester(tx: DbOrTx, subject: string, organizationId: string | null) {
  const hits = await suggestArticles(tx, { role: "customer", organizationId }, subject);
  return hits.slice(0, EMAILED_SUGGESTIONS).map((hit) => ({ title: hit.title, url: `${env.APP_URL}${articlePath(hit)}` }));
}

/** The "How did we do?" links for a ticket's requester, or null while surveys are off. */
async function ratingUrlsFor(tx: DbOrTx, ticketId: string) {
  const { satisfactionSurveys } = await getSettings(tx);
  return satisfactionSurveys ? { good: ratingUrl(ticketId, "good"), bad: ratingUrl(ticketId, "bad") } : null;
}

/**
 * Emails an agent's public reply To the requester, Cc the ticket's CCs; a
 * reply that solves the ticket also asks for a rating. The rating links act
 * for the requester, so when there are some, the CCs get their own copy
 * without them.
 */
export async function notifyPublicReply(
  tx: DbOrTx,
  ticketId: string,
  message: { id: string; body: string; kind: MessageKind },
  agent: SessionUser,
  options: { solved?: boolean } = {},
): Promise<void> {
  // The thread's privacy rule holds for mail too: a note never leaves the desk.
  if (!mayReadMessage(customerReader, message.kind)) return;
  const ticket = await ticketForMail(tx, ticketId);
  if (ticket.requesterId === agent.id) return;
  const mailbox = await ticketMailbox(tx, ticket.id);
  const cc = await ccAddressesForMail(tx, ticket, await loadOurAddresses(tx, env.SUPPORT_EMAIL));
  const ratingUrls = options.solved ? await ratingUrlsFor(tx, ticket.id) : null;
  const email = (solved: { ratingUrls: Awaited<ReturnType<typeof ratingUrlsFor>> } | null) =>
    ({
      template: "public-reply",
      props: {
        requesterName: ticket.requesterName,
        ticketNumber: ticket.number,
        subject: ticket.subject,
        agentName: agent.name,
        replyMarkdown: message.body,
        ticketUrl: portalUrl(ticket.number),
        solved,
      },
      ticketMessageId: message.id,
      ...threading(ticket, mailbox),
    }) as const;
  const solved = options.solved ? { ratingUrls } : null;
  if (!ratingUrls || cc.length === 0) {
    await enqueueEmail(tx, { ...email(solved), to: ticket.requesterEmail, cc, idempotencyKey: `public-reply:${message.id}` });
    return;
  }
  await enqueueEmail(tx, { ...email(solved), to: ticket.requesterEmail, idempotencyKey: `public-reply:${message.id}` });
  const [first, ...others] = cc;
  if (first) await enqueueEmail(tx, { ...email({ ratingUrls: null }), to: first, cc: others, idempotencyKey: `public-reply:${message.id}:ccs` });
}

/** Tells the assignee and the followers that the requester (or a colleague of theirs, or a CC) wrote. */
export async function notifyCustomerReply(tx: DbOrTx, ticketId: string, message: { id: string; body: string }, author: SessionUser): Promise<void> {
  const ticket = await ticketForMail(tx, ticketId);
  const recipients = await assigneeAndFollowers(tx, ticket, author.id);
  if (recipients.length === 0) return;
  const mailbox = await ticketMailbox(tx, ticket.id);
  for (const person of recipients) {
    await enqueueEmail(tx, {
      template: "customer-reply",
      props: {
        agentName: person.name,
        ticketNumber: ticket.number,
        subject: ticket.subject,
        requesterName: author.name,
        replyMarkdown: message.body,
        ticketUrl: deskUrl(ticket.number),
      },
      to: person.email,
      idempotencyKey: `customer-reply:${message.id}:${person.id}`,
      ...threading(ticket, mailbox, person.id),
    });
  }
}

/** Tells an agent a ticket is now theirs, unless they took it themselves. */
export async function notifyAssigned(tx: DbOrTx, ticketId: string, assignedBy: SessionUser | null, version: number): Promise<void> {
  await enqueueAssignedEmail(tx, await ticketForMail(tx, ticketId), assignedBy, version);
}

/** notifyAssigned for a caller that already knows the ticket and its new assignee (automatic assignment). */
export async function enqueueAssignedEmail(
  tx: DbOrTx,
  ticket: Pick<MailTicket, "id" | "number" | "subject" | "priority" | "requesterName" | "assigneeId" | "assigneeName" | "assigneeEmail">,
  assignedBy: SessionUser | null,
  version: number,
): Promise<void> {
  if (!ticket.assigneeId || !ticket.assigneeEmail || !ticket.assigneeName || ticket.assigneeId === assignedBy?.id) return;
  await enqueueEmail(tx, {
    template: "assigned-to-you",
    props: {
      agentName: ticket.assigneeName,
      ticketNumber: ticket.number,
      subject: ticket.subject,
      requesterName: ticket.requesterName,
      assignedByName: assignedBy?.name ?? null,
      priority: ticket.priority,
      ticketUrl: deskUrl(ticket.number),
    },
    to: ticket.assigneeEmail,
    idempotencyKey: `assigned:${ticket.id}:v${version}`,
    ...threading(ticket, await ticketMailbox(tx, ticket.id), ticket.assigneeId),
  });
}

/** Tells the requester their ticket is solved and, when surveys are on, asks "How did we do?" with signed one-click links. */
export async function notifySolved(tx: DbOrTx, ticketId: string, version: number): Promise<void> {
  const ticket = await ticketForMail(tx, ticketId);
  const ratingUrls = await ratingUrlsFor(tx, ticket.id);
  await enqueueEmail(tx, {
    template: "ticket-solved",
    props: { requesterName: ticket.requesterName, ticketNumber: ticket.number, subject: ticket.subject, ticketUrl: portalUrl(ticket.number), ratingUrls },
    to: ticket.requesterEmail,
    idempotencyKey: `solved:${ticket.id}:v${version}`,
    ...threading(ticket, await ticketMailbox(tx, ticket.id)),
  });
}

/** Tells the assignee and the followers that the requester rated the support bad; once per rating (its ratedAt names it) and person. */
export async function notifyBadRating(tx: DbOrTx, ticketId: string, rating: { comment: string | null; ratedAt: Date; reopened: boolean }): Promise<void> {
  const ticket = await ticketForMail(tx, ticketId);
  const recipients = await assigneeAndFollowers(tx, ticket);
  if (recipients.length === 0) return;
  const mailbox = await ticketMailbox(tx, ticket.id);
  for (const person of recipients) {
    await enqueueEmail(tx, {
      template: "bad-rating",
      props: {
        agentName: person.name,
        ticketNumber: ticket.number,
        subject: ticket.subject,
        requesterName: ticket.requesterName,
        comment: rating.comment,
        reopened: rating.reopened,
        ticketUrl: deskUrl(ticket.number),
      },
      to: person.email,
      // The assignee's key is the one it always was, so a retried rating is not mailed twice across an upgrade.
      idempotencyKey: `bad-rating:${ticket.id}:${rating.ratedAt.toISOString()}${person.id === ticket.assigneeId ? "" : `:${person.id}`}`,
      ...threading(ticket, mailbox, person.id),
    });
  }
}

/**
 * Tells the assignee, the followers and every active member of the ticket's
 * team that an SLA target passed; each person once per target.
 */
export async function notifySlaBreached(tx: DbOrTx, ticketId: string, breach: { metric: SlaMetric; dueLabel: string }): Promise<number> {
  const ticket = await ticketForMail(tx, ticketId);
  const [team] = await tx.select({ teamId: tickets.teamId }).from(tickets).where(eq(tickets.id, ticketId));
  const members = team?.teamId
    ? await tx
        .select({ id: users.id, name: users.name, email: users.email })
        .from(teamMembers)
        .innerJoin(users, eq(users.id, teamMembers.userId))
        .where(and(eq(teamMembers.teamId, team.teamId), isNull(users.disabledAt), ne(users.role, "customer")))
    : [];
  const recipients = [...new Map([...(await assigneeAndFollowers(tx, ticket)), ...members].map((person) => [person.id, person])).values()];
  const mailbox = await ticketMailbox(tx, ticket.id);
  const targetName = breach.metric === "first_response" ? "First response" : "Resolution";
  for (const person of recipients) {
    await enqueueEmail(tx, {
      template: "sla-breached",
      props: {
        agentName: person.name,
        ticketNumber: ticket.number,
        subject: ticket.subject,
        requesterName: ticket.requesterName,
        targetName,
        dueLabel: breach.dueLabel,
        assigneeName: ticket.assigneeName,
        priority: ticket.priority,
        ticketUrl: deskUrl(ticket.number),
      },
      to: person.email,
      idempotencyKey: `sla-breached:${ticket.id}:${breach.metric}:${person.id}`,
      ...threading(ticket, mailbox, person.id),
    });
  }
  return recipients.length;
}
