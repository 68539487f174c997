/**
 * Runs the admin's automation rules on one ticket, inside the caller's
 * transaction, after the ticket was created or updated. The caller runs
 * auto-assignment and the SLA clocks afterwards, so they see what rules set.
 *
 * Loop guard: rules run in one pass, in position order, and each rule fires at
 * most once per ticket (automation_runs). What a rule's actions change is seen
 * by the rules after it in the same pass, but never starts another pass, and a
 * rule that already fired is skipped from then on, even when a later change
 * makes it match again. So no chain of rules can loop, however they are written.
 */
import "server-only";
import { and, asc, desc, eq, isNull, notExists, sql } from "drizzle-orm";
import {
  automationRules,
  automationRuns,
  categories,
  messages,
  teams,
  tickets,
  ticketPriorities,
  users,
} from "@/db/schema";
import type { DbOrTx } from "@/db/types";
import { notifyAssigned } from "@/server/email/notifications";
import { publishTicketActivity } from "@/server/events/ticket-activity";
import { recordEvents, type TicketChange } from "@/server/tickets/ticket-events";
import { normalizeTags } from "@/server/tickets/tags";
import { listFieldDefinitions, type FieldDefinition } from "@/server/custom-fields/field-definitions";
import { fieldLabels, missingAfterChange, type SolveState } from "@/server/custom-fields/required-fields";
import { customValueEvents } from "@/server/custom-fields/ticket-custom-values";
import { planCustomFieldAction } from "./custom-field-rules";
import { conditionsHold, needsBody, needsTicketFields, type TicketFacts } from "./match-conditions";
import { isRecordId } from "@/lib/rule-vocabulary";

export type AutomationTrigger = "create" | "update";

export interface FiredRule {
  ruleId: string;
  name: string;
}

type Rule = Pick<typeof automationRules.$inferSelect, "id" | "name" | "matchAll" | "conditions" | "actions">;

async function pendingRules(tx: DbOrTx, ticketId: string, trigger: AutomationTrigger): Promise<Rule[]> {
  const alreadyRan = tx
    .select({ one: sql`1` })
    .from(automationRuns)
    .where(and(eq(automationRuns.ruleId, automationRules.id), eq(automationRuns.ticketId, ticketId)));
  return tx
    .select({
      id: automationRules.id,
      name: automationRules.name,
      matchAll: automationRules.matchAll,
      conditions: automationRules.conditions,
      actions: automationRules.actions,
    })
    .from(automationRules)
    .where(
      and(
        eq(automationRules.active, true),
        trigger === "create" ? eq(automationRules.runOnCreate, true) : eq(automationRules.runOnUpdate, true),
        notExists(alreadyRan),
      ),
    )
    .orderBy(asc(automationRules.position), asc(automationRules.id));
}

/** The ticket as the rules see it, locked (the caller normally holds the lock already). */
async function loadTicket(tx: DbOrTx, ticketId: string) {
  const [ticket] = await tx
    .select({
      id: tickets.id,
      status: tickets.status,
      subject: tickets.subject,
      channel: tickets.channel,
      priority: tickets.priority,
      categoryId: tickets.categoryId,
      organizationId: tickets.organizationId,
      teamId: tickets.teamId,
      assigneeId: tickets.assigneeId,
      tags: tickets.tags,
      customValues: tickets.customValues,
      requesterEmail: users.email,
    })
    .from(tickets)
    .innerJoin(users, eq(users.id, tickets.requesterId))
    .where(eq(tickets.id, ticketId))
    .for("update", { of: tickets });
  return ticket ?? null;
}

/** The ticket as rules see and change it. */
export type RuleTicket = NonNullable<Awaited<ReturnType<typeof loadTicket>>>;

/** On creation the first message; on an update the newest public one (what the requester or an agent just wrote). */
async function bodyFor(tx: DbOrTx, ticketId: string, trigger: AutomationTrigger): Promise<string> {
  const [message] =
    trigger === "create"
      ? await tx.select({ body: messages.body }).from(messages).where(eq(messages.ticketId, ticketId)).orderBy(asc(messages.createdAt), asc(messages.id)).limit(1)
      : await tx
          .select({ body: messages.body })
          .from(messages)
          .where(and(eq(messages.ticketId, ticketId), eq(messages.kind, "public")))
          .orderBy(desc(messages.createdAt), desc(messages.id))
          .limit(1);
  return message?.body ?? "";
}

/**
 * Claims the rule for this ticket. The rule row is key-share locked first, so
 * a rule deleted meanwhile is skipped instead of failing the caller's
 * transaction on the foreign key; a concurrent transaction that already
 * claimed it makes the insert a no-op.
 */
async function claimRun(tx: DbOrTx, ruleId: string, ticketId: string, now: Date): Promise<boolean> {
  const [rule] = await tx.select({ id: automationRules.id }).from(automationRules).where(eq(automationRules.id, ruleId)).for("key share");
  if (!rule) return false;
  const inserted = await tx
    .insert(automationRuns)
    .values({ ruleId, ticketId, ranAt: now })
    .onConflictDoNothing()
    .returning({ ruleId: automationRuns.ruleId });
  return inserted.length > 0;
}

const solveState = (ticket: RuleTicket): SolveState => ({ status: ticket.status, values: ticket.customValues });

interface RuleOutcome {
  set: Partial<typeof tickets.$inferInsert>;
  events: TicketChange[];
  notes: string[];
}

/**
 * Works out what one fired rule changes. Actions apply in order on a working
 * copy, so two actions of one rule compose; a target that no longer exists
 * (or an agent who was disabled), or a value that would leave a solved
 * ticket without a field required to solve it (missingAfterChange, the rule
 * every door follows), skips that action, with an "automation" event saying
 * so, and never fails the caller.
 */
async function planActions(tx: DbOrTx, rule: Rule, ticket: RuleTicket, ticketFields: readonly FieldDefinition[]): Promise<RuleOutcome> {
  const detail = `automation "${rule.name}"`;
  const current = { ...ticket };
  const outcome: RuleOutcome = { set: {}, events: [], notes: [] };
  const skip = (what: string) => outcome.events.push({ field: "automation", detail: `${detail}: ${what}` });
  const change = <K extends "categoryId" | "teamId" | "assigneeId">(key: K, field: string, value: string) => {
    if (current[key] === value) return;
    outcome.events.push({ field, from: current[key], to: value, detail });
    current[key] = value;
    outcome.set[key] = value;
  };

  for (const action of rule.actions) {
    const value = action.value.trim();
    switch (action.type) {
      case "set_category": {
        const [category] = isRecordId(value)
          ? await tx
              .select({ id: categories.id })
              .from(categories)
              .where(and(eq(categories.id, value), isNull(categories.archivedAt)))
          : [];
        if (category) change("categoryId", "category", category.id);
        else skip("category not set, it is archived or no longer exists");
        break;
      }
      case "set_team": {
        const [team] = isRecordId(value) ? await tx.select({ id: teams.id }).from(teams).where(eq(teams.id, value)) : [];
        if (team) change("teamId", "team", team.id);
        else skip("team not set, it no longer exists");
        break;
      }
      case "set_assignee": {
        const [agent] = isRecordId(value)
          ? await tx.select({ id: users.id, name: users.name, role: users.role, disabledAt: users.disabledAt }).from(users).where(eq(users.id, value))
          : [];
        if (!agent || agent.role === "customer") skip("not assigned, that person is no longer an agent");
        else if (agent.disabledAt) skip(`not assigned, ${agent.name} is disabled`);
        else change("assigneeId", "assignee", agent.id);
        break;
      }
      case "set_priority": {
        const priority = ticketPriorities.find((p) => p === value);
        if (priority && priority !== current.priority) {
          outcome.events.push({ field: "priority", from: current.priority, to: priority, detail });
          current.priority = priority;
          outcome.set.priority = priority;
        }
        break;
      }
      case "add_tags": {
        const tags = normalizeTags([...current.tags, ...value.split(",")]);
        if (tags.join(",") !== current.tags.join(",")) {
          outcome.events.push({ field: "tags", from: current.tags.join(", ") || null, to: tags.join(", "), detail });
          current.tags = tags;
          outcome.set.tags = tags;
        }
        break;
      }
      case "add_internal_note":
        if (value) outcome.notes.push(action.value);
        break;
      case "set_custom_field": {
        const planned = planCustomFieldAction(ticketFields, action, current.customValues);
        const emptied = planned.ok ? missingAfterChange(ticketFields, solveState(current), { status: current.status, values: planned.result.values }) : [];
        if (!planned.ok) skip(planned.reason);
        else if (emptied.length > 0) skip(`${fieldLabels(emptied)} not changed, the ticket is solved and needs it filled in`);
        else if (planned.result.changes.length > 0) {
          outcome.events.push(...customValueEvents(planned.result.changes).map((event) => ({ ...event, detail })));
          current.customValues = planned.result.values;
          outcome.set.customValues = planned.result.values;
        }
        break;
      }
    }
  }
  return outcome;
}

/** Writes what a fired rule changed: notes, the row (one version bump), its events and the assignment email. */
async function applyOutcome(tx: DbOrTx, ticketId: string, outcome: RuleOutcome, now: Date): Promise<boolean> {
  const changed = Object.keys(outcome.set).length > 0 || outcome.notes.length > 0;
  if (outcome.notes.length > 0) {
    const notes = await tx
      .insert(messages)
      .values(outcome.notes.map((body) => ({ ticketId, authorId: null, kind: "internal" as const, body, createdAt: now })))
      .returning({ id: messages.id, body: messages.body });
    for (const note of notes) {
      await publishTicketActivity(tx, { type: "message_added", ticketId, message: { ...note, authorId: null, kind: "internal", createdAt: now } });
    }
  }
  let version: number | null = null;
  if (changed) {
    const [row] = await tx
      .update(tickets)
      .set({ ...outcome.set, updatedAt: now, version: sql`${tickets.version} + 1` })
      .where(eq(tickets.id, ticketId))
      .returning({ version: tickets.version });
    version = row?.version ?? null;
  }
  await recordEvents(tx, ticketId, null, outcome.events, now);
  if (outcome.set.assigneeId && version !== null) await notifyAssigned(tx, ticketId, null, version);
  return changed;
}

/**
 * Fires the active rules for `trigger` whose conditions hold, in order, and
 * returns those that fired. With no pending rules it costs one query. It never
 * throws for a rule's sake: an action whose target is gone is skipped.
 */
export async function runAutomations(tx: DbOrTx, input: { ticketId: string; trigger: AutomationTrigger }): Promise<FiredRule[]> {
  const rules = await pendingRules(tx, input.ticketId, input.trigger);
  if (rules.length === 0) return [];
  const ticket = await loadTicket(tx, input.ticketId);
  // A closed ticket can no longer change (as for agents).
  if (!ticket || ticket.status === "closed") return [];
  // The message a rule reads does not change while rules run (notes are internal).
  const body = rules.some((rule) => needsBody(rule.conditions)) ? await bodyFor(tx, input.ticketId, input.trigger) : "";
  return (await fireRules(tx, rules, ticket, body)).fired;
}

/**
 * The "create" rules for a ticket inserted in this transaction, from what its
 * creator knows: the row and its first message need not be read back, and no
 * one else can see the row yet, so it needs no lock. Returns the ticket as the
 * rules left it, for what runs after them (SLA, assignment).
 */
export async function runAutomationsOnNewTicket(tx: DbOrTx, ticket: RuleTicket, body: string): Promise<RuleTicket> {
  const rules = await pendingRules(tx, ticket.id, "create");
  if (rules.length === 0) return ticket;
  return (await fireRules(tx, rules, ticket, body)).ticket;
}

async function fireRules(tx: DbOrTx, rules: Rule[], loaded: RuleTicket, body: string): Promise<{ fired: FiredRule[]; ticket: RuleTicket }> {
  let ticket = loaded;
  const now = new Date();
  const fired: FiredRule[] = [];
  // Read once per pass, and only when a rule names a custom field: most passes need no extra query.
  const ticketFields = rules.some(needsTicketFields) ? await listFieldDefinitions(tx, "ticket") : [];
  for (const rule of rules) {
    const facts: TicketFacts = { ...ticket, body, ticketFields };
    if (!conditionsHold(rule.conditions, rule.matchAll, facts)) continue;
    if (!(await claimRun(tx, rule.id, ticket.id, now))) continue;
    fired.push({ ruleId: rule.id, name: rule.name });
    const outcome = await planActions(tx, rule, ticket, ticketFields);
    if (await applyOutcome(tx, ticket.id, outcome, now)) {
      // Later rules see this rule's changes.
      ticket = (await loadTicket(tx, ticket.id)) ?? ticket;
    }
  }
  return { fired, ticket };
}
