/**
 * Advisory class: mass-assigned `requesterId` / `authorId` / `role` (and
 * friends) in any input. Two proofs: every procedure's input schema is
 * walked, so a new input that declares such a key, or lets unknown keys
 * through, fails here; and the doors an attacker would use are called with
 * those keys added, and nothing they name is stored.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { messages, tickets, users } from "@/db/schema";
import { appRouter } from "@/server/routers/_app";
import type { SessionUser } from "@/server/users/session-user";
import { callerFor, createCategory, createOrganization, createUser, testPassword, unique } from "../support/factories";
import { inputKeysOf, procedureInputs } from "../support/input-keys";
import { useTestDatabase } from "../support/test-db";
import { codeOf } from "../support/trpc-errors";

/** Keys that say who someone is or what they may do: never taken from input, except where listed. */
const identityKeys = /(^|\.)(requesterId|authorId|uploaderId|actorId|role|passwordHash|disabledAt|emailVerified|emailMessageId)$/;

/** Where an input may name one, and why that is not mass assignment. */
const declaredOnPurpose: Record<string, string> = {
  "admin.users.create role": "an admin chooses a new staff member's role (agent, manager or admin only)",
  "admin.users.setRole role": "changing a role is what this admin-only procedure is for",
  "desk.queue filters.requesterId": "a read filter on the agents' queue",
  "desk.requesterHistory requesterId": "whose other tickets an agent's side panel reads",
};

describe("advisory: mass-assigned requesterId / authorId / role", async () => {
  const { db } = await useTestDatabase();

  describe("input schemas", () => {
    const inputs = procedureInputs(appRouter);

    it("finds the keys of a planted input (the walker works)", () => {
      const planted = z.object({ number: z.number(), changes: z.object({ priority: z.string(), requesterId: z.uuid().optional() }).default({ priority: "low" }) });
      expect(inputKeysOf(planted).keys.filter((k) => identityKeys.test(k))).toEqual(["changes.requesterId"]);
      expect(inputKeysOf(z.looseObject({ a: z.string() })).open).toEqual(["(input)"]);
      expect(inputKeysOf(z.object({ a: z.object({}).catchall(z.string()) })).open).toEqual(["a"]);
      expect(inputKeysOf(z.object({ a: z.string() })).open).toEqual([]);
    });

    it("has no procedure that keeps unknown keys", () => {
      expect([...inputs].filter(([, k]) => k.open.length > 0).map(([path, k]) => `${path}: ${k.open.join(", ")}`)).toEqual([]);
    });

    it("has no input that declares who someone is, except on purpose", () => {
      const declared = [...inputs].flatMap(([path, k]) => k.keys.filter((key) => identityKeys.test(key)).map((key) => `${path} ${key}`));
      expect(declared.filter((entry) => !(entry in declaredOnPurpose))).toEqual([]);
      // The exceptions still exist, so the list cannot go stale and hide a new one.
      expect(Object.keys(declaredOnPurpose).filter((entry) => !declared.includes(entry))).toEqual([]);
    });
  });

  describe("the doors, with the keys added", () => {
    let customer: SessionUser;
    let victim: SessionUser;
    let agent: SessionUser;
    let categoryId = "";
    let otherOrganizationId = "";
    const smuggled = () => ({
      requesterId: victim.id,
      authorId: agent.id,
      uploaderId: victim.id,
      role: "admin",
      organizationId: otherOrganizationId,
      assigneeId: agent.id,
      status: "solved",
      channel: "email",
      emailMessageId: "<planted@evil.example>",
      createdAt: new Date(0),
      id: crypto.randomUUID(),
    });

    beforeAll(async () => {
      customer = await createUser(db);
      victim = await createUser(db);
      agent = await createUser(db, { role: "agent" });
      categoryId = (await createCategory(db)).category.id;
      otherOrganizationId = (await createOrganization(db, { sharesTickets: true })).id;
    });

    it("creates the ticket as the caller's, whatever the input names", async () => {
      const { id, number } = await callerFor(db, customer).tickets.create({ ...smuggled(), subject: "Smuggled fields", body: "Who does this ticket belong to?", categoryId } as never);
      const [row] = await db.select().from(tickets).where(eq(tickets.id, id));
      expect(row).toMatchObject({ number, requesterId: customer.id, organizationId: null, status: "new", channel: "web", assigneeId: null });
      const thread = await db.select().from(messages).where(eq(messages.ticketId, id));
      expect(thread.map((m) => [m.authorId, m.kind, m.emailMessageId])).toEqual([[customer.id, "public", null]]);
    });

    it("writes a reply as the caller's, whatever the input names", async () => {
      const { id, number } = await callerFor(db, customer).tickets.create({ subject: "A plain ticket", body: "Nothing smuggled here.", categoryId });
      await callerFor(db, customer).tickets.reply({ ...smuggled(), status: undefined, number, body: "My reply, or is it?" } as never);
      const thread = await db.select().from(messages).where(eq(messages.ticketId, id));
      expect(thread.map((m) => [m.authorId, m.kind, m.emailMessageId])).toEqual([
        [customer.id, "public", null],
        [customer.id, "public", null],
      ]);
      const [row] = await db.select({ requesterId: tickets.requesterId, status: tickets.status }).from(tickets).where(eq(tickets.id, id));
      expect(row).toEqual({ requesterId: customer.id, status: "new" });
    });

    it("updates only the declared properties of a ticket", async () => {
      const { id, number } = await callerFor(db, customer).tickets.create({ subject: "Update me", body: "An agent will change this.", categoryId });
      const version = (await callerFor(db, agent).tickets.get({ number })).ticket.version;
      await callerFor(db, agent).desk.update({ ...smuggled(), number, version, changes: { ...smuggled(), status: undefined, channel: undefined, assigneeId: undefined, organizationId: undefined, priority: "high" } } as never);
      const [row] = await db.select().from(tickets).where(eq(tickets.id, id));
      expect(row).toMatchObject({ requesterId: customer.id, priority: "high", organizationId: null });
      // Only undeclared keys: nothing to change, and the refinement says so.
      expect(await codeOf(callerFor(db, agent).desk.update({ number, version: version + 1, changes: { requesterId: victim.id } } as never))).toBe("BAD_REQUEST");
    });

    it("signs up a customer, whatever role or organization the form names", async () => {
      const email = `${unique("signup")}@example.test`;
      const chosenId = crypto.randomUUID();
      await callerFor(db, null).auth.signUp({
        name: "Mallory",
        email,
        password: testPassword,
        role: "admin",
        organizationId: otherOrganizationId,
        disabledAt: null,
        emailVerified: new Date(),
        id: chosenId,
      } as never);
      const [row] = await db.select().from(users).where(eq(users.email, email));
      expect(row).toMatchObject({ role: "customer", organizationId: null, emailVerified: null });
      expect(row?.id).not.toBe(chosenId);
    });

    it("creates staff with the chosen staff role only, and keeps role changes to admins", async () => {
      const admin = await createUser(db, { role: "admin" });
      const email = `${unique("staff")}@example.test`;
      await callerFor(db, admin).admin.users.create({ name: "New Agent", email, role: "agent", password: testPassword, organizationId: otherOrganizationId, disabledAt: new Date() } as never);
      const [row] = await db.select().from(users).where(eq(users.email, email));
      expect(row).toMatchObject({ role: "agent", organizationId: null, disabledAt: null });
      expect(await codeOf(callerFor(db, admin).admin.users.create({ name: "Customer?", email: `${unique("c")}@example.test`, role: "customer", password: testPassword } as never))).toBe("BAD_REQUEST");

      const manager = await createUser(db, { role: "manager" });
      for (const who of [customer, agent, manager]) {
        expect(await codeOf(callerFor(db, who).admin.users.setRole({ userId: who.id, role: "admin" })), who.role).toBe("FORBIDDEN");
        const [self] = await db.select({ role: users.role }).from(users).where(eq(users.id, who.id));
        expect(self?.role).toBe(who.role);
      }
    });
  });
});
