/**
 * Automation rules: the engine (each condition field and operator, all/any,
 * ordering, once per ticket, triggers, each action with its history, version
 * and email) called directly in a transaction, and rule management through
 * the admin tRPC procedures (validation that writes nothing, moves).
 *
 * Tests may share one PostgreSQL database with other files, and the engine
 * reads every active rule: each rule made here has an "is" condition on a
 * category or organization this test created (with "any", every condition
 * does), so it can never fire on another test's tickets.
 */
import { TRPCError } from "@trpc/server";
import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  automationRules,
  automationRuns,
  categories,
  messages,
  outbox,
  slaPolicies,
  teamMembers,
  teams,
  ticketEvents,
  tickets,
  ticketSlas,
  users,
  type AutomationAction,
  type AutomationCondition,
  type TicketChannel,
  type TicketPriority,
} from "@/db/schema";
import { single } from "@/db/rows";
import { containsPhrase } from "@/server/automations/match-conditions";
import { runAutomations, type AutomationTrigger } from "@/server/automations/run-automations";
import { syncTicketSla } from "@/server/sla/ticket-sla";
import type { SessionUser } from "@/server/users/session-user";
import { callerFor, createCategory, createOrganization, createUser, unique } from "../support/factories";
import { codeOf } from "../support/trpc-errors";
import { onPostgres, useTestDatabase } from "../support/test-db";

/** How a call failed: the code, the message, and (for input errors) the fields and their messages as the form gets them. */
async function failureOf(promise: Promise<unknown>): Promise<{ code: string; message: string; fields: string[]; messages: string[] }> {
  try {
    await promise;
    return { code: "OK", message: "", fields: [], messages: [] };
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    const issues = (error.cause as { issues?: { path: PropertyKey[]; message: string }[] } | undefined)?.issues ?? [];
    return { code: error.code, message: error.message, fields: [...new Set(issues.map((i) => String(i.path[0])))], messages: issues.map((i) => i.message) };
  }
}

class RolledBack extends Error {}

describe("automation rules", async () => {
  const { db } = await useTestDatabase();

  /** An admin's rule API, and a category, team and organization of this test's own. */
  async function world() {
    const admin = await createUser(db, { role: "admin" });
    const { category, team } = await createCategory(db);
    const organization = await createOrganization(db);
    const customer = await createUser(db, { organizationId: organization.id });
    return { admin, api: callerFor(db, admin).admin.automations, category, team, organization, customer };
  }
  type Api = Awaited<ReturnType<typeof world>>["api"];

  const inCategory = (categoryId: string): AutomationCondition => ({ field: "category", operator: "is", value: categoryId });
  const tag = (value: string): AutomationAction => ({ type: "add_tags", value });

  function createRule(
    api: Api,
    rule: { conditions: AutomationCondition[]; actions: AutomationAction[]; name?: string; matchAll?: boolean; runOnCreate?: boolean; runOnUpdate?: boolean },
  ) {
    return api.create({ name: unique("Rule"), matchAll: true, runOnCreate: true, runOnUpdate: false, ...rule });
  }

  /** A ticket and its first (public) message, inserted directly. */
  async function openTicket(
    requester: SessionUser,
    fields: { subject?: string; body?: string; categoryId?: string | null; organizationId?: string | null; channel?: TicketChannel; priority?: TicketPriority; tags?: string[] } = {},
  ) {
    return db.transaction(async (tx) => {
      const ticket = single(
        await tx
          .insert(tickets)
          .values({
            subject: fields.subject ?? "Something is wrong",
            requesterId: requester.id,
            categoryId: fields.categoryId ?? null,
            organizationId: fields.organizationId === undefined ? requester.organizationId : fields.organizationId,
            channel: fields.channel ?? "web",
            priority: fields.priority ?? "normal",
            tags: fields.tags ?? [],
          })
          .returning(),
        "ticket",
      );
      await tx.insert(messages).values({ ticketId: ticket.id, authorId: requester.id, kind: "public", body: fields.body ?? "Please help." });
      return ticket;
    });
  }

  const run = (ticketId: string, trigger: AutomationTrigger = "create") => db.transaction((tx) => runAutomations(tx, { ticketId, trigger }));
  const ticketRow = async (id: string) => single(await db.select().from(tickets).where(eq(tickets.id, id)), "ticket");
  const eventsOf = (ticketId: string) =>
    db
      .select({ field: ticketEvents.field, from: ticketEvents.fromValue, to: ticketEvents.toValue, actorId: ticketEvents.actorId, detail: ticketEvents.detail })
      .from(ticketEvents)
      .where(eq(ticketEvents.ticketId, ticketId))
      .orderBy(asc(ticketEvents.id));

  describe("conditions", () => {
    it("compare channel and priority with is and is not", async () => {
      const { api, category, customer } = await world();
      const c = inCategory(category.id);
      await createRule(api, { conditions: [c, { field: "channel", operator: "is", value: "email" }], actions: [tag("ch-email")] });
      await createRule(api, { conditions: [c, { field: "channel", operator: "is_not", value: "email" }], actions: [tag("ch-other")] });
      await createRule(api, { conditions: [c, { field: "priority", operator: "is", value: "urgent" }], actions: [tag("p-urgent")] });
      await createRule(api, { conditions: [c, { field: "priority", operator: "is_not", value: "urgent" }], actions: [tag("p-calm")] });

      const emailed = await openTicket(customer, { categoryId: category.id, channel: "email", priority: "urgent" });
      const web = await openTicket(customer, { categoryId: category.id, channel: "web", priority: "low" });
      expect(await run(emailed.id)).toHaveLength(2);
      expect(await run(web.id)).toHaveLength(2);
      expect((await ticketRow(emailed.id)).tags).toEqual(["ch-email", "p-urgent"]);
      expect((await ticketRow(web.id)).tags).toEqual(["ch-other", "p-calm"]);
    });

    it("compare category and organization ids; a ticket without one is never 'is' and always 'is not'", async () => {
      const { api, category, organization, customer } = await world();
      const byOrg: AutomationCondition = { field: "organization", operator: "is", value: organization.id };
      await createRule(api, { conditions: [byOrg, { field: "category", operator: "is", value: category.id }], actions: [tag("in-category")] });
      await createRule(api, { conditions: [byOrg, { field: "category", operator: "is_not", value: category.id }], actions: [tag("not-category")] });
      const other = await createCategory(db);
      const byCategory = inCategory(other.category.id);
      await createRule(api, { conditions: [byCategory, { field: "organization", operator: "is", value: organization.id }], actions: [tag("in-org")] });
      await createRule(api, { conditions: [byCategory, { field: "organization", operator: "is_not", value: organization.id }], actions: [tag("not-org")] });

      const categorized = await openTicket(customer, { categoryId: category.id });
      const uncategorized = await openTicket(customer, { categoryId: null });
      const withOrg = await openTicket(customer, { categoryId: other.category.id });
      const withoutOrg = await openTicket(customer, { categoryId: other.category.id, organizationId: null });
      for (const t of [categorized, uncategorized, withOrg, withoutOrg]) await run(t.id);
      expect((await ticketRow(categorized.id)).tags).toEqual(["in-category"]);
      expect((await ticketRow(uncategorized.id)).tags).toEqual(["not-category"]);
      expect((await ticketRow(withOrg.id)).tags).toEqual(["not-category", "in-org"]);
      expect((await ticketRow(withoutOrg.id)).tags).toEqual(["not-org"]);
    });

    it("match the requester by exact email (any case) or by @domain, and not a subdomain", async () => {
      const { api, category, customer } = await world();
      const domain = `${unique("acme")}.test`;
      await db.update(users).set({ email: `pat@${domain}` }).where(eq(users.id, customer.id));
      const colleague = await createUser(db);
      await db.update(users).set({ email: `sam@mail.${domain}` }).where(eq(users.id, colleague.id));
      const c = inCategory(category.id);
      await createRule(api, { conditions: [c, { field: "requester", operator: "is", value: `  PAT@${domain.toUpperCase()} ` }], actions: [tag("exact")] });
      await createRule(api, { conditions: [c, { field: "requester", operator: "is", value: `@${domain}` }], actions: [tag("domain")] });
      await createRule(api, { conditions: [c, { field: "requester", operator: "is_not", value: `@${domain}` }], actions: [tag("elsewhere")] });

      const pat = await openTicket(customer, { categoryId: category.id });
      const sam = await openTicket(colleague, { categoryId: category.id });
      await run(pat.id);
      await run(sam.id);
      expect((await ticketRow(pat.id)).tags).toEqual(["exact", "domain"]);
      expect((await ticketRow(sam.id)).tags).toEqual(["elsewhere"]);
    });

    it("find words and phrases in the subject on word boundaries, ignoring case, in any script", async () => {
      const { api, category, customer } = await world();
      const c = inCategory(category.id);
      await createRule(api, { conditions: [c, { field: "subject", operator: "contains_any", value: "refund, money back, café, über" }], actions: [tag("money")] });
      await createRule(api, { conditions: [c, { field: "subject", operator: "contains_none", value: "refund, money back, café, über" }], actions: [tag("other")] });

      const subjects: [string, string][] = [
        ["REFUND please!", "money"],
        ["I want my money\u00a0  back", "money"],
        ["Refunded twice", "other"],
        ["moneyback", "other"],
        ["Nonrefund policy", "other"],
        ["Le Café est fermé", "money"],
        ["Two cafés", "other"],
        // Decomposed é (e + combining accent) is the same word.
        ["Cafe\u0301 au lait", "money"],
        ["ÜBER uns", "money"],
        ["Überweisung", "other"],
      ];
      for (const [subject, expected] of subjects) {
        const ticket = await openTicket(customer, { categoryId: category.id, subject });
        await run(ticket.id);
        expect({ subject, tags: (await ticketRow(ticket.id)).tags }).toEqual({ subject, tags: [expected] });
      }
      expect(containsPhrase("c++ rocks", "c++")).toBe(true);
      expect(containsPhrase("price: $5.00", "$5.00")).toBe(true);
      expect(containsPhrase("anything", "  ")).toBe(false);
    });

    it("read the first message on creation and the newest public message on an update", async () => {
      const { api, category, customer, admin } = await world();
      const c = inCategory(category.id);
      const rule = await createRule(api, {
        conditions: [c, { field: "body", operator: "contains_any", value: "invoice" }],
        actions: [tag("invoice")],
        runOnCreate: true,
        runOnUpdate: true,
      });
      await createRule(api, { conditions: [c, { field: "body", operator: "contains_none", value: "invoice" }], actions: [tag("no-invoice")] });

      const first = await openTicket(customer, { categoryId: category.id, body: "Where is my invoice?" });
      expect(await run(first.id)).toEqual([{ ruleId: rule.id, name: rule.name }]);
      expect((await ticketRow(first.id)).tags).toEqual(["invoice"]);

      const later = await openTicket(customer, { categoryId: category.id, body: "Hello" });
      expect(await run(later.id)).toHaveLength(1);
      expect((await ticketRow(later.id)).tags).toEqual(["no-invoice"]);
      // An internal note mentioning it does not count; the requester's newest public reply does.
      await db.insert(messages).values({ ticketId: later.id, authorId: admin.id, kind: "internal", body: "invoice sent?" });
      expect(await run(later.id, "update")).toEqual([]);
      await db.insert(messages).values({ ticketId: later.id, authorId: customer.id, kind: "public", body: "About the INVOICE…", createdAt: new Date(Date.now() + 1000) });
      expect(await run(later.id, "update")).toEqual([{ ruleId: rule.id, name: rule.name }]);
      expect((await ticketRow(later.id)).tags).toEqual(["no-invoice", "invoice"]);
    });

    it("need all conditions with matchAll, any one without", async () => {
      const { api, category, organization, customer } = await world();
      const conditions: AutomationCondition[] = [inCategory(category.id), { field: "organization", operator: "is", value: organization.id }];
      await createRule(api, { conditions, matchAll: true, actions: [tag("all")] });
      await createRule(api, { conditions, matchAll: false, actions: [tag("any")] });

      const both = await openTicket(customer, { categoryId: category.id });
      const categoryOnly = await openTicket(customer, { categoryId: category.id, organizationId: null });
      const orgOnly = await openTicket(customer, { categoryId: null });
      const neither = await openTicket(await createUser(db), { categoryId: null });
      for (const t of [both, categoryOnly, orgOnly, neither]) await run(t.id);
      expect((await ticketRow(both.id)).tags).toEqual(["all", "any"]);
      expect((await ticketRow(categoryOnly.id)).tags).toEqual(["any"]);
      expect((await ticketRow(orgOnly.id)).tags).toEqual(["any"]);
      expect((await ticketRow(neither.id)).tags).toEqual([]);
    });
  });

  describe("running", () => {
    it("runs rules in position order, each seeing what the earlier ones changed", async () => {
      const { api, category, customer } = await world();
      const c = inCategory(category.id);
      const needsUrgent = await createRule(api, { conditions: [c, { field: "priority", operator: "is", value: "urgent" }], actions: [tag("escalated")] });
      const makesUrgent = await createRule(api, { conditions: [c], actions: [{ type: "set_priority", value: "urgent" }] });

      // needsUrgent comes first: it sees the ticket before makesUrgent changed it.
      const before = await openTicket(customer, { categoryId: category.id });
      expect((await run(before.id)).map((r) => r.ruleId)).toEqual([makesUrgent.id]);
      expect(await ticketRow(before.id)).toMatchObject({ priority: "urgent", tags: [] });

      // Move makesUrgent above needsUrgent (other files' rules may sit between them).
      const indexOf = (list: { id: string }[], id: string) => list.findIndex((r) => r.id === id);
      for (let i = 0; i < 100; i++) {
        const list = await api.list();
        if (indexOf(list, makesUrgent.id) < indexOf(list, needsUrgent.id)) break;
        await api.move({ id: makesUrgent.id, direction: "up" });
      }
      const after = await openTicket(customer, { categoryId: category.id });
      expect((await run(after.id)).map((r) => r.ruleId)).toEqual([makesUrgent.id, needsUrgent.id]);
      expect(await ticketRow(after.id)).toMatchObject({ priority: "urgent", tags: ["escalated"] });
    });

    it("fires each rule at most once per ticket, even when a later change makes it match again", async () => {
      const { api, category, customer } = await world();
      const c = inCategory(category.id);
      const raise = await createRule(api, {
        conditions: [c, { field: "priority", operator: "is", value: "low" }],
        actions: [{ type: "set_priority", value: "urgent" }],
        runOnUpdate: true,
      });
      const lower = await createRule(api, {
        conditions: [c, { field: "priority", operator: "is", value: "urgent" }],
        actions: [{ type: "set_priority", value: "low" }],
        runOnUpdate: true,
      });
      const ticket = await openTicket(customer, { categoryId: category.id, priority: "low" });
      expect((await run(ticket.id)).map((r) => r.ruleId)).toEqual([raise.id, lower.id]);
      const afterFirst = await ticketRow(ticket.id);
      expect(afterFirst).toMatchObject({ priority: "low", version: 3 });

      // `raise` matches again (priority is low), but it already ran on this ticket.
      expect(await run(ticket.id, "update")).toEqual([]);
      expect(await run(ticket.id, "create")).toEqual([]);
      expect(await ticketRow(ticket.id)).toMatchObject({ priority: "low", version: 3 });
      expect((await eventsOf(ticket.id)).map((e) => [e.field, e.from, e.to])).toEqual([
        ["priority", "low", "urgent"],
        ["priority", "urgent", "low"],
      ]);
      expect(await db.$count(automationRuns, eq(automationRuns.ticketId, ticket.id))).toBe(2);
    });

    it("skips inactive rules until they are switched back on", async () => {
      const { api, category, customer } = await world();
      const rule = await createRule(api, { conditions: [inCategory(category.id)], actions: [tag("on")] });
      expect(await api.setActive({ id: rule.id, active: false })).toEqual({ id: rule.id, active: false });
      const ticket = await openTicket(customer, { categoryId: category.id });
      expect(await run(ticket.id)).toEqual([]);
      expect(await db.$count(automationRuns, eq(automationRuns.ticketId, ticket.id))).toBe(0);

      await api.setActive({ id: rule.id, active: true });
      expect(await run(ticket.id)).toEqual([{ ruleId: rule.id, name: rule.name }]);
    });

    it("runs only the rules for the trigger: on creation, on update, or both", async () => {
      const { api, category, customer } = await world();
      const c = [inCategory(category.id)];
      const onCreate = await createRule(api, { conditions: c, actions: [tag("created")], runOnCreate: true, runOnUpdate: false });
      const onUpdate = await createRule(api, { conditions: c, actions: [tag("updated")], runOnCreate: false, runOnUpdate: true });

      const ticket = await openTicket(customer, { categoryId: category.id });
      expect((await run(ticket.id, "create")).map((r) => r.ruleId)).toEqual([onCreate.id]);
      expect((await run(ticket.id, "update")).map((r) => r.ruleId)).toEqual([onUpdate.id]);
      expect((await ticketRow(ticket.id)).tags).toEqual(["created", "updated"]);

      const both = await createRule(api, { conditions: c, actions: [tag("both")], runOnCreate: true, runOnUpdate: true });
      const other = await openTicket(customer, { categoryId: category.id });
      expect((await run(other.id, "update")).map((r) => r.ruleId)).toEqual([onUpdate.id, both.id]);
    });

    it("does nothing on a closed ticket", async () => {
      const { api, category, customer } = await world();
      await createRule(api, { conditions: [inCategory(category.id)], actions: [tag("late")] });
      const closed = await openTicket(customer, { categoryId: category.id });
      await db.update(tickets).set({ status: "closed", closedAt: new Date() }).where(eq(tickets.id, closed.id));
      expect(await run(closed.id)).toEqual([]);
      expect((await ticketRow(closed.id)).tags).toEqual([]);
      // Rules whose trigger is "update" only are not pending on creation.
      expect(await run(closed.id, "update")).toEqual([]);
    });

    it.skipIf(!onPostgres)("lets only one of two concurrent transactions fire a rule on a ticket", async () => {
      const { api, category, customer } = await world();
      const rule = await createRule(api, { conditions: [inCategory(category.id)], actions: [{ type: "add_internal_note", value: "Once." }] });
      const ticket = await openTicket(customer, { categoryId: category.id });
      const results = await Promise.all([run(ticket.id), run(ticket.id)]);
      expect(results.flat()).toEqual([{ ruleId: rule.id, name: rule.name }]);
      expect(await db.$count(messages, and(eq(messages.ticketId, ticket.id), eq(messages.kind, "internal")))).toBe(1);
    });

    it("on a ticket created through the API, read what the requester wrote, and hand the SLA and assignment what they set", async () => {
      const { api, category, organization, customer } = await world();
      // The rule moves the ticket to a team that assigns automatically, and makes it urgent.
      const { team: routed } = await createCategory(db);
      await db.update(teams).set({ assignmentMode: "round_robin" }).where(eq(teams.id, routed.id));
      const agent = await createUser(db, { role: "agent" });
      await db.insert(teamMembers).values({ teamId: routed.id, userId: agent.id });
      const policy = single(
        await db
          .insert(slaPolicies)
          .values({ name: unique("Urgent"), priority: "urgent", organizationId: organization.id, firstResponseMinutes: 30, resolutionMinutes: 240 })
          .returning(),
        "policy",
      );
      const rule = await createRule(api, {
        conditions: [inCategory(category.id), { field: "body", operator: "contains_any", value: "invoice" }, { field: "requester", operator: "is", value: customer.email }],
        actions: [
          { type: "set_team", value: routed.id },
          { type: "set_priority", value: "urgent" },
        ],
      });

      const { id } = await callerFor(db, customer).tickets.create({ subject: "Wrong amount", body: "My invoice shows the wrong amount.", categoryId: category.id });
      expect(await ticketRow(id)).toMatchObject({ teamId: routed.id, priority: "urgent", assigneeId: agent.id, version: 3 });
      const clocks = await db.select().from(ticketSlas).where(eq(ticketSlas.ticketId, id)).orderBy(asc(ticketSlas.metric));
      expect(clocks.map((c) => [c.metric, c.policyId, c.targetMinutes])).toEqual([
        ["first_response", policy.id, 30],
        ["resolution", policy.id, 240],
      ]);
      // Each once. (The timeline orders them by time: the SLA policy event carries the creation instant, the rule's changes a later one.)
      const events = (await eventsOf(id)).map((e) => [e.field, e.to, e.detail]);
      expect(events).toHaveLength(7);
      expect(events).toEqual(expect.arrayContaining([
        ["created", "new", null],
        ["priority", "normal", null],
        ["team", category.defaultTeamId, null],
        ["team", routed.id, `automation "${rule.name}"`],
        ["priority", "urgent", `automation "${rule.name}"`],
        ["sla_policy", policy.name, null],
        ["assignee", agent.id, "round-robin; 0 open"],
      ]));
      expect(await db.select({ to: outbox.toAddress }).from(outbox).where(and(eq(outbox.ticketId, id), eq(outbox.template, "assigned-to-you")))).toEqual([{ to: agent.email }]);

      // Creation wrote the clocks and the ticket's SLA summary that a full sync computes from the stored ticket.
      const ticketBefore = await ticketRow(id);
      await db.transaction((tx) => syncTicketSla(tx, id, ticketBefore.createdAt));
      expect(await db.select().from(ticketSlas).where(eq(ticketSlas.ticketId, id)).orderBy(asc(ticketSlas.metric))).toEqual(clocks);
      expect(await ticketRow(id)).toEqual(ticketBefore);
    });
  });

  describe("actions", () => {
    it("apply in one version bump, each change as an event by the system naming the rule", async () => {
      const { api, category, customer } = await world();
      const target = await createCategory(db);
      const agent = await createUser(db, { role: "agent", name: unique("Agent") });
      const rule = await createRule(api, {
        name: unique("Everything"),
        conditions: [inCategory(category.id)],
        actions: [
          { type: "set_category", value: target.category.id },
          { type: "set_priority", value: "high" },
          { type: "set_team", value: target.team.id },
          { type: "add_tags", value: "VIP Customer, refund, ,refund" },
          { type: "set_assignee", value: agent.id },
          { type: "add_internal_note", value: "Routed by **automation**." },
        ],
      });
      const ticket = await openTicket(customer, { categoryId: category.id, tags: ["refund"] });
      expect(await run(ticket.id)).toEqual([{ ruleId: rule.id, name: rule.name }]);

      const row = await ticketRow(ticket.id);
      expect(row).toMatchObject({
        categoryId: target.category.id,
        priority: "high",
        teamId: target.team.id,
        tags: ["refund", "vip-customer"],
        assigneeId: agent.id,
        version: ticket.version + 1,
      });
      expect(row.updatedAt.getTime()).toBeGreaterThan(ticket.updatedAt.getTime());
      const detail = `automation "${rule.name}"`;
      expect(await eventsOf(ticket.id)).toEqual([
        { field: "category", from: category.id, to: target.category.id, actorId: null, detail },
        { field: "priority", from: "normal", to: "high", actorId: null, detail },
        { field: "team", from: null, to: target.team.id, actorId: null, detail },
        { field: "tags", from: "refund", to: "refund, vip-customer", actorId: null, detail },
        { field: "assignee", from: null, to: agent.id, actorId: null, detail },
      ]);
      const notes = await db.select().from(messages).where(and(eq(messages.ticketId, ticket.id), eq(messages.kind, "internal")));
      expect(notes).toMatchObject([{ authorId: null, body: "Routed by **automation**." }]);
      const mail = await db.select().from(outbox).where(eq(outbox.ticketId, ticket.id));
      expect(mail).toMatchObject([{ template: "assigned-to-you", toAddress: agent.email, idempotencyKey: `assigned:${ticket.id}:v${row.version}` }]);
    });

    it("write nothing when they change nothing, yet the rule counts as run", async () => {
      const { api, category, customer } = await world();
      const rule = await createRule(api, {
        conditions: [inCategory(category.id)],
        actions: [
          { type: "set_priority", value: "high" },
          { type: "set_category", value: category.id },
          { type: "add_tags", value: "known" },
        ],
      });
      const ticket = await openTicket(customer, { categoryId: category.id, priority: "high", tags: ["known"] });
      expect(await run(ticket.id)).toEqual([{ ruleId: rule.id, name: rule.name }]);
      expect(await ticketRow(ticket.id)).toMatchObject({ version: ticket.version, updatedAt: ticket.updatedAt });
      expect(await eventsOf(ticket.id)).toEqual([]);
    });

    it("skip an assignee who was disabled since, say so in the history, and still apply the rest", async () => {
      const { api, category, customer } = await world();
      const agent = await createUser(db, { role: "agent", name: unique("Gone") });
      const rule = await createRule(api, {
        conditions: [inCategory(category.id)],
        actions: [
          { type: "set_assignee", value: agent.id },
          { type: "add_tags", value: "routed" },
        ],
      });
      await db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, agent.id));
      const ticket = await openTicket(customer, { categoryId: category.id });
      expect(await run(ticket.id)).toEqual([{ ruleId: rule.id, name: rule.name }]);
      expect(await ticketRow(ticket.id)).toMatchObject({ assigneeId: null, tags: ["routed"], version: ticket.version + 1 });
      const events = await eventsOf(ticket.id);
      expect(events).toEqual([
        { field: "automation", from: null, to: null, actorId: null, detail: `automation "${rule.name}": not assigned, ${agent.name} is disabled` },
        { field: "tags", from: null, to: "routed", actorId: null, detail: `automation "${rule.name}"` },
      ]);
      expect(await db.$count(outbox, eq(outbox.ticketId, ticket.id))).toBe(0);

      // A category archived after the rule was saved is skipped the same way.
      const archived = await createCategory(db);
      const second = await createRule(api, { conditions: [inCategory(category.id)], actions: [{ type: "set_category", value: archived.category.id }] });
      await db.update(categories).set({ archivedAt: new Date() }).where(eq(categories.id, archived.category.id));
      const other = await openTicket(customer, { categoryId: category.id });
      expect((await run(other.id)).map((r) => r.ruleId)).toEqual([rule.id, second.id]);
      expect(await ticketRow(other.id)).toMatchObject({ categoryId: category.id });
      expect((await eventsOf(other.id)).map((e) => e.detail)).toContain(`automation "${second.name}": category not set, it is archived or no longer exists`);
    });
  });

  describe("managing rules", () => {
    it("lists rules in order with the names of what they refer to, normalized as stored", async () => {
      const { api, category, team, organization } = await world();
      const agent = await createUser(db, { role: "agent", name: unique("Nia") });
      const rule = await createRule(api, {
        name: "  Route VIPs  ",
        conditions: [
          inCategory(category.id),
          { field: "organization", operator: "is_not", value: organization.id },
          { field: "subject", operator: "contains_any", value: " refund ,, money   back " },
          { field: "requester", operator: "is", value: "@Example.TEST" },
        ],
        actions: [
          { type: "set_team", value: team.id },
          { type: "set_assignee", value: agent.id },
          { type: "add_tags", value: "VIP Customer" },
        ],
      });
      expect(rule).toMatchObject({ name: "Route VIPs", active: true });
      const listed = (await api.list()).find((r) => r.id === rule.id);
      expect(listed?.conditions).toEqual([
        { field: "category", operator: "is", value: category.id, label: category.name, fieldLabel: null },
        { field: "organization", operator: "is_not", value: organization.id, label: organization.name, fieldLabel: null },
        { field: "subject", operator: "contains_any", value: "refund, money back", label: null, fieldLabel: null },
        { field: "requester", operator: "is", value: "@example.test", label: null, fieldLabel: null },
      ]);
      expect(listed?.actions).toEqual([
        { type: "set_team", value: team.id, label: team.name, fieldLabel: null },
        { type: "set_assignee", value: agent.id, label: agent.name, fieldLabel: null },
        { type: "add_tags", value: "vip-customer", label: null, fieldLabel: null },
      ]);
    });

    it("adds new rules last and updates them in place", async () => {
      const { api, category } = await world();
      const first = await createRule(api, { conditions: [inCategory(category.id)], actions: [tag("one")] });
      const second = await createRule(api, { conditions: [inCategory(category.id)], actions: [tag("two")] });
      expect(second.position).toBeGreaterThan(first.position);
      const list = await api.list();
      expect(list.findIndex((r) => r.id === second.id)).toBeGreaterThan(list.findIndex((r) => r.id === first.id));

      const updated = await api.update({
        id: first.id,
        name: "Renamed",
        matchAll: false,
        runOnCreate: false,
        runOnUpdate: true,
        conditions: [inCategory(category.id)],
        actions: [{ type: "set_priority", value: "low" }],
      });
      expect(updated).toMatchObject({ id: first.id, name: "Renamed", matchAll: false, runOnCreate: false, runOnUpdate: true });
      expect(updated.actions).toEqual([{ type: "set_priority", value: "low" }]);
    });

    it("deletes a rule, and says so when it is already gone", async () => {
      const { api, category } = await world();
      const rule = await createRule(api, { conditions: [inCategory(category.id)], actions: [tag("bye")] });
      expect(await api.delete({ id: rule.id })).toEqual({ id: rule.id });
      expect((await api.list()).some((r) => r.id === rule.id)).toBe(false);
      expect(await codeOf(api.delete({ id: rule.id }))).toBe("NOT_FOUND");
      expect(await codeOf(api.setActive({ id: rule.id, active: true }))).toBe("NOT_FOUND");
      expect(await codeOf(api.move({ id: rule.id, direction: "up" }))).toBe("NOT_FOUND");
    });

    it("moves a rule up or down past its neighbour, renumbering without ties", async () => {
      const admin = await createUser(db, { role: "admin" });
      const { category } = await createCategory(db);
      const outcome = db.transaction(
        async (tx) => {
          // One snapshot: rules other files add meanwhile stay invisible, so the three below are neighbours.
          const api = callerFor(tx, admin).admin.automations;
          const made = [];
          for (const name of ["A", "B", "C"]) made.push(await createRule(api, { name: unique(name), conditions: [inCategory(category.id)], actions: [tag("x")] }));
          const ids = made.map((r) => r.id);
          const mine = async () => (await api.list()).filter((r) => ids.includes(r.id)).map((r) => r.id);

          expect(await api.move({ id: ids[2]!, direction: "up" })).toEqual({ id: ids[2], moved: true });
          expect(await mine()).toEqual([ids[0], ids[2], ids[1]]);
          await api.move({ id: ids[0]!, direction: "down" });
          expect(await mine()).toEqual([ids[2], ids[0], ids[1]]);
          // Last of all rules: stays put.
          expect(await api.move({ id: ids[1]!, direction: "down" })).toEqual({ id: ids[1], moved: false });
          const all = await api.list();
          expect(all.map((r) => r.position)).toEqual(all.map((_, i) => i));
          expect(await api.move({ id: all[0]!.id, direction: "up" })).toMatchObject({ moved: false });
          throw new RolledBack();
        },
        { isolationLevel: "repeatable read" },
      );
      await expect(outcome).rejects.toBeInstanceOf(RolledBack);
    });

    it("refuses invalid rules with a message for the field, writing nothing", async () => {
      const { api, category, organization, team } = await world();
      const name = unique("Invalid");
      const valid = { name, matchAll: true, runOnCreate: true, runOnUpdate: false, conditions: [inCategory(category.id)], actions: [tag("ok")] };
      const archived = await createCategory(db, { archived: true });
      const customer = await createUser(db);
      const disabled = await createUser(db, { role: "agent", disabled: true });
      const missing = "00000000-0000-4000-8000-000000000000";
      type Input = Parameters<Api["create"]>[0];
      // Some cases are not even the right type: they stand for what a client could send.
      const cases: [string, Record<string, unknown>, string, RegExp][] = [
        ["blank name", { name: "   " }, "name", /Name the rule/],
        ["long name", { name: "x".repeat(121) }, "name", /under 120/],
        ["no trigger", { runOnCreate: false, runOnUpdate: false }, "runOnCreate", /created, updated, or both/],
        ["no conditions", { conditions: [] }, "conditions", /at least one condition/],
        ["too many conditions", { conditions: Array.from({ length: 21 }, () => inCategory(category.id)) }, "conditions", /at most 20/],
        ["no actions", { actions: [] }, "actions", /at least one action/],
        ["too many actions", { actions: Array.from({ length: 11 }, () => tag("x")) }, "actions", /at most 10/],
        ["operator for another field", { conditions: [{ field: "subject", operator: "is", value: "refund" }] }, "conditions", /Condition 1: Subject can only/],
        ["contains on an id", { conditions: [{ field: "category", operator: "contains_any", value: category.id }] }, "conditions", /Condition 1/],
        ["unknown priority", { conditions: [inCategory(category.id), { field: "priority", operator: "is", value: "critical" }] }, "conditions", /Condition 2: Choose a priority/],
        ["unknown channel", { conditions: [{ field: "channel", operator: "is", value: "fax" }] }, "conditions", /Choose a channel/],
        ["bad requester", { conditions: [{ field: "requester", operator: "is", value: "example.com" }] }, "conditions", /email address, or @/],
        ["empty words", { conditions: [{ field: "body", operator: "contains_none", value: " , ," }] }, "conditions", /at least one word/],
        ["unknown field", { conditions: [{ field: "status", operator: "is", value: "new" }] }, "conditions", /what the condition looks at/],
        ["unknown action", { actions: [{ type: "close_ticket", value: "" }] }, "actions", /what the action does/],
        ["action priority", { actions: [{ type: "set_priority", value: "asap" }] }, "actions", /Action 1: Choose a priority/],
        ["blank note", { actions: [tag("ok"), { type: "add_internal_note", value: "  \n " }] }, "actions", /Action 2: Write the note/],
        ["long note", { actions: [{ type: "add_internal_note", value: "x".repeat(5001) }] }, "actions", /under 5,000/],
        ["tags without letters", { actions: [{ type: "add_tags", value: "!!!, ?" }] }, "actions", /letters or digits/],
        ["blank tags", { actions: [{ type: "add_tags", value: " , " }] }, "actions", /at least one tag/],
        ["team not an id", { actions: [{ type: "set_team", value: "Support" }] }, "actions", /Choose a team/],
      ];
      for (const [label, change, field, message] of cases) {
        const failure = await failureOf(api.create({ ...valid, ...change } as Input));
        expect({ label, code: failure.code, fields: failure.fields, messages: failure.messages }).toEqual({
          label,
          code: "BAD_REQUEST",
          fields: [field],
          messages: expect.arrayContaining([expect.stringMatching(message)]),
        });
      }

      // References are checked against the database; the message names the row.
      const refused: [string, Partial<Input>, RegExp][] = [
        ["missing category", { conditions: [inCategory(missing)] }, /Condition 1: that category no longer exists/],
        ["missing organization", { conditions: [inCategory(category.id), { field: "organization", operator: "is", value: missing }] }, /Condition 2: that organization/],
        ["archived category", { actions: [{ type: "set_category", value: archived.category.id }] }, /Action 1: that category is archived/],
        ["missing team", { actions: [tag("ok"), { type: "set_team", value: missing }] }, /Action 2: that team no longer exists/],
        ["customer assignee", { actions: [{ type: "set_assignee", value: customer.id }] }, /active agent/],
        ["disabled assignee", { actions: [{ type: "set_assignee", value: disabled.id }] }, /active agent/],
      ];
      for (const [label, change, message] of refused) {
        const failure = await failureOf(api.create({ ...valid, ...change }));
        expect({ label, code: failure.code, message: failure.message }).toEqual({ label, code: "BAD_REQUEST", message: expect.stringMatching(message) });
      }
      expect(await db.$count(automationRules, eq(automationRules.name, name))).toBe(0);

      // An archived category may still be a condition (old tickets keep it); a team may be set.
      const ok = await api.create({ ...valid, conditions: [inCategory(archived.category.id), { field: "organization", operator: "is", value: organization.id }], actions: [{ type: "set_team", value: team.id }] });
      expect(ok.name).toBe(name);

      // An update that fails changes nothing either.
      const failure = await failureOf(api.update({ ...valid, id: ok.id, name: "Changed", actions: [{ type: "set_category", value: archived.category.id }] }));
      expect(failure.code).toBe("BAD_REQUEST");
      expect(single(await db.select().from(automationRules).where(eq(automationRules.id, ok.id)), "rule")).toMatchObject({ name, actions: [{ type: "set_team", value: team.id }] });
      expect(await codeOf(api.update({ ...valid, id: missing }))).toBe("NOT_FOUND");
    });

    it("is for admins only", async () => {
      const agent = await createUser(db, { role: "manager" });
      expect(await codeOf(callerFor(db, agent).admin.automations.list())).toBe("FORBIDDEN");
    });
  });
});
