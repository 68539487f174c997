/**
 * Required-on-solve is one rule (missingAfterChange) that every door follows,
 * the non-interactive ones too: an automation whose action would leave a
 * solved ticket without a field required to solve it skips that action with
 * a recorded reason, and the change that ran the rule still goes through. The
 * desk and bulk refuse the same change from an agent; a field made required
 * after a ticket was solved does not block unrelated edits to it.
 *
 * A field required on solve holds every solve in the database, so each test
 * lives inside a rolled-back transaction; rules name this test's own category.
 */
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ticketEvents, tickets } from "@/db/schema";
import type { Db } from "@/db/types";
import { callerFor, createCategory, createUser, unique, uniqueKey } from "../support/factories";
import { inRolledBackTransaction, useTestDatabase } from "../support/test-db";
import { errorOf } from "../support/trpc-errors";

describe("required on solve, at every door", async () => {
  const { db } = await useTestDatabase();
  const admin = await createUser(db, { role: "admin" });
  const agent = await createUser(db, { role: "agent" });
  const customer = await createUser(db);

  /** A required "Restarted" checkbox, a ticket in a category of its own, and the agent's editor on it. */
  async function world(tx: Db) {
    const { category } = await createCategory(tx);
    const restarted = await callerFor(tx, admin).admin.customFields.create({
      target: "ticket",
      key: uniqueKey("restarted"),
      type: "checkbox",
      label: "Restarted",
      requiredOnSolve: true,
    });
    const created = await callerFor(tx, customer).tickets.create({ subject: "Router drops", body: "The router drops every hour.", categoryId: category.id });
    const asAgent = callerFor(tx, agent);
    const version = async () => (await asAgent.tickets.get({ number: created.number })).ticket.version;
    const row = async () => {
      const [found] = await tx.select().from(tickets).where(eq(tickets.number, created.number));
      if (!found) throw new Error("no ticket");
      return found;
    };
    return { category, restarted, number: created.number, asAgent, version, row };
  }

  it("skips an automation action that would empty a required field of a solved ticket, with the reason, and keeps the change that ran it", async () => {
    await inRolledBackTransaction(db, async (tx) => {
      const { category, restarted, number, asAgent, version, row } = await world(tx);
      const rule = await callerFor(tx, admin).admin.automations.create({
        name: unique("Untick restarted"),
        matchAll: true,
        runOnCreate: false,
        runOnUpdate: true,
        conditions: [
          { field: "category", operator: "is", value: category.id },
          { field: "priority", operator: "is", value: "urgent" },
        ],
        actions: [
          { type: "set_custom_field", fieldKey: restarted.key, value: "no" },
          { type: "add_tags", value: "escalated" },
        ],
      });
      await asAgent.desk.update({ number, version: await version(), changes: { status: "solved", customFields: { [restarted.key]: true } } });

      const raised = await asAgent.desk.update({ number, version: await version(), changes: { priority: "urgent" } });
      expect(raised.changed).toBe(true);
      const after = await row();
      expect(after).toMatchObject({ status: "solved", priority: "urgent", tags: ["escalated"] });
      expect(after.customValues[String(restarted.id)]).toBe(true);
      const skipped = await tx
        .select({ detail: ticketEvents.detail })
        .from(ticketEvents)
        .where(and(eq(ticketEvents.ticketId, after.id), eq(ticketEvents.field, "automation")));
      expect(skipped.map((event) => event.detail)).toEqual([`automation "${rule.name}": Restarted not changed, the ticket is solved and needs it filled in`]);
      const cleared = await tx
        .select()
        .from(ticketEvents)
        .where(and(eq(ticketEvents.ticketId, after.id), eq(ticketEvents.field, `cf:${restarted.key}`)));
      expect(cleared).toHaveLength(1);
    });
  });

  it("lets the same action run on a ticket that is not solved", async () => {
    await inRolledBackTransaction(db, async (tx) => {
      const { category, restarted, number, asAgent, version, row } = await world(tx);
      await callerFor(tx, admin).admin.automations.create({
        name: unique("Untick restarted"),
        matchAll: true,
        runOnCreate: false,
        runOnUpdate: true,
        conditions: [
          { field: "category", operator: "is", value: category.id },
          { field: "priority", operator: "is", value: "urgent" },
        ],
        actions: [{ type: "set_custom_field", fieldKey: restarted.key, value: "no" }],
      });
      await asAgent.desk.update({ number, version: await version(), changes: { customFields: { [restarted.key]: true } } });
      await asAgent.desk.update({ number, version: await version(), changes: { priority: "urgent" } });
      expect((await row()).customValues[String(restarted.id)]).toBe(false);
    });
  });

  it("refuses an agent emptying a required field of a solved ticket, in the editor and in bulk", async () => {
    await inRolledBackTransaction(db, async (tx) => {
      const { restarted, number, asAgent, version, row } = await world(tx);
      await asAgent.desk.update({ number, version: await version(), changes: { status: "solved", customFields: { [restarted.key]: true } } });

      const refused = await errorOf(asAgent.desk.update({ number, version: await version(), changes: { customFields: { [restarted.key]: false } } }));
      expect(refused?.message).toBe(`Ticket #${number} is solved: Restarted must stay filled in. Reopen it first.`);
      const bulk = await asAgent.desk.bulkUpdate({ numbers: [number], changes: { customFields: { [restarted.key]: null } } });
      expect(bulk.skipped).toEqual([{ number, reason: "solved, needs Restarted" }]);
      expect((await row()).customValues[String(restarted.id)]).toBe(true);

      // Reopening and emptying it in one change is a change to an unsolved ticket.
      const reopened = await asAgent.desk.update({ number, version: await version(), changes: { status: "open", customFields: { [restarted.key]: false } } });
      expect(reopened.changed).toBe(true);
    });
  });

  it("does not hold a solved ticket to a field made required after it was solved", async () => {
    await inRolledBackTransaction(db, async (tx) => {
      const { restarted, number, asAgent, version } = await world(tx);
      await asAgent.desk.update({ number, version: await version(), changes: { status: "solved", customFields: { [restarted.key]: true } } });
      await callerFor(tx, admin).admin.customFields.create({ target: "ticket", key: uniqueKey("cause"), type: "text", label: "Cause", requiredOnSolve: true });

      const retagged = await asAgent.desk.update({ number, version: await version(), changes: { tags: ["late-note"] } });
      expect(retagged.changed).toBe(true);
      const reply = await errorOf(asAgent.tickets.reply({ number, body: "Solving again.", status: "solved" }));
      expect(reply).toBeNull();
    });
  });
});
