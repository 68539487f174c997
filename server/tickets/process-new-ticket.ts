import "server-only";
import type { TicketChannel, TicketPriority } from "@/db/schema";
import type { CustomFieldValues } from "@/lib/custom-field-vocabulary";
import type { DbOrTx } from "@/db/types";
import type { AssignableTicket } from "@/server/assignment/auto-assign";
import { runAutomationsOnNewTicket } from "@/server/automations/run-automations";
import { notifyTicketReceived } from "@/server/email/notifications";
import { startTicketSla } from "@/server/sla/ticket-sla";
import type { SessionUser } from "@/server/users/session-user";

/** A ticket just inserted in this transaction, as its creator wrote it. */
export interface NewTicketRow {
  id: string;
  number: number;
  subject: string;
  priority: TicketPriority;
  channel: TicketChannel;
  categoryId: string | null;
  organizationId: string | null;
  teamId: string | null;
  /** What the creator filled in (rules may look at it and change it). */
  customValues: CustomFieldValues;
  createdAt: Date;
}

/**
 * What every new ticket goes through once its row, first message and
 * creation events are written, in the same transaction: the received email,
 * the "create" automation rules and the SLA clocks. Rules come first, as they
 * may set the team and priority the others follow. Returns the ticket as the
 * rules left it, for automatic assignment (assignFromTeam), which the caller
 * runs last: it locks the team's row until commit.
 *
 * Each step is given what the creator already knows (the row, the requester,
 * the first message), so none of them reads the new ticket back.
 */
export async function processNewTicket(tx: DbOrTx, ticket: NewTicketRow, requester: SessionUser, body: string): Promise<AssignableTicket> {
  await notifyTicketReceived(tx, { ...ticket, requesterName: requester.name, requesterEmail: requester.email }, body, requester.organizationId);
  const ruled = await runAutomationsOnNewTicket(
    tx,
    { ...ticket, status: "new", assigneeId: null, tags: [], requesterEmail: requester.email },
    body,
  );
  await startTicketSla(tx, { ...ruled, createdAt: ticket.createdAt }, ticket.createdAt);
  return { ...ruled, number: ticket.number, requesterName: requester.name };
}
