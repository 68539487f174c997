import "server-only";
import { and, eq, inArray, isNull, ne } from "drizzle-orm";
import { categories, organizations, teams, tickets, users, type TicketChannel, type TicketPriority, type TicketStatus } from "@/db/schema";
import type { Db, Tx } from "@/db/types";
import { notifyAssigned, notifySolved } from "@/server/email/notifications";
import type { CustomFieldValue } from "@/lib/custom-field-vocabulary";
import { listFieldDefinitions, type FieldDefinition } from "@/server/custom-fields/field-definitions";
import { missingAfterChange, requiredFieldRefusal } from "@/server/custom-fields/required-fields";
import { customValueEvents } from "@/server/custom-fields/ticket-custom-values";
import { validateCustomValues } from "@/server/custom-fields/validate-values";
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
  /** Custom field values by key (or id); null clears one. */
  customFields?: Record<string, CustomFieldValue | null>;
}

/** A refusal of one ticket's change, with the few words a bulk result lists it under ("closed"). */
class ChangeRefused extends AppError {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super("INVALID", message);
  }
}

const statusWords = (status: TicketStatus) => status.replace("_", " ");

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
 * single-ticket editor, bulk edits and undo. Returns, as `previous`, the
 * values the changed fields had, which is what an undo puts back.
 *
 * An undo may also take a status back along a move the agent could have
 * made forwards (solved → pending after "pending → solved"): it gives no
 * power the agent lacked, and a real undo of a solve needs it. Undo sends no
 * notification emails: those of the change it takes back are already out.
 */
export async function applyTicketChanges(tx: Tx, actor: SessionUser, ticket: LockedTicket, changes: TicketPropertyChanges, now: Date, options: { undo?: boolean } = {}) {
  await checkReferences(tx, changes);
  const events: TicketChange[] = [];
  const set: Partial<typeof tickets.$inferInsert> = {};
  const previous: TicketPropertyChanges = {};

  if (changes.status !== undefined && changes.status !== ticket.status) {
    const allowed = canTransition(ticket.status, changes.status, "agent") || (options.undo && canTransition(changes.status, ticket.status, "agent"));
    if (!allowed) {
      const words = `cannot go from ${statusWords(ticket.status)} to ${statusWords(changes.status)}`;
      throw new ChangeRefused(ticket.status === "closed" ? "closed" : words, `Ticket #${ticket.number} ${words}.`);
    }
    set.status = changes.status;
    previous.status = ticket.status;
    Object.assign(set, resolutionTimestamps(ticket.status, changes.status, now));
    events.push({ field: "status", from: ticket.status, to: changes.status });
  }
  if (changes.priority !== undefined && changes.priority !== ticket.priority) {
    set.priority = changes.priority;
    previous.priority = ticket.priority;
    events.push({ field: "priority", from: ticket.priority, to: changes.priority });
  }
  if (changes.channel !== undefined && changes.channel !== ticket.channel) {
    set.channel = changes.channel;
    previous.channel = ticket.channel;
    events.push({ field: "channel", from: ticket.channel, to: changes.channel });
  }
  for (const field of ["categoryId", "teamId", "assigneeId", "organizationId"] as const) {
    const value = changes[field];
    if (value !== undefined && value !== ticket[field]) {
      set[field] = value;
      previous[field] = ticket[field];
      events.push({ field: field.replace(/Id$/, ""), from: ticket[field], to: value });
    }
  }
  if (changes.tags !== undefined || changes.addTags !== undefined) {
    const tags = normalizeTags([...(changes.tags ?? ticket.tags), ...(changes.addTags ?? [])]);
    if (tags.join(",") !== ticket.tags.join(",")) {
      set.tags = tags;
      previous.tags = ticket.tags;
      events.push({ field: "tags", from: ticket.tags.join(", ") || null, to: tags.join(", ") || null });
    }
  }
  // Field definitions are read only when a change needs them (a custom value, or a solve).
  let fields: FieldDefinition[] | null = null;
  const ticketFields = async () => (fields ??= await listFieldDefinitions(tx, "ticket"));
  if (changes.customFields !== undefined && Object.keys(changes.customFields).length > 0) {
    const validated = validateCustomValues(await ticketFields(), changes.customFields, { viewer: actor, current: ticket.customValues });
    if (validated.changes.length > 0) {
      set.customValues = validated.values;
      previous.customFields = Object.fromEntries(validated.changes.map((change) => [change.field.key, change.from]));
      events.push(...customValueEvents(validated.changes));
    }
  }
  const after = { status: set.status ?? ticket.status, values: set.customValues ?? ticket.customValues };
  if (after.status === "solved" && (set.status !== undefined || set.customValues !== undefined)) {
    const before = { status: ticket.status, values: ticket.customValues };
    const missing = missingAfterChange(await ticketFields(), before, after);
    if (missing.length > 0) {
      const refusal = requiredFieldRefusal(ticket.number, missing, before);
      throw new ChangeRefused(refusal.reason, refusal.message);
    }
  }
  if (ticket.status === "closed" && events.length > 0) {
    throw new ChangeRefused("closed", `Ticket #${ticket.number} is closed and can no longer change.`);
  }
  if (events.length === 0) return { changed: false, version: ticket.version, previous };
  const [row] = await tx
    .update(tickets)
    .set({ ...set, ...touch(now) })
    .where(eq(tickets.id, ticket.id))
    .returning({ version: tickets.version });
  await recordEvents(tx, ticket.id, actor.id, events, now);
  const version = row?.version ?? ticket.version + 1;
  if (set.assigneeId && !options.undo) await notifyAssigned(tx, ticket.id, actor, version);
  if (set.status === "solved" && !options.undo) await notifySolved(tx, ticket.id, version);
  return { changed: true, version: await afterTicketUpdate(tx, ticket.id, version, now), previous };
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
    const { changed, version } = await applyTicketChanges(tx, actor, ticket, input.changes, new Date());
    return { changed, version };
  });
}

/** What puts one ticket back: the values it had, on the version the change left it at. */
export interface TicketUndo {
  number: number;
  version: number;
  changes: TicketPropertyChanges;
}

export interface BulkResult {
  updated: number[];
  unchanged: number[];
  skipped: { number: number; reason: string }[];
  /** One entry per updated ticket, for an Undo (undoTicketChanges). */
  undo: TicketUndo[];
}

/**
 * The same changes on many tickets at once, in one transaction. A ticket the
 * change cannot apply to (a closed one, a forbidden status move, a retired
 * field that holds a value, a required field a solved ticket needs) is
 * skipped with its reason; bad references, and custom values no ticket could
 * take (an unknown field, a value its type refuses), refuse the whole batch
 * before anything is written, with the error at the field.
 */
export async function bulkUpdateTickets(db: Db, actor: SessionUser, input: { numbers: number[]; changes: TicketPropertyChanges }): Promise<BulkResult> {
  return db.transaction(async (tx) => {
    await checkReferences(tx, input.changes);
    // Checked on an empty ticket: what depends on a ticket's own values is each ticket's own check below.
    if (input.changes.customFields) validateCustomValues(await listFieldDefinitions(tx, "ticket"), input.changes.customFields, { viewer: actor });
    const result: BulkResult = { updated: [], unchanged: [], skipped: [], undo: [] };
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
        if (!outcome.changed) {
          result.unchanged.push(number);
          continue;
        }
        result.updated.push(number);
        result.undo.push({ number, version: outcome.version, changes: outcome.previous });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        result.skipped.push({ number, reason: error instanceof ChangeRefused ? error.reason : error.message });
      }
    }
    return result;
  });
}

export interface UndoResult {
  /** Each ticket put back, with the version it is at now. */
  restored: { number: number; version: number }[];
  /** Tickets left as they are, and why ("changed since"). */
  notRestored: { number: number; reason: string }[];
  /** What an undo cannot take back: emails the change already sent. */
  notes: string[];
}

/**
 * Puts tickets back to the values a change replaced, through the same path
 * as any edit (events, automations, SLA), each on the version the change
 * left it at: a ticket someone has changed since is left alone, never
 * overwritten, and said so. One transaction; each ticket stands alone.
 */
export async function undoTicketChanges(db: Db, actor: SessionUser, input: { items: TicketUndo[] }): Promise<UndoResult> {
  return db.transaction(async (tx) => {
    const result: UndoResult = { restored: [], notRestored: [], notes: [] };
    const now = new Date();
    const notified = new Map<string, number[]>();
    for (const item of [...input.items].sort((a, b) => a.number - b.number)) {
      try {
        const ticket = await lockVisibleTicket(tx, actor, item.number, item.version);
        const outcome = await applyTicketChanges(tx, actor, ticket, item.changes, now, { undo: true });
        result.restored.push({ number: item.number, version: outcome.version });
        if (outcome.previous.status === "solved") result.notes.push(`The requester of #${item.number} was already emailed that it was solved.`);
        if (outcome.previous.assigneeId && outcome.previous.assigneeId !== actor.id) {
          notified.set(outcome.previous.assigneeId, [...(notified.get(outcome.previous.assigneeId) ?? []), item.number]);
        }
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        const reason = error.code === "CONFLICT" ? "changed since" : error instanceof ChangeRefused ? error.reason : error.message;
        result.notRestored.push({ number: item.number, reason });
      }
    }
    if (notified.size > 0) {
      const agents = await tx.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, [...notified.keys()]));
      for (const agent of agents) {
        const numbers = (notified.get(agent.id) ?? []).map((n) => `#${n}`).join(", ");
        result.notes.push(`${agent.name} was already emailed about being assigned ${numbers}.`);
      }
    }
    return result;
  });
}
