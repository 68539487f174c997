import "server-only";
import { and, eq, inArray, isNull, ne } from "drizzle-orm";
import { categories, organizations, teams, tickets, users, type TicketChannel, type TicketPriority, type TicketStatus } from "@/db/schema";
import type { Db, Tx } from "@/db/types";
import { notifyAssigned, notifySolved } from "@/server/email/notifications";
import { AppError } from "@/server/errors";
import type { SessionUser } from "@/server/users/session-user";
import { runAutomations } from "@/server/automations/run-automations";
import { syncTicketSla } from "@/server/sla/ticket-sla";
import { lockVisibleTicket, touch, type LockedTicket } from "./lock-ticket";
import { canTransition, resolutionTimestamps } from "@/lib/status-machine";
import { normalizeTags } from "./tags";
import { recordEvents, type TicketChange } from "./ticket-events";

export interface TicketPropertyChanges {
  status?: TicketStatus;
  priority?: TicketPriority;
  categoryId?: string | null;
  teamId?: string | null;
  assigneeId?: string | null;
  organizationId?: string | null;
  channel?: TicketChannel;
  tags?: string[];
  /** Tags to add to those the ticket has (bulk edits add, the editor replaces). */
  addTags?: string[];
}

async function checkReferences(tx: Tx, changes: TicketPropertyChanges): Promise<void> {
  if (changes.assigneeId) {
    const [assignee] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, changes.assigneeId), ne(users.role, "customer"), isNull(users.disabledAt)));
    if (!assignee) throw new AppError("INVALID", "Tickets can only be assigned to an active agent.");
  }
  if (changes.teamId) {
    const [team] = await tx.select({ id: teams.id }).from(teams).where(eq(teams.id, changes.teamId));
    if (!team) throw new AppError("INVALID", "That team does not exist.");
  }
  if (changes.organizationId) {
    const [organization] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, changes.organizationId));
    if (!organization) throw new AppError("INVALID", "That organization does not exist.");
  }
  if (changes.categoryId) {
    const [category] = await tx.select({ id: categories.id }).from(categories).where(eq(categories.id, changes.categoryId));
    if (!category) throw new AppError("INVALID", "That category does not exist.");
  }
}

/**
 * Applies property changes to a locked ticket: validates them, writes the
 * row (bumping its version) and one event per changed field. Shared by the
 * single-ticket editor and bulk edits.
 */
export async function applyTicketChanges(tx: Tx, actor: SessionUser, ticket: LockedTicket, changes: TicketPropertyChanges, now: Date) {
  await checkReferences(tx, changes);
  const events: TicketChange[] = [];
  const set: Partial<typeof tickets.$inferInsert> = {};

  if (changes.status !== undefined && changes.status !== ticket.status) {
    if (!canTransition(ticket.status, changes.status, "agent")) {
      throw new AppError("INVALID", `Ticket #${ticket.number} cannot go from ${ticket.status.replace("_", " ")} to ${changes.status.replace("_", " ")}.`);
    }
    set.status = changes.status;
    Object.assign(set, resolutionTimestamps(ticket.status, changes.status, now));
    events.push({ field: "status", from: ticket.status, to: changes.status });
  }
  if (changes.priority !== undefined && changes.priority !== ticket.priority) {
    set.priority = changes.priority;
    events.push({ field: "priority", from: ticket.priority, to: changes.priority });
  }
  if (changes.channel !== undefined && changes.channel !== ticket.channel) {
    set.channel = changes.channel;
    events.push({ field: "channel", from: ticket.channel, to: changes.channel });
  }
  for (const field of ["categoryId", "teamId", "assigneeId", "organizationId"] as const) {
    const value = changes[field];
    if (value !== undefined && value !== ticket[field]) {
      set[field] = value;
      events.push({ field: field.replace(/Id$/, ""), from: ticket[field], to: value });
    }
  }
  if (changes.tags !== undefined || changes.addTags !== undefined) {
    const tags = normalizeTags([...(changes.tags ?? ticket.tags), ...(changes.addTags ?? [])]);
    if (tags.join(",") !== ticket.tags.join(",")) {
      set.tags = tags;
      events.push({ field: "tags", from: ticket.tags.join(", ") || null, to: tags.join(", ") || null });
    }
  }
  if (ticket.status === "closed" && events.length > 0) {
    throw new AppError("INVALID", `Ticket #${ticket.number} is closed and can no longer change.`);
  }
  if (events.length === 0) return { changed: false, version: ticket.version };
  const [row] = await tx
    .update(tickets)
    .set({ ...set, ...touch(now) })
    .where(eq(tickets.id, ticket.id))
    .returning({ version: tickets.version });
  await recordEvents(tx, ticket.id, actor.id, events, now);
  const version = row?.version ?? ticket.version + 1;
  if (set.assigneeId) await notifyAssigned(tx, ticket.id, actor, version);
  if (set.status === "solved") await notifySolved(tx, ticket.id, version);
  return { changed: true, version: await afterTicketUpdate(tx, ticket.id, version, now) };
}

/**
 * What follows every change to a ticket: automation rules for updates, then
 * the SLA clocks. Returns the ticket's version, which rules may have moved on.
 */
export async function afterTicketUpdate(tx: Tx, ticketId: string, version: number, now: Date): Promise<number> {
  const fired = await runAutomations(tx, { ticketId, trigger: "update" });
  await syncTicketSla(tx, ticketId, now);
  if (fired.length === 0) return version;
  const [row] = await tx.select({ version: tickets.version }).from(tickets).where(eq(tickets.id, ticketId));
  return row?.version ?? version;
}

/** An agent edits one ticket's properties, based on the version they read. */
export async function updateTicket(db: Db, actor: SessionUser, input: { number: number; version: number; changes: TicketPropertyChanges }) {
  return db.transaction(async (tx) => {
    const ticket = await lockVisibleTicket(tx, actor, input.number, input.version);
    return applyTicketChanges(tx, actor, ticket, input.changes, new Date());
  });
}

export interface BulkResult {
  updated: number[];
  unchanged: number[];
  skipped: { number: number; reason: string }[];
}

/**
 * The same changes on many tickets at once, in one transaction. A ticket the
 * change cannot apply to (a closed one, a forbidden status move) is skipped
 * with its reason; bad references refuse the whole batch before anything is written.
 */
export async function bulkUpdateTickets(db: Db, actor: SessionUser, input: { numbers: number[]; changes: TicketPropertyChanges }): Promise<BulkResult> {
  return db.transaction(async (tx) => {
    await checkReferences(tx, input.changes);
    const result: BulkResult = { updated: [], unchanged: [], skipped: [] };
    const numbers = [...new Set(input.numbers)].sort((a, b) => a - b);
    const existing = new Set(
      (await tx.select({ number: tickets.number }).from(tickets).where(inArray(tickets.number, numbers))).map((t) => t.number),
    );
    const now = new Date();
    for (const number of numbers) {
      if (!existing.has(number)) {
        result.skipped.push({ number, reason: "not found" });
        continue;
      }
      const ticket = await lockVisibleTicket(tx, actor, number);
      try {
        const outcome = await applyTicketChanges(tx, actor, ticket, input.changes, now);
        (outcome.changed ? result.updated : result.unchanged).push(number);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        result.skipped.push({ number, reason: error.message });
      }
    }
    return result;
  });
}
