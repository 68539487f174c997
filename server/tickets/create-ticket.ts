import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { categories, mailboxes, messages, ticketEvents, tickets, type TicketChannel, type TicketPriority } from "@/db/schema";
import { single } from "@/db/rows";
import type { Db, DbOrTx } from "@/db/types";
import type { CustomFieldValues } from "@/lib/custom-field-vocabulary";
import { AppError } from "@/server/errors";
import { assignFromTeam } from "@/server/assignment/auto-assign";
import { attachUploadsToMessage } from "@/server/attachments/link-attachments";
import { publishTicketActivity } from "@/server/events/ticket-activity";
import { listFieldDefinitions } from "@/server/custom-fields/field-definitions";
import { assertRequiredOnSubmit } from "@/server/custom-fields/required-fields";
import { ticketFormFor } from "@/server/custom-fields/ticket-forms";
import { validateCustomValues } from "@/server/custom-fields/validate-values";
import { consumeRateLimit } from "@/server/rate-limit";
import { isStaff, type SessionUser } from "@/server/users/session-user";
import { processNewTicket } from "./process-new-ticket";
import { eventRows } from "./ticket-events";
import { attachTicketToVisit } from "@/server/intake/intake-visits";

export interface NewTicket {
  subject: string;
  body: string;
  /** Optional for email and API tickets; the portal form requires one. */
  categoryId?: string | null;
  /** Customers may not pick one; the category's default applies. */
  priority?: TicketPriority;
  channel?: TicketChannel;
  /** Pending uploads of the requester to attach to the first message. */
  attachmentIds?: string[];
  /** Message-ID of the email this ticket came in as. */
  emailMessageId?: string;
  /** The mailbox an email ticket came in on: its replies go out from it, and its default team and category apply. */
  mailboxId?: string | null;
  /** The staff member who logs the ticket for the requester (the API, on behalf of a customer). */
  loggedBy?: SessionUser;
  /** Custom field values by key (or id), checked as every door checks them. */
  customFields?: Readonly<Record<string, unknown>>;
  /** The portal's visit to the new-ticket form this ticket ends (deflection reports); a stale or foreign id is ignored. */
  intakeVisitId?: string;
}

export interface CreatedTicket {
  id: string;
  number: number;
}

/**
 * The custom values a new ticket starts with, as the one validation checks
 * them for whoever submits (a customer never sets an agent-only field). A
 * customer filling in the portal form or the API must fill in the required
 * fields of the category's form; staff logging a ticket, and email (which
 * cannot be sent back), are not held to it.
 */
async function customValuesOfNewTicket(tx: DbOrTx, actor: SessionUser, categoryId: string | null, input: NewTicket): Promise<CustomFieldValues> {
  const given = input.customFields ?? {};
  const { values } = Object.keys(given).length > 0 ? validateCustomValues(await listFieldDefinitions(tx, "ticket"), given, { viewer: actor }) : { values: {} };
  if (categoryId && !isStaff(actor) && input.channel !== "email") assertRequiredOnSubmit(await ticketFormFor(tx, categoryId), values);
  return values;
}

/**
 * Opens a ticket for the signed-in requester: the ticket, its first public
 * message and its "created" event are written in one transaction. The
 * category supplies the team and, unless given, the priority; an email's
 * mailbox supplies its default category when none is given, and its default
 * team before the category's.
 */
export async function createTicket(db: Db, requester: SessionUser, input: NewTicket): Promise<CreatedTicket> {
  // Agents log tickets for customers all day; only self-service in the portal
  // and the API is limited. Email has its own spam filtering upstream, and a
  // refused email would be a lost request.
  const actor = input.loggedBy ?? requester;
  if (!isStaff(actor) && input.channel !== "email") await consumeRateLimit(db, "ticketCreation", requester.id);
  const { ticket, assignable } = await db.transaction(async (tx) => {
    const [mailbox] = input.mailboxId
      ? await tx
          .select({ id: mailboxes.id, defaultTeamId: mailboxes.defaultTeamId, defaultCategoryId: mailboxes.defaultCategoryId })
          .from(mailboxes)
          .where(eq(mailboxes.id, input.mailboxId))
      : [];
    const categoryId = input.categoryId ?? mailbox?.defaultCategoryId ?? null;
    const [category] = categoryId
      ? await tx
          .select({ id: categories.id, defaultTeamId: categories.defaultTeamId, defaultPriority: categories.defaultPriority })
          .from(categories)
          .where(and(eq(categories.id, categoryId), isNull(categories.archivedAt)))
          .limit(1)
      : [];
    if (input.categoryId && !category) throw new AppError("INVALID", "Choose one of the listed categories.");
    const teamId = mailbox?.defaultTeamId ?? category?.defaultTeamId ?? null;
    const customValues = await customValuesOfNewTicket(tx, actor, category?.id ?? null, input);

    const now = new Date();
    // Customers cannot choose a priority: the category's default applies.
    const chosenPriority = isStaff(actor) ? input.priority : undefined;
    const priority = chosenPriority ?? category?.defaultPriority ?? "normal";
    const row = {
      subject: input.subject,
      priority,
      channel: input.channel ?? "web",
      categoryId: category?.id ?? null,
      organizationId: requester.organizationId,
      teamId,
      mailboxId: mailbox?.id ?? null,
      customValues,
      createdAt: now,
    };
    const ticket = single(
      await tx
        .insert(tickets)
        .values({ ...row, status: "new", requesterId: requester.id, updatedAt: now })
        .returning({ id: tickets.id, number: tickets.number }),
      "ticket",
    );

    const message = single(
      await tx
        .insert(messages)
        .values({ ticketId: ticket.id, authorId: requester.id, kind: "public", body: input.body, emailMessageId: input.emailMessageId, createdAt: now })
        .returning({ id: messages.id }),
      "message",
    );
    await attachUploadsToMessage(tx, { uploaderId: requester.id, ticketId: ticket.id, messageId: message.id, attachmentIds: input.attachmentIds ?? [] });
    if (input.intakeVisitId) await attachTicketToVisit(tx, input.intakeVisitId, requester.id, ticket.id);
    // The category's defaults are applied by the system, not chosen by the
    // requester; both actors' events go in one insert.
    const defaults = [{ field: "priority", to: priority }, ...(teamId ? [{ field: "team", to: teamId }] : [])];
    await tx
      .insert(ticketEvents)
      .values([...eventRows(ticket.id, actor.id, [{ field: "created", to: "new" }], now), ...eventRows(ticket.id, null, defaults, now)]);
    const firstMessage = { id: message.id, authorId: requester.id, kind: "public" as const, body: input.body, createdAt: now };
    await publishTicketActivity(tx, { type: "ticket_created", ticketId: ticket.id, message: firstMessage, at: now });
    return { ticket, assignable: await processNewTicket(tx, { ...row, ...ticket }, requester, input.body) };
  });
  // Assignment locks the team's row until its transaction commits, so it gets
  // a transaction of its own, after the ticket's: concurrent creations for
  // one team then queue only for the choice of an agent, not for each other's
  // whole creation. If the process dies between the two, the timed jobs'
  // sweep (assignStrandedTickets) assigns the ticket a minute later.
  await db.transaction((tx) => assignFromTeam(tx, assignable));
  return ticket;
}
