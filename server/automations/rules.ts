/**
 * Automation rules as admins manage them: list (with the names of what rules
 * refer to), create, edit, delete, reorder and switch on or off. The shape of
 * each row is checked by the zod inputs; here, that referenced records exist.
 *
 * Order writers (create, move) take one advisory lock, so a new rule always
 * goes last and two moves never interleave; positions are renumbered 0..n-1
 * on each move, which also mends any ties.
 */
import "server-only";
import { and, asc, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import { automationRules, categories, organizations, teams, users, type AutomationAction, type AutomationCondition } from "@/db/schema";
import { single } from "@/db/rows";
import type { DbOrTx } from "@/db/types";
import { AppError } from "@/server/errors";
import { normalizeTags } from "@/server/tickets/tags";
import { actionValueKinds, commaList, conditionValueKind, isRecordId } from "@/lib/rule-vocabulary";
import { listFieldDefinitions } from "@/server/custom-fields/field-definitions";
import { checkCustomFieldRows } from "./custom-field-rules";
import { customFieldRowLabels } from "./custom-field-labels";

// Namespace for the rule-order advisory lock (an arbitrary constant).
const ruleOrderLock = 4_217_002;

export interface AutomationRuleFields {
  name: string;
  runOnCreate: boolean;
  runOnUpdate: boolean;
  matchAll: boolean;
  conditions: AutomationCondition[];
  actions: AutomationAction[];
}

const gone = () => new AppError("NOT_FOUND", "That rule no longer exists. Reload the page.");

async function lockRuleOrder(tx: DbOrTx) {
  await tx.execute(sql`select pg_advisory_xact_lock(${ruleOrderLock}::int, 0)`);
}

/** Rules in the order they run, each condition and action with a readable label for what it refers to. */
export async function listAutomationRules(db: DbOrTx) {
  const [rules, ticketFields] = await Promise.all([
    db.select().from(automationRules).orderBy(asc(automationRules.position), asc(automationRules.id)),
    listFieldDefinitions(db, "ticket"),
  ]);
  // Stored values were checked on save; the filter keeps a bad one from becoming an SQL error.
  const ids = (pick: (rule: (typeof rules)[number]) => string[]) => [...new Set(rules.flatMap(pick))].filter(isRecordId);
  const conditionIds = (field: string) => ids((r) => r.conditions.filter((c) => c.field === field).map((c) => c.value));
  const actionIds = (type: string) => ids((r) => r.actions.filter((a) => a.type === type).map((a) => a.value));
  const categoryIds = [...new Set([...conditionIds("category"), ...actionIds("set_category")])];
  const organizationIds = conditionIds("organization");
  const teamIds = actionIds("set_team");
  const userIds = actionIds("set_assignee");

  const [categoryRows, organizationRows, teamRows, userRows] = await Promise.all([
    categoryIds.length
      ? db.select({ id: categories.id, name: categories.name, archivedAt: categories.archivedAt }).from(categories).where(inArray(categories.id, categoryIds))
      : [],
    organizationIds.length
      ? db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(inArray(organizations.id, organizationIds))
      : [],
    teamIds.length ? db.select({ id: teams.id, name: teams.name }).from(teams).where(inArray(teams.id, teamIds)) : [],
    userIds.length
      ? db.select({ id: users.id, name: users.name, role: users.role, disabledAt: users.disabledAt }).from(users).where(inArray(users.id, userIds))
      : [],
  ]);
  const names = new Map<string, string>([
    ...categoryRows.map((c) => [c.id, c.archivedAt ? `${c.name} (archived)` : c.name] as const),
    ...organizationRows.map((o) => [o.id, o.name] as const),
    ...teamRows.map((t) => [t.id, t.name] as const),
    ...userRows.map((u) => [u.id, u.disabledAt || u.role === "customer" ? `${u.name} (no longer an active agent)` : u.name] as const),
  ]);
  const missing = { category: "a deleted category", organization: "a deleted organization", team: "a deleted team", user: "a deleted user" } as const;

  return rules.map((rule) => ({
    ...rule,
    conditions: rule.conditions.map((condition) => {
      const kind = conditionValueKind(condition.field);
      if (kind === "custom_field") return { ...condition, ...customFieldRowLabels(ticketFields, condition) };
      const label = kind === "category" || kind === "organization" ? (names.get(condition.value) ?? missing[kind]) : null;
      return { ...condition, label, fieldLabel: null };
    }),
    actions: rule.actions.map((action) => {
      const kind = actionValueKinds[action.type];
      if (kind === "custom_field") return { ...action, ...customFieldRowLabels(ticketFields, action) };
      const label = kind === "category" || kind === "team" || kind === "user" ? (names.get(action.value) ?? missing[kind]) : null;
      return { ...action, label, fieldLabel: null };
    }),
  }));
}

export type AutomationRuleView = Awaited<ReturnType<typeof listAutomationRules>>[number];

/** Stored values in one spelling: trimmed, word lists and tags comma-separated, requesters lower-cased. */
function cleanFields(fields: AutomationRuleFields): AutomationRuleFields {
  return {
    ...fields,
    name: fields.name.trim(),
    // The field key is kept on custom-field rows only; their values get their stored spelling in checkReferences.
    conditions: fields.conditions.map(({ field, operator, value, fieldKey }) => {
      const kind = conditionValueKind(field);
      const cleaned = kind === "words" ? commaList(value).join(", ") : kind === "requester" ? value.trim().toLowerCase() : value.trim();
      return kind === "custom_field" ? { field, operator, value: cleaned, fieldKey } : { field, operator, value: cleaned };
    }),
    actions: fields.actions.map(({ type, value, fieldKey }) => {
      const kind = actionValueKinds[type];
      const cleaned = kind === "tags" ? normalizeTags(value.split(",")).join(", ") : kind === "note" ? value : value.trim();
      return kind === "custom_field" ? { type, value: cleaned, fieldKey } : { type, value: cleaned };
    }),
  };
}

/**
 * Refuses rows that refer to records that do not exist (or, for set_category, an archived category), naming the row,
 * and returns the rule with its custom-field values as the field types store them.
 */
async function checkReferences(tx: DbOrTx, fields: AutomationRuleFields): Promise<AutomationRuleFields> {
  for (const [index, condition] of fields.conditions.entries()) {
    const kind = conditionValueKind(condition.field);
    if (kind === "category") {
      const [category] = await tx.select({ id: categories.id }).from(categories).where(eq(categories.id, condition.value));
      if (!category) throw new AppError("INVALID", `Condition ${index + 1}: that category no longer exists. Choose another.`);
    } else if (kind === "organization") {
      const [organization] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, condition.value));
      if (!organization) throw new AppError("INVALID", `Condition ${index + 1}: that organization no longer exists. Choose another.`);
    }
  }
  for (const [index, action] of fields.actions.entries()) {
    const kind = actionValueKinds[action.type];
    if (kind === "category") {
      const [category] = await tx.select({ archivedAt: categories.archivedAt }).from(categories).where(eq(categories.id, action.value));
      if (!category) throw new AppError("INVALID", `Action ${index + 1}: that category no longer exists. Choose another.`);
      if (category.archivedAt) throw new AppError("INVALID", `Action ${index + 1}: that category is archived. Choose one in use.`);
    } else if (kind === "team") {
      const [team] = await tx.select({ id: teams.id }).from(teams).where(eq(teams.id, action.value));
      if (!team) throw new AppError("INVALID", `Action ${index + 1}: that team no longer exists. Choose another.`);
    } else if (kind === "user") {
      const [agent] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.id, action.value), ne(users.role, "customer"), isNull(users.disabledAt)));
      if (!agent) throw new AppError("INVALID", `Action ${index + 1}: tickets can only be assigned to an active agent.`);
    }
  }
  if (![...fields.conditions, ...fields.actions].some((row) => row.fieldKey !== undefined)) return fields;
  return { ...fields, ...checkCustomFieldRows(await listFieldDefinitions(tx, "ticket"), fields) };
}

/** A new rule goes last, switched on. */
export async function createAutomationRule(db: DbOrTx, input: AutomationRuleFields) {
  const cleaned = cleanFields(input);
  return db.transaction(async (tx) => {
    const fields = await checkReferences(tx, cleaned);
    await lockRuleOrder(tx);
    const [last] = await tx.select({ position: sql<number>`coalesce(max(${automationRules.position}), -1)::int` }).from(automationRules);
    return single(await tx.insert(automationRules).values({ ...fields, position: (last?.position ?? -1) + 1 }).returning(), "automation rule");
  });
}

/** Edits a rule in place. Tickets it already fired on are not run again (a rule fires once per ticket). */
export async function updateAutomationRule(db: DbOrTx, input: AutomationRuleFields & { id: string }) {
  const { id, ...rest } = input;
  const cleaned = cleanFields(rest);
  return db.transaction(async (tx) => {
    const fields = await checkReferences(tx, cleaned);
    const [updated] = await tx
      .update(automationRules)
      .set({ ...fields, updatedAt: new Date() })
      .where(eq(automationRules.id, id))
      .returning();
    if (!updated) throw gone();
    return updated;
  });
}

export async function setAutomationRuleActive(db: DbOrTx, input: { id: string; active: boolean }) {
  const [updated] = await db
    .update(automationRules)
    .set({ active: input.active, updatedAt: new Date() })
    .where(eq(automationRules.id, input.id))
    .returning({ id: automationRules.id, active: automationRules.active });
  if (!updated) throw gone();
  return updated;
}

export async function deleteAutomationRule(db: DbOrTx, input: { id: string }) {
  const deleted = await db.delete(automationRules).where(eq(automationRules.id, input.id)).returning({ id: automationRules.id });
  if (deleted.length === 0) throw gone();
  return { id: input.id };
}

/** Moves a rule one place up or down (it then runs before or after its neighbour); at either end it stays put. */
export async function moveAutomationRule(db: DbOrTx, input: { id: string; direction: "up" | "down" }) {
  return db.transaction(async (tx) => {
    await lockRuleOrder(tx);
    const order = await tx
      .select({ id: automationRules.id, position: automationRules.position })
      .from(automationRules)
      .orderBy(asc(automationRules.position), asc(automationRules.id));
    const from = order.findIndex((rule) => rule.id === input.id);
    if (from === -1) throw gone();
    const to = input.direction === "up" ? from - 1 : from + 1;
    if (to < 0 || to >= order.length) return { id: input.id, moved: false };
    const ids = order.map((rule) => rule.id);
    ids.splice(to, 0, ...ids.splice(from, 1));
    const before = new Map(order.map((rule) => [rule.id, rule.position]));
    for (const [position, id] of ids.entries()) {
      if (before.get(id) !== position) await tx.update(automationRules).set({ position }).where(eq(automationRules.id, id));
    }
    return { id: input.id, moved: true };
  });
}
