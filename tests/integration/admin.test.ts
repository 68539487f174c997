/**
 * The admin area through tRPC callers: people (create staff, roles, disabling,
 * the self and last-admin guards), teams, categories, canned responses and
 * settings. Each refusal also checks that nothing was written.
 *
 * Tests may share one PostgreSQL database with other files: names are unique,
 * no test counts rows globally, and the two that must see a controlled world
 * (the last admin, settings) run inside a transaction that is rolled back.
 */
import { TRPCError } from "@trpc/server";
import { and, eq, isNull, notInArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { cannedResponses, teamMembers, users } from "@/db/schema";
import { renderCannedResponse } from "@/lib/canned-placeholders";
import { checkCredentials } from "@/server/users/credentials";
import { loadActiveUser } from "@/server/users/session-user";
import { callerFor, createCategory, createUser, unique } from "../support/factories";
import { inRolledBackTransaction, useTestDatabase } from "../support/test-db";

async function failureOf(promise: Promise<unknown>): Promise<{ code: string; message: string; fields: string[] }> {
  try {
    await promise;
    return { code: "OK", message: "", fields: [] };
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    const cause = error.cause as { issues?: { path: PropertyKey[] }[] } | undefined;
    return { code: error.code, message: error.message, fields: (cause?.issues ?? []).map((i) => String(i.path[0])) };
  }
}

describe("admin", async () => {
  const { db } = await useTestDatabase();
  const adminApi = async () => {
    const admin = await createUser(db, { role: "admin" });
    return { admin, api: callerFor(db, admin).admin };
  };

  describe("users", () => {
    it("creates a staff member who can sign in and shows up in the staff search", async () => {
      const { api } = await adminApi();
      const local = unique("Nia.Agent");
      const created = await api.users.create({ name: "  Nia Agent ", email: `${local}@Example.TEST`, role: "agent", password: "initial-pass" });
      expect(created).toMatchObject({ name: "Nia Agent", email: `${local.toLowerCase()}@example.test`, role: "agent" });
      expect(await checkCredentials(db, created.email, "initial-pass")).toMatchObject({ id: created.id });

      const found = await api.users.list({ kind: "staff", query: local.toUpperCase(), limit: 10 });
      expect(found.items.map((u) => u.id)).toEqual([created.id]);
      expect((await api.users.list({ kind: "customers", query: local, limit: 10 })).items).toEqual([]);
    });

    it("refuses a taken email (any case, customer or staff) and a short password, creating nothing", async () => {
      const { api } = await adminApi();
      const customer = await createUser(db);
      const staff = await createUser(db, { role: "agent" });
      const taken = await failureOf(api.users.create({ name: "Dup", email: customer.email.toUpperCase(), role: "agent", password: "long enough" }));
      expect(taken).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("customer account") });
      expect(await failureOf(api.users.create({ name: "Dup", email: staff.email, role: "admin", password: "long enough" }))).toMatchObject({
        code: "CONFLICT",
      });
      expect((await loadActiveUser(db, customer.id))?.role).toBe("customer");

      const email = `${unique("short")}@example.test`;
      const short = await failureOf(api.users.create({ name: "Short", email, role: "agent", password: "seven77" }));
      expect(short).toMatchObject({ code: "BAD_REQUEST", fields: ["password"] });
      const customerRole = await failureOf(api.users.create({ name: "Cust", email, role: "customer" as "agent", password: "long enough" }));
      expect(customerRole).toMatchObject({ code: "BAD_REQUEST", fields: ["role"] });
      expect(await db.select().from(users).where(eq(users.email, email))).toEqual([]);
    });

    it("pages customers by name with keyset cursors, matching name or email, wildcards taken literally", async () => {
      const { api } = await adminApi();
      const tag = unique("pager");
      const names = ["Eve", "Bob", "Dee", "Ann", "Cal"].map((first) => `${first} ${tag}`);
      for (const name of names) await createUser(db, { name });
      await createUser(db, { name: `Staffer ${tag}`, role: "agent" });

      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await api.users.list({ kind: "customers", query: tag, limit: 2, cursor });
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map((u) => u.name));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual([...names].sort());

      const byEmail = await api.users.list({ kind: "staff", query: "agent-", limit: 100 });
      expect(byEmail.items.every((u) => u.role !== "customer")).toBe(true);
      expect((await api.users.list({ kind: "customers", query: `${tag}%`, limit: 10 })).items).toEqual([]);
      expect((await failureOf(api.users.list({ kind: "customers", cursor: "garbage", limit: 10 }))).code).toBe("BAD_REQUEST");
      expect((await failureOf(api.users.list({ kind: "customers", limit: 101 }))).code).toBe("BAD_REQUEST");
    });

    it("changes roles; demoting to customer leaves teams; nobody can change their own role", async () => {
      const { admin, api } = await adminApi();
      const agent = await createUser(db, { role: "agent" });
      const team = await api.teams.create({ name: unique("Role team") });
      await api.teams.addMember({ teamId: team.id, userId: agent.id });

      expect(await api.users.setRole({ userId: agent.id, role: "manager" })).toMatchObject({ role: "manager" });
      expect((await loadActiveUser(db, agent.id))?.role).toBe("manager");
      await api.users.setRole({ userId: agent.id, role: "customer" });
      expect(await db.select().from(teamMembers).where(eq(teamMembers.userId, agent.id))).toEqual([]);

      const self = await failureOf(api.users.setRole({ userId: admin.id, role: "agent" }));
      expect(self).toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("your own role") });
      expect((await loadActiveUser(db, admin.id))?.role).toBe("admin");
      expect((await failureOf(api.users.setRole({ userId: crypto.randomUUID(), role: "agent" }))).code).toBe("NOT_FOUND");
    });

    it("disables a user so they can neither sign in nor use a session, and re-enables them", async () => {
      const { admin, api } = await adminApi();
      const agent = await createUser(db, { role: "agent" });
      const disabled = await api.users.setDisabled({ userId: agent.id, disabled: true });
      expect(disabled.disabledAt).toBeInstanceOf(Date);
      expect(await loadActiveUser(db, agent.id)).toBeNull();
      expect(await checkCredentials(db, agent.email, "correct horse battery")).toBeNull();

      await api.users.setDisabled({ userId: agent.id, disabled: false });
      expect(await loadActiveUser(db, agent.id)).toMatchObject({ id: agent.id });

      const self = await failureOf(api.users.setDisabled({ userId: admin.id, disabled: true }));
      expect(self).toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("your own account") });
      expect(await loadActiveUser(db, admin.id)).not.toBeNull();
    });

    it("never removes the last active admin, even when a request was authorized before a concurrent change", async () => {
      await inRolledBackTransaction(db, async (tx) => {
        const first = await createUser(tx, { role: "admin" });
        const second = await createUser(tx, { role: "admin" });
        // In this transaction only: these two are the workspace's only active admins.
        await tx
          .update(users)
          .set({ disabledAt: new Date() })
          .where(and(eq(users.role, "admin"), isNull(users.disabledAt), notInArray(users.id, [first.id, second.id])));

        await callerFor(tx, first).admin.users.setRole({ userId: second.id, role: "agent" });
        // `second` still holds a session loaded as admin (a request in flight): it must not take `first` away.
        const stale = callerFor(tx, second).admin.users;
        expect(await failureOf(stale.setRole({ userId: first.id, role: "agent" }))).toMatchObject({
          code: "CONFLICT",
          message: expect.stringContaining("last active admin"),
        });
        expect((await failureOf(stale.setDisabled({ userId: first.id, disabled: true }))).code).toBe("CONFLICT");
        expect(await loadActiveUser(tx, first.id)).toMatchObject({ role: "admin" });
      });
    });
  });

  describe("teams", () => {
    it("creates and renames teams with unique names, ignoring case", async () => {
      const { api } = await adminApi();
      const name = unique("Billing");
      const team = await api.teams.create({ name, description: "Invoices" });
      const other = await api.teams.create({ name: unique("Other") });

      const clash = await failureOf(api.teams.create({ name: name.toUpperCase() }));
      expect(clash).toMatchObject({ code: "CONFLICT", message: `A team named "${name}" already exists. Choose another name.` });
      expect((await failureOf(api.teams.update({ id: other.id, name, description: "" }))).code).toBe("CONFLICT");

      const renamed = await api.teams.update({ id: team.id, name: name.toUpperCase(), description: "Invoices and refunds" });
      expect(renamed).toMatchObject({ name: name.toUpperCase(), description: "Invoices and refunds" });
      expect((await api.teams.list()).find((t) => t.id === other.id)?.name).toBe(other.name);
      expect((await failureOf(api.teams.update({ id: crypto.randomUUID(), name: unique("Gone"), description: "" }))).code).toBe("NOT_FOUND");
    });

    it("adds and removes staff members, and refuses customers and disabled people", async () => {
      const { api } = await adminApi();
      const team = await api.teams.create({ name: unique("Members") });
      const agent = await createUser(db, { role: "agent" });
      const customer = await createUser(db);
      const disabled = await createUser(db, { role: "agent", disabled: true });

      await api.teams.addMember({ teamId: team.id, userId: agent.id });
      await api.teams.addMember({ teamId: team.id, userId: agent.id });
      const members = async () => (await api.teams.list()).find((t) => t.id === team.id)?.members.map((m) => m.id);
      expect(await members()).toEqual([agent.id]);

      expect(await failureOf(api.teams.addMember({ teamId: team.id, userId: customer.id }))).toMatchObject({
        code: "BAD_REQUEST",
        message: expect.stringContaining("is a customer"),
      });
      expect((await failureOf(api.teams.addMember({ teamId: team.id, userId: disabled.id }))).code).toBe("BAD_REQUEST");
      expect((await failureOf(api.teams.addMember({ teamId: crypto.randomUUID(), userId: agent.id }))).code).toBe("NOT_FOUND");
      expect(await members()).toEqual([agent.id]);

      expect(await api.teams.removeMember({ teamId: team.id, userId: agent.id })).toEqual({ removed: true });
      expect(await api.teams.removeMember({ teamId: team.id, userId: agent.id })).toEqual({ removed: false });
      expect(await members()).toEqual([]);
    });
  });

  describe("categories", () => {
    it("creates, edits, archives and unarchives; archived categories leave the new-ticket form", async () => {
      const { api } = await adminApi();
      const customerApi = callerFor(db, await createUser(db));
      const team = await api.teams.create({ name: unique("Routing") });
      const name = unique("Refunds");
      const category = await api.categories.create({ name, description: "Money back", defaultTeamId: team.id, defaultPriority: "high" });
      expect(category).toMatchObject({ name, defaultTeamId: team.id, defaultPriority: "high", archivedAt: null });
      expect((await customerApi.categories.list()).map((c) => c.id)).toContain(category.id);

      const edited = await api.categories.update({ id: category.id, name: `${name} v2`, description: "", defaultTeamId: null, defaultPriority: "low" });
      expect(edited).toMatchObject({ name: `${name} v2`, defaultTeamId: null, defaultPriority: "low", position: category.position });

      await api.categories.setArchived({ id: category.id, archived: true });
      expect((await customerApi.categories.list()).map((c) => c.id)).not.toContain(category.id);
      expect((await api.categories.list()).find((c) => c.id === category.id)?.archivedAt).toBeInstanceOf(Date);

      await api.categories.setArchived({ id: category.id, archived: false });
      expect((await customerApi.categories.list()).map((c) => c.id)).toContain(category.id);
    });

    it("refuses a taken name, a missing team and bad fields, changing nothing", async () => {
      const { api } = await adminApi();
      const { category } = await createCategory(db);
      const other = await api.categories.create({ name: unique("Other") });
      expect(await failureOf(api.categories.create({ name: category.name.toLowerCase() }))).toMatchObject({
        code: "CONFLICT",
        message: expect.stringContaining(category.name),
      });
      const fields = { description: "", defaultPriority: "normal" as const };
      expect((await failureOf(api.categories.update({ id: other.id, name: category.name, defaultTeamId: null, ...fields }))).code).toBe("CONFLICT");
      const missingTeam = await failureOf(api.categories.update({ id: other.id, name: other.name, defaultTeamId: crypto.randomUUID(), ...fields }));
      expect(missingTeam.code).toBe("BAD_REQUEST");
      const bad = await failureOf(api.categories.update({ id: other.id, name: "", defaultTeamId: "not-a-team", ...fields }));
      expect(bad).toMatchObject({ code: "BAD_REQUEST", fields: ["name", "defaultTeamId"] });
      expect((await api.categories.list()).find((c) => c.id === other.id)).toMatchObject({ name: other.name, defaultTeamId: null });
    });
  });

  describe("canned responses", () => {
    it("lets admins create, edit and delete them, and agents list them", async () => {
      const { api } = await adminApi();
      const agentApi = callerFor(db, await createUser(db, { role: "agent" })).admin;
      const title = unique("Refund issued");
      const created = await api.cannedResponses.create({ title, body: "Hi {{requester.first_name}}, your refund for #{{ticket.number}} is on its way." });

      expect((await agentApi.cannedResponses.list({ query: title })).map((r) => r.id)).toEqual([created.id]);
      expect((await failureOf(agentApi.cannedResponses.create({ title: "Nope", body: "Agents cannot" }))).code).toBe("FORBIDDEN");

      const updated = await api.cannedResponses.update({ id: created.id, title: `${title} (v2)`, body: "Thanks, {{ agent.name }}" });
      expect(updated).toMatchObject({ title: `${title} (v2)`, body: "Thanks, {{ agent.name }}" });

      await api.cannedResponses.delete({ id: created.id });
      expect(await agentApi.cannedResponses.list({ query: title })).toEqual([]);
      expect((await failureOf(api.cannedResponses.delete({ id: created.id }))).code).toBe("NOT_FOUND");
    });

    it("refuses long titles and bodies, empty bodies and unknown placeholders, saving nothing", async () => {
      const { api } = await adminApi();
      const title = unique("Refused");
      const attempts = [
        { title: "x".repeat(121), body: "ok", field: "title" },
        { title, body: "x".repeat(10_001), field: "body" },
        { title, body: "   ", field: "body" },
        { title, body: "Hi {{requester.nmae}}", field: "body" },
      ];
      for (const { field, ...input } of attempts) {
        expect(await failureOf(api.cannedResponses.create(input)), field).toMatchObject({ code: "BAD_REQUEST", fields: [field] });
      }
      expect(await db.select().from(cannedResponses).where(eq(cannedResponses.title, title))).toEqual([]);
    });

    it("renders placeholders, leaving unknown ones as written", () => {
      const values = { requesterName: "  Dana   Whitfield ", ticketNumber: 1042, agentName: "Alex Morgan" };
      expect(
        renderCannedResponse("Hi {{requester.first_name}} ({{ requester.name }}), re #{{ticket.number}}: {{unknown.thing}}. — {{agent.name}}", values),
      ).toBe("Hi Dana (Dana   Whitfield), re #1042: {{unknown.thing}}. — Alex Morgan");
      expect(renderCannedResponse("{{requester.name}}", { ...values, requesterName: "[click](https://evil.test)" })).toBe(
        "\\[click\\](https://evil.test)",
      );
      expect(renderCannedResponse("No placeholders {{ }} {x}", values)).toBe("No placeholders {{ }} {x}");
    });
  });

  describe("settings", () => {
    it("updates the limits and survey settings, and refuses out-of-range values without changing anything", async () => {
      await inRolledBackTransaction(db, async (tx) => {
        const api = callerFor(tx, await createUser(tx, { role: "admin" })).admin.settings;
        const valid = { attachmentMaxMb: 25, attachmentMaxCount: 7, autoCloseDays: 30, satisfactionSurveys: false, satisfactionLinkDays: 30, reopenOnBadRating: true, assignOnFirstReply: false, ccPolicy: "organization" as const, blockedExtensions: ["exe", "js"] };
        const saved = await api.update(valid);
        expect(saved).toMatchObject(valid);
        // Extensions are stored without dots, lower-case, once each, sorted.
        expect(await api.update({ ...valid, blockedExtensions: [".BAT", "exe", "bat"] })).toMatchObject({ blockedExtensions: ["bat", "exe"] });
        await api.update(valid);

        const invalid = [
          { ...valid, attachmentMaxMb: 0 },
          { ...valid, attachmentMaxMb: 101 },
          { ...valid, attachmentMaxCount: 21 },
          { ...valid, autoCloseDays: 366 },
          { ...valid, attachmentMaxMb: 2.5 },
          { ...valid, attachmentMaxMb: Number.NaN },
          { ...valid, satisfactionLinkDays: 0 },
          { ...valid, satisfactionLinkDays: 366 },
          { ...valid, satisfactionSurveys: "yes" as unknown as boolean },
          { ...valid, ccPolicy: "everyone" as unknown as "anyone" },
          { ...valid, blockedExtensions: ["ex e"] },
          { ...valid, blockedExtensions: ["../x"] },
        ];
        for (const input of invalid) expect((await failureOf(api.update(input))).code, JSON.stringify(input)).toBe("BAD_REQUEST");
        expect(await api.get()).toMatchObject(valid);
      });
    });
  });
});
