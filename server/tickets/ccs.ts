import "server-only";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { ticketCcs, tickets, users } from "@/db/schema";
import type { Db, DbOrTx, Tx } from "@/db/types";
import type { EmailAddress } from "@/server/email/inbound/parse-email";
import { isEmailAddress } from "@/server/email/inbound/parse-email";
import { isOurAddress, loadOurAddresses } from "@/server/email/mailboxes/our-addresses";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import { getSettings } from "@/server/settings/settings";
import { findOrCreateCustomer } from "@/server/users/find-or-create-customer";
import { isStaff, type SessionUser } from "@/server/users/session-user";
import { lockVisibleTicket } from "./lock-ticket";
import { recordEvents } from "./ticket-events";
import { listTicketCcs, type TicketCc } from "./ticket-people";

/**
 * THE rules for who is copied on a ticket (ticket_ccs), for every door:
 * inbound email, the desk, the REST API, and the outbound mail that copies
 * them. A CC is always a customer account: they see the ticket in the portal
 * (ticket-scope.ts), get its public replies in Cc, and may answer by email or
 * in the portal as themselves.
 *
 * - Never one of our own addresses (SUPPORT_EMAIL, any mailbox, any +tag):
 *   copying ourselves is how reply-all loops start.
 * - Never the requester (they get the mail To), never staff: an agent copied
 *   on a customer's email is not made a CC (CCs are a customer-side audience,
 *   and staff mail must prove itself, staff-mail.ts); staff follow tickets
 *   instead (followers.ts). Never a disabled account.
 * - Inbound email follows the admin's cc_policy: "off" adds nobody;
 *   "organization" only people who already have an account in the ticket's
 *   organization; "anyone" anyone, creating a customer account for a new
 *   address as ingest does for a new requester.
 * - Agents (desk, REST) may always add and remove CCs, whatever the policy:
 *   the policy guards against strangers widening a ticket's audience by
 *   email, not against the team's own decisions.
 *
 * Each change is one "cc" event with the list before and after (as tags
 * are), so the timeline, the live stream and webhooks see it.
 */

export const maxCcsPerTicket = 20;

type CcTicket = { id: string; number: number; requesterId: string; organizationId: string | null };

interface CandidateUser {
  id: string;
  email: string;
  role: SessionUser["role"];
  organizationId: string | null;
  disabled: boolean;
}

/** Daemons and no-reply senders never read what we would copy them on. */
const unreachableLocalPart = /^(mailer-daemon|postmaster|(no|do[-_.]?not)[-_.]?reply([-_.+].*)?)$/i;

function unreachable(address: string): boolean {
  return unreachableLocalPart.test(address.slice(0, address.lastIndexOf("@")));
}

async function usersByEmail(db: DbOrTx, emails: readonly string[]): Promise<Map<string, CandidateUser>> {
  if (emails.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, email: users.email, role: users.role, organizationId: users.organizationId, disabledAt: users.disabledAt })
    .from(users)
    .where(inArray(users.email, [...emails]));
  return new Map(rows.map(({ disabledAt, ...row }) => [row.email, { ...row, disabled: disabledAt !== null }]));
}

const listed = (ccs: TicketCc[]) => (ccs.length ? ccs.map((cc) => cc.email).join(", ") : null);

/** Adds and removes CC rows and records one "cc" event when the list changed. */
async function changeCcs(
  tx: DbOrTx,
  ticket: CcTicket,
  actorId: string | null,
  change: { add?: string[]; remove?: string[]; detail?: string },
): Promise<{ before: TicketCc[]; after: TicketCc[] }> {
  const before = await listTicketCcs(tx, ticket.id);
  const add = [...new Set(change.add ?? [])].filter((id) => !before.some((cc) => cc.id === id));
  if (before.length + add.length - (change.remove?.length ?? 0) > maxCcsPerTicket) {
    throw new AppError("INVALID", `A ticket can copy at most ${maxCcsPerTicket} people.`);
  }
  if (add.length) await tx.insert(ticketCcs).values(add.map((userId) => ({ ticketId: ticket.id, userId, addedById: actorId }))).onConflictDoNothing();
  if (change.remove?.length) await tx.delete(ticketCcs).where(and(eq(ticketCcs.ticketId, ticket.id), inArray(ticketCcs.userId, change.remove)));
  const after = add.length || change.remove?.length ? await listTicketCcs(tx, ticket.id) : before;
  if (listed(before) !== listed(after)) {
    await recordEvents(tx, ticket.id, actorId, [{ field: "cc", from: listed(before), to: listed(after), detail: change.detail }]);
  }
  return { before, after };
}

/**
 * Copies on the ticket the people an inbound email was written to (To and
 * Cc besides us), as the admin's cc_policy allows. Called by ingest for a new
 * ticket and for a reply, in its transaction; returns the addresses that
 * became CCs.
 */
export async function addCopiedPeople(
  tx: DbOrTx,
  ticketNumber: number,
  sender: Pick<SessionUser, "id">,
  copied: readonly EmailAddress[],
  ourAddresses: readonly string[],
): Promise<string[]> {
  if (copied.length === 0) return [];
  const { ccPolicy } = await getSettings(tx);
  if (ccPolicy === "off") return [];
  const [ticket] = await tx
    .select({ id: tickets.id, number: tickets.number, requesterId: tickets.requesterId, organizationId: tickets.organizationId })
    .from(tickets)
    .where(eq(tickets.number, ticketNumber));
  if (!ticket) return [];
  const candidates = copied.filter((person) => !isOurAddress(person.address, ourAddresses) && !unreachable(person.address));
  const known = await usersByEmail(
    tx,
    candidates.map((person) => person.address),
  );
  const chosen: string[] = [];
  for (const person of candidates) {
    const user = known.get(person.address);
    if (user) {
      if (user.disabled || isStaff(user) || user.id === ticket.requesterId || user.id === sender.id) continue;
      if (ccPolicy === "organization" && (ticket.organizationId === null || user.organizationId !== ticket.organizationId)) continue;
      chosen.push(user.id);
    } else if (ccPolicy === "anyone") {
      const created = await findOrCreateCustomer(tx, { email: person.address, name: person.name });
      if (!created.disabled) chosen.push(created.id);
    }
  }
  if (chosen.length === 0) return [];
  const room = maxCcsPerTicket - (await listTicketCcs(tx, ticket.id)).length;
  const { before, after } = await changeCcs(tx, ticket, sender.id, { add: chosen.slice(0, Math.max(room, 0)), detail: "copied on an email" });
  return after.filter((cc) => !before.some((earlier) => earlier.id === cc.id)).map((cc) => cc.email);
}

/** Why an agent may not copy this address, or the account to copy (found or created as a customer). */
async function ccAccountFor(tx: DbOrTx, ticket: CcTicket, person: { email: string; name?: string | null }, ourAddresses: readonly string[]): Promise<string> {
  const email = person.email.trim().toLowerCase();
  if (!isEmailAddress(email)) throw new AppError("INVALID", `“${person.email}” is not an email address.`);
  if (isOurAddress(email, ourAddresses)) throw new AppError("INVALID", `${email} is one of our own addresses: copying it would loop mail back to us.`);
  const user = (await usersByEmail(tx, [email])).get(email);
  if (user?.disabled) throw new AppError("INVALID", `${email} belongs to a disabled account.`);
  if (user && isStaff(user)) throw new AppError("INVALID", `${email} is on the team: colleagues follow a ticket rather than being copied on it.`);
  if (user?.id === ticket.requesterId) throw new AppError("INVALID", `${email} is the ticket's requester, who gets every reply already.`);
  if (user) return user.id;
  const created = await findOrCreateCustomer(tx, { email, name: person.name });
  if (created.disabled) throw new AppError("INVALID", `${email} belongs to a disabled account.`);
  return created.id;
}

/** An agent copies someone on a ticket by email address (whatever the cc_policy). */
export async function addTicketCc(db: Db, actor: SessionUser, input: { number: number; email: string; name?: string }): Promise<{ ccs: TicketCc[] }> {
  if (!isStaff(actor)) throw new AppError("FORBIDDEN", "Only agents can copy people on a ticket.");
  const ourAddresses = await loadOurAddresses(db, env.SUPPORT_EMAIL);
  return db.transaction(async (tx) => {
    const ticket = await lockVisibleTicket(tx, actor, input.number);
    const userId = await ccAccountFor(tx, ticket, input, ourAddresses);
    return { ccs: (await changeCcs(tx, ticket, actor.id, { add: [userId] })).after };
  });
}

/** An agent removes someone from a ticket's CCs; removing someone not copied changes nothing. */
export async function removeTicketCc(db: Db, actor: SessionUser, input: { number: number; userId: string }): Promise<{ ccs: TicketCc[] }> {
  if (!isStaff(actor)) throw new AppError("FORBIDDEN", "Only agents can change who is copied on a ticket.");
  return db.transaction(async (tx) => {
    const ticket = await lockVisibleTicket(tx, actor, input.number);
    return { ccs: (await changeCcs(tx, ticket, actor.id, { remove: [input.userId] })).after };
  });
}

/**
 * Sets a ticket's CCs (REST PATCH `cc` replaces them, `add_cc` adds), inside
 * the caller's transaction on a ticket it has locked.
 */
export async function changeTicketCcs(
  tx: Tx,
  actor: SessionUser,
  ticket: CcTicket,
  change: { replace?: readonly string[]; add?: readonly string[] },
): Promise<TicketCc[]> {
  if (!isStaff(actor)) throw new AppError("FORBIDDEN", "Only agents can change who is copied on a ticket.");
  const ourAddresses = await loadOurAddresses(tx, env.SUPPORT_EMAIL);
  const wanted = [...(change.replace ?? []), ...(change.add ?? [])];
  const ids: string[] = [];
  for (const email of wanted) ids.push(await ccAccountFor(tx, ticket, { email }, ourAddresses));
  const current = await listTicketCcs(tx, ticket.id);
  const remove = change.replace ? current.filter((cc) => !ids.includes(cc.id)).map((cc) => cc.id) : [];
  return (await changeCcs(tx, ticket, actor.id, { add: ids, remove })).after;
}

/**
 * The addresses a ticket's customer emails copy: its CCs with active
 * accounts, never the requester, never staff, never one of our addresses.
 */
export async function ccAddressesForMail(db: DbOrTx, ticket: { id: string; requesterId: string }, ourAddresses: readonly string[]): Promise<string[]> {
  const rows = await db
    .select({ id: users.id, email: users.email, role: users.role })
    .from(ticketCcs)
    .innerJoin(users, eq(users.id, ticketCcs.userId))
    .where(and(eq(ticketCcs.ticketId, ticket.id), isNull(users.disabledAt)));
  return rows.filter((row) => row.id !== ticket.requesterId && !isStaff(row) && !isOurAddress(row.email, ourAddresses)).map((row) => row.email);
}
