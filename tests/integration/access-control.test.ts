/**
 * Every procedure of the app router, called by every kind of person. Each
 * procedure must have a declared policy here: a new procedure without one
 * fails this test, and so does a procedure whose builder lets in a role its
 * policy does not.
 */
import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import type { UserRole } from "@/db/schema";
import { appRouter } from "@/server/routers/_app";
import type { SessionUser } from "@/server/users/session-user";
import { callerFor, createUser } from "../support/factories";
import { useTestDatabase } from "../support/test-db";

type Policy = "public" | UserRole;

/** The least role that may call each procedure (roles are nested: admin ⊃ manager ⊃ agent ⊃ customer). */
const policies: Record<string, Policy> = {
  "auth.signUp": "public",
  "auth.verifyEmail": "public",
  "auth.me": "public",
  "categories.list": "customer",
  "categories.forms": "customer",
  "tickets.create": "customer",
  "tickets.list": "customer",
  "tickets.get": "customer",
  "tickets.reply": "customer",
  "tickets.search": "customer",
  "tickets.solve": "customer",
  "desk.queue": "agent",
  "desk.counts": "agent",
  "desk.options": "agent",
  "desk.update": "agent",
  "desk.bulkUpdate": "agent",
  "desk.undo": "agent",
  "desk.merge": "agent",
  "desk.mergePreview": "agent",
  "desk.undoMerge": "agent",
  "desk.heartbeat": "agent",
  "desk.requesterHistory": "agent",
  "desk.setAway": "agent",
  "desk.ccs.add": "agent",
  "desk.ccs.remove": "agent",
  "desk.follow": "agent",
  "desk.unfollow": "agent",
  "reports.summary": "manager",
  "reports.volume": "manager",
  "reports.backlog": "manager",
  "reports.responseTimes": "manager",
  "reports.sla": "manager",
  "reports.satisfaction": "manager",
  "reports.reopens": "manager",
  "reports.agents": "manager",
  "reports.breakdown": "manager",
  "reports.articleViews": "manager",
  "reports.searchesWithoutResult": "manager",
  "reports.articleHelpfulness": "manager",
  "reports.deflection": "manager",
  "admin.staff": "admin",
  "admin.users.list": "admin",
  "admin.users.create": "admin",
  "admin.users.setRole": "admin",
  "admin.users.setDisabled": "admin",
  "admin.users.fields": "agent",
  "admin.users.setFields": "agent",
  "admin.teams.list": "admin",
  "admin.teams.create": "admin",
  "admin.teams.update": "admin",
  "admin.teams.addMember": "admin",
  "admin.teams.removeMember": "admin",
  "admin.teams.setAssignmentMode": "admin",
  "admin.categories.list": "admin",
  "admin.categories.create": "admin",
  "admin.categories.update": "admin",
  "admin.categories.setArchived": "admin",
  "admin.categories.move": "admin",
  "admin.cannedResponses.list": "agent",
  "admin.cannedResponses.create": "admin",
  "admin.cannedResponses.update": "admin",
  "admin.cannedResponses.delete": "admin",
  "admin.settings.get": "admin",
  "admin.settings.update": "admin",
  "admin.customFields.list": "admin",
  "admin.customFields.create": "admin",
  "admin.customFields.update": "admin",
  "admin.customFields.setActive": "admin",
  "admin.customFields.forms": "admin",
  "admin.customFields.setForm": "admin",
  "admin.mailbox.list": "admin",
  "admin.mailbox.get": "admin",
  "admin.mailbox.resend": "admin",
  "admin.sla.calendars.list": "admin",
  "admin.sla.calendars.create": "admin",
  "admin.sla.calendars.update": "admin",
  "admin.sla.calendars.setDefault": "admin",
  "admin.sla.calendars.delete": "admin",
  "admin.sla.setTeamCalendar": "admin",
  "admin.sla.policies.list": "admin",
  "admin.sla.policies.scopeOptions": "admin",
  "admin.sla.policies.create": "admin",
  "admin.sla.policies.update": "admin",
  "admin.sla.policies.delete": "admin",
  "admin.automations.list": "admin",
  "admin.automations.create": "admin",
  "admin.automations.update": "admin",
  "admin.automations.delete": "admin",
  "admin.automations.move": "admin",
  "admin.automations.setActive": "admin",
  "admin.organizations.list": "admin",
  "admin.organizations.setDomainJoin": "admin",
  "admin.organizations.decidePendingMember": "admin",
  "admin.organizations.fields": "agent",
  "admin.organizations.setFields": "admin",
  "admin.webhooks.list": "admin",
  "admin.webhooks.get": "admin",
  "admin.webhooks.create": "admin",
  "admin.webhooks.update": "admin",
  "admin.webhooks.delete": "admin",
  "admin.webhooks.rotateSecret": "admin",
  "admin.webhooks.sendTestEvent": "admin",
  "admin.webhooks.deliveries.list": "admin",
  "admin.webhooks.deliveries.get": "admin",
  "admin.webhooks.deliveries.redeliver": "admin",
  "admin.mailboxes.list": "admin",
  "admin.mailboxes.get": "admin",
  "admin.mailboxes.create": "admin",
  "admin.mailboxes.update": "admin",
  "admin.mailboxes.delete": "admin",
  "admin.mailboxes.test": "admin",
  "satisfaction.link": "public",
  "satisfaction.rateByLink": "public",
  "satisfaction.get": "customer",
  "satisfaction.rate": "customer",
  "apiTokens.list": "customer",
  "apiTokens.create": "customer",
  "apiTokens.revoke": "customer",
  "apiTokens.listAll": "admin",
  "knowledge.categories": "public",
  "knowledge.category": "public",
  "knowledge.article": "public",
  "knowledge.search": "public",
  "knowledge.suggest": "public",
  "knowledge.recordView": "public",
  "knowledge.sitemap": "public",
  "knowledge.feedback": "public",
  "knowledge.manage.list": "agent",
  "knowledge.manage.get": "agent",
  "knowledge.manage.links": "agent",
  "knowledge.manage.fromTicket": "agent",
  "knowledge.manage.sections": "agent",
  "knowledge.manage.categories": "agent",
  "knowledge.manage.create": "agent",
  "knowledge.manage.update": "agent",
  "knowledge.manage.publish": "manager",
  "knowledge.manage.archive": "manager",
  "knowledge.manage.unpublish": "manager",
  "knowledge.manage.createCategory": "manager",
  "knowledge.manage.createSection": "manager",
  "knowledge.manage.renameCategory": "manager",
  "knowledge.manage.moveCategory": "manager",
  "knowledge.manage.renameSection": "manager",
  "knowledge.manage.moveSection": "manager",
  "portal.intake.start": "customer",
  "portal.intake.articleOpened": "customer",
};

const people = ["anonymous", "customer", "agent", "manager", "admin"] as const;
type Person = (typeof people)[number];
const rank: Record<Policy | Person, number> = { public: -1, anonymous: -1, customer: 0, agent: 1, manager: 2, admin: 3 };

const procedurePaths = Object.keys(appRouter._def.procedures).sort();

/** Calls a procedure by its dotted path with no input; resolves to the error code, or "OK". */
async function attempt(caller: ReturnType<typeof callerFor>, path: string): Promise<string> {
  const procedure = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
  try {
    await (procedure as (input?: unknown) => Promise<unknown>)(undefined);
    return "OK";
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

describe("access control", async () => {
  const { db } = await useTestDatabase();
  const users = {} as Record<Person, SessionUser | null>;

  beforeAll(async () => {
    users.anonymous = null;
    for (const role of ["customer", "agent", "manager", "admin"] as const) users[role] = await createUser(db, { role });
  });

  it("declares a policy for every procedure, and no policy for a procedure that does not exist", () => {
    expect(procedurePaths.filter((path) => !(path in policies)), "procedures without a declared policy").toEqual([]);
    expect(Object.keys(policies).filter((path) => !procedurePaths.includes(path)), "policies for missing procedures").toEqual([]);
  });

  it.each(procedurePaths)("%s admits exactly the roles its policy names", async (path) => {
    const policy = policies[path];
    expect(policy, `no declared policy for ${path}`).toBeDefined();
    for (const person of people) {
      const code = await attempt(callerFor(db, users[person]), path);
      const allowed = rank[person] >= rank[policy!];
      if (allowed) {
        expect(["UNAUTHORIZED", "FORBIDDEN"], `${person} should pass the role check of ${path}`).not.toContain(code);
      } else {
        expect(code, `${person} must be refused by ${path}`).toBe(person === "anonymous" ? "UNAUTHORIZED" : "FORBIDDEN");
      }
    }
  });
});
