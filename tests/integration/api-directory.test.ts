/**
 * The REST API's people, organizations, teams, categories and reports
 * through the real dispatcher: the admin rules of the domain (nobody demotes
 * or disables themselves) hold at this door too, a taken address or name is
 * a 409 naming its field, bad input a 422 naming its fields, a role or scope
 * too small a 403, and a report reads as the desk's table or its CSV.
 */
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it, vi } from "vitest";
import { users } from "@/db/schema";
import { addTeamMember } from "@/server/admin/teams";
import { appRouter } from "@/server/routers/_app";
import { callApi, tokenFor, type ApiAnswer } from "../support/api-client";
import { createCategory, createOrganization, createUser, unique } from "../support/factories";
import { endRequestSessions } from "../support/request-session";
import { useTestDatabase } from "../support/test-db";

vi.mock("@/server/db", async () => (await import("../support/request-session")).dbModule());
vi.mock("@/server/attachments/storage", async (original) => (await import("../support/request-session")).storageModule(await original()));

const fieldsOf = (answer: ApiAnswer) => ((answer.json.errors ?? []) as { field: string }[]).map((error) => error.field);
const idsOf = (answer: ApiAnswer) => (answer.json.data as { id: string }[]).map((item) => item.id);
const email = (domain = "example.test") => `${unique("person")}@${domain}`;

describe("REST API: people, organizations, teams, categories and reports", async () => {
  const { db } = await useTestDatabase();
  afterAll(endRequestSessions);
  const admin = await createUser(db, { role: "admin" });
  const manager = await createUser(db, { role: "manager" });
  const agent = await createUser(db, { role: "agent" });
  const customer = await createUser(db);
  const adminToken = await tokenFor(db, admin);
  const managerToken = await tokenFor(db, manager);
  const agentToken = await tokenFor(db, agent);
  const customerToken = await tokenFor(db, customer);

  describe("users", () => {
    it("adds a customer, pending at the organization of their domain, and never shows a password", async () => {
      const organization = await createOrganization(db);
      const address = email(organization.domain ?? "");
      const created = await callApi(db, "POST", "/users", { token: adminToken, body: { name: "  Cleo Customer ", email: address.toUpperCase() } });
      expect(created.status).toBe(201);
      expect(created.json).toEqual({
        id: expect.any(String),
        name: "Cleo Customer",
        email: address,
        role: "customer",
        organization_id: null,
        pending_organization_id: organization.id,
        email_verified: false,
        disabled: false,
        custom_fields: {},
        created_at: expect.any(String),
      });
      expect(created.headers.get("location")).toBe(`/api/v1/users/${String(created.json.id)}`);
      const read = await callApi(db, "GET", `/users/${String(created.json.id)}`, { token: agentToken });
      expect(read.json).toEqual(created.json);
    });

    it("adds a member of an organization, and a staff member with a role and no password", async () => {
      const organization = await createOrganization(db);
      const member = await callApi(db, "POST", "/users", { token: adminToken, body: { name: "Mo Member", email: email(), organization_id: organization.id } });
      expect(member.json).toMatchObject({ role: "customer", organization_id: organization.id, pending_organization_id: null });
      const staff = await callApi(db, "POST", "/users", { token: adminToken, body: { name: "Ada Agent", email: email(), role: "agent" } });
      expect(staff.status).toBe(201);
      expect(staff.json).toMatchObject({ role: "agent", organization_id: null });
      const [row] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, String(staff.json.id)));
      expect(row?.passwordHash).toBeNull();
    });

    it("answers 409 naming email for a taken address (any case, customer or staff), and 422 naming each bad field", async () => {
      for (const role of ["customer", "manager"]) {
        const taken = await callApi(db, "POST", "/users", { token: adminToken, body: { name: "Dup", email: customer.email.toUpperCase(), role } });
        expect(taken.status).toBe(409);
        expect(taken.headers.get("content-type")).toBe("application/problem+json");
        expect(taken.json).toMatchObject({ code: "CONFLICT" });
        expect(fieldsOf(taken)).toEqual(["email"]);
      }
      const bad = await callApi(db, "POST", "/users", { token: adminToken, body: { name: "", email: "not an address", role: "owner" } });
      expect(bad.status).toBe(422);
      expect(fieldsOf(bad).sort()).toEqual(["email", "name", "role"]);
      const nowhere = await callApi(db, "POST", "/users", { token: adminToken, body: { name: "Lost", email: email(), organization_id: crypto.randomUUID() } });
      expect(nowhere.status).toBe(422);
      expect(fieldsOf(nowhere)).toEqual(["organization_id"]);
    });

    it("lists by search, role and organization, by name, with cursor paging", async () => {
      const tag = unique("dir");
      const organization = await createOrganization(db);
      const [ann, bob, cal] = await Promise.all(["Ann", "Bob", "Cal"].map((first) => createUser(db, { name: `${first} ${tag}`, organizationId: organization.id })));
      const staff = await createUser(db, { name: `Dee ${tag}`, role: "manager" });
      const first = await callApi(db, "GET", `/users?q=${tag}&limit=2`, { token: agentToken });
      expect(first.status).toBe(200);
      expect(idsOf(first)).toEqual([ann?.id, bob?.id]);
      const second = await callApi(db, "GET", String(first.json.next).replace("/api/v1", ""), { token: agentToken });
      expect(idsOf(second)).toEqual([cal?.id, staff.id]);
      expect(second.json.next).toBeNull();
      expect(idsOf(await callApi(db, "GET", `/users?q=${tag}&role=staff`, { token: agentToken }))).toEqual([staff.id]);
      expect(idsOf(await callApi(db, "GET", `/users?q=${tag}&role=manager`, { token: agentToken }))).toEqual([staff.id]);
      expect(idsOf(await callApi(db, "GET", `/users?q=${tag}&role=admin`, { token: agentToken }))).toEqual([]);
      expect(idsOf(await callApi(db, "GET", `/users?organization_id=${organization.id}`, { token: agentToken }))).toEqual([ann?.id, bob?.id, cal?.id]);
      expect(fieldsOf(await callApi(db, "GET", "/users?role=boss&organization_id=nope", { token: agentToken })).sort()).toEqual(["organization_id", "role"]);
      expect((await callApi(db, "GET", "/users?cursor=garbage", { token: agentToken })).status).toBe(422);
      expect((await callApi(db, "GET", `/users/${crypto.randomUUID()}`, { token: agentToken })).status).toBe(404);
      expect(fieldsOf(await callApi(db, "GET", "/users/not-an-id", { token: agentToken }))).toEqual(["id"]);
    });

    it("changes name, email, organization, role and access; a new address is unverified", async () => {
      const organization = await createOrganization(db);
      const person = await createUser(db);
      await db.update(users).set({ emailVerified: new Date() }).where(eq(users.id, person.id));
      const address = email();
      const patched = await callApi(db, "PATCH", `/users/${person.id}`, { token: adminToken, body: { name: "Renamed", email: address, organization_id: organization.id, role: "agent", disabled: true } });
      expect(patched.status).toBe(200);
      expect(patched.json).toMatchObject({ name: "Renamed", email: address, organization_id: organization.id, role: "agent", disabled: true, email_verified: false });
      const back = await callApi(db, "PATCH", `/users/${person.id}`, { token: adminToken, body: { organization_id: null, disabled: false } });
      expect(back.json).toMatchObject({ organization_id: null, disabled: false, role: "agent" });
      const taken = await callApi(db, "PATCH", `/users/${person.id}`, { token: adminToken, body: { email: customer.email } });
      expect(taken.status).toBe(409);
      expect(fieldsOf(taken)).toEqual(["email"]);
      const empty = await callApi(db, "PATCH", `/users/${person.id}`, { token: adminToken, body: {} });
      expect(empty.status).toBe(422);
      expect((await callApi(db, "PATCH", `/users/${crypto.randomUUID()}`, { token: adminToken, body: { name: "Nobody" } })).status).toBe(404);
    });

    it("keeps the admin rules: nobody demotes or disables themselves, and a refused change changes nothing", async () => {
      const demote = await callApi(db, "PATCH", `/users/${admin.id}`, { token: adminToken, body: { name: "Not Saved", role: "agent" } });
      expect(demote.status).toBe(403);
      expect(demote.json.code).toBe("FORBIDDEN");
      expect((await callApi(db, "PATCH", `/users/${admin.id}`, { token: adminToken, body: { disabled: true } })).status).toBe(403);
      const me = await callApi(db, "GET", `/users/${admin.id}`, { token: adminToken });
      expect(me.json).toMatchObject({ name: admin.name, role: "admin", disabled: false });
    });

    it("refuses a role or a scope too small with 403", async () => {
      const body = { name: "Refused", email: email() };
      expect((await callApi(db, "POST", "/users", { token: agentToken, body })).status).toBe(403);
      expect((await callApi(db, "POST", "/users", { token: managerToken, body })).status).toBe(403);
      expect((await callApi(db, "GET", "/users", { token: customerToken })).status).toBe(403);
      const readOnly = await tokenFor(db, admin, ["users:read"]);
      expect((await callApi(db, "GET", "/users", { token: readOnly })).status).toBe(200);
      expect((await callApi(db, "POST", "/users", { token: readOnly, body })).status).toBe(403);
      expect((await callApi(db, "PATCH", `/users/${customer.id}`, { token: readOnly, body: { name: "x" } })).status).toBe(403);
      const ticketsOnly = await tokenFor(db, admin, ["tickets:read", "tickets:write"]);
      expect((await callApi(db, "GET", `/users/${customer.id}`, { token: ticketsOnly })).status).toBe(403);
      expect(await db.select().from(users).where(eq(users.email, body.email))).toEqual([]);
    });
  });

  describe("organizations", () => {
    it("adds one with defaults, and answers 409 naming the field for a taken name (any case) or domain", async () => {
      const name = unique("Acme");
      const domain = `${unique("acme")}.test`;
      const created = await callApi(db, "POST", "/organizations", { token: adminToken, body: { name, domain: domain.toUpperCase() } });
      expect(created.status).toBe(201);
      expect(created.json).toEqual({ id: expect.any(String), name, domain, domain_join: "verified_email", shares_tickets: false, member_count: 0, custom_fields: {}, created_at: expect.any(String) });
      const sameName = await callApi(db, "POST", "/organizations", { token: adminToken, body: { name: name.toLowerCase(), domain: null } });
      expect(sameName.status).toBe(409);
      expect(fieldsOf(sameName)).toEqual(["name"]);
      const sameDomain = await callApi(db, "POST", "/organizations", { token: adminToken, body: { name: unique("Other"), domain } });
      expect(sameDomain.status).toBe(409);
      expect(fieldsOf(sameDomain)).toEqual(["domain"]);
      const both = await callApi(db, "POST", "/organizations", { token: adminToken, body: { name, domain } });
      expect(fieldsOf(both).sort()).toEqual(["domain", "name"]);
      const bad = await callApi(db, "POST", "/organizations", { token: adminToken, body: { name: " ", domain: "https://acme.test/", domain_join: "always" } });
      expect(bad.status).toBe(422);
      expect(fieldsOf(bad).sort()).toEqual(["domain", "domain_join", "name"]);
    });

    it("lists and reads with member counts; agents read, only admins write", async () => {
      const tag = unique("orgs");
      const ids: string[] = [];
      for (const first of ["Beta", "Alpha", "Gamma"]) {
        const answer = await callApi(db, "POST", "/organizations", { token: adminToken, body: { name: `${first} ${tag}`, domain: null, shares_tickets: true } });
        ids.push(String(answer.json.id));
      }
      const [beta, alpha, gamma] = ids;
      await createUser(db, { organizationId: alpha });
      const first = await callApi(db, "GET", `/organizations?q=${tag}&limit=2`, { token: agentToken });
      expect(idsOf(first)).toEqual([alpha, beta]);
      expect((first.json.data as { member_count: number }[]).map((o) => o.member_count)).toEqual([1, 0]);
      const second = await callApi(db, "GET", String(first.json.next).replace("/api/v1", ""), { token: agentToken });
      expect(idsOf(second)).toEqual([gamma]);
      expect((await callApi(db, "GET", `/organizations/${String(alpha)}`, { token: agentToken })).json).toMatchObject({ member_count: 1, shares_tickets: true });
      expect((await callApi(db, "GET", `/organizations/${crypto.randomUUID()}`, { token: agentToken })).status).toBe(404);
      expect((await callApi(db, "POST", "/organizations", { token: agentToken, body: { name: unique("No") } })).status).toBe(403);
      expect((await callApi(db, "PATCH", `/organizations/${String(alpha)}`, { token: managerToken, body: { shares_tickets: false } })).status).toBe(403);
      expect((await callApi(db, "GET", "/organizations", { token: customerToken })).status).toBe(403);
    });

    it("changes fields; closing the domain or moving it ends pending requests to join", async () => {
      const organization = await createOrganization(db);
      const pendingPerson = async () => {
        const answer = await callApi(db, "POST", "/users", { token: adminToken, body: { name: "Waiting", email: email(organization.domain ?? "") } });
        expect(answer.json.pending_organization_id).toBe(organization.id);
        return String(answer.json.id);
      };
      const pendingOf = async (id: string) => (await callApi(db, "GET", `/users/${id}`, { token: adminToken })).json.pending_organization_id;

      const first = await pendingPerson();
      const closed = await callApi(db, "PATCH", `/organizations/${organization.id}`, { token: adminToken, body: { domain_join: "off", shares_tickets: true } });
      expect(closed.json).toMatchObject({ domain_join: "off", shares_tickets: true, domain: organization.domain });
      expect(await pendingOf(first)).toBeNull();

      await callApi(db, "PATCH", `/organizations/${organization.id}`, { token: adminToken, body: { domain_join: "admin_approval" } });
      const second = await pendingPerson();
      const moved = await callApi(db, "PATCH", `/organizations/${organization.id}`, { token: adminToken, body: { domain: `${unique("moved")}.test` } });
      expect(moved.status).toBe(200);
      expect(await pendingOf(second)).toBeNull();

      const other = await createOrganization(db);
      const clash = await callApi(db, "PATCH", `/organizations/${organization.id}`, { token: adminToken, body: { name: "Kept?", domain: other.domain } });
      expect(clash.status).toBe(409);
      expect(fieldsOf(clash)).toEqual(["domain"]);
      expect((await callApi(db, "GET", `/organizations/${organization.id}`, { token: adminToken })).json.name).toBe(organization.name);
      expect((await callApi(db, "PATCH", `/organizations/${organization.id}`, { token: adminToken, body: {} })).status).toBe(422);
    });
  });

  describe("teams and categories", () => {
    it("lists teams with their members' ids, for staff only", async () => {
      const { team } = await createCategory(db);
      await addTeamMember(db, { teamId: team.id, userId: agent.id });
      const answer = await callApi(db, "GET", "/teams", { token: agentToken });
      expect(answer.status).toBe(200);
      expect((answer.json.data as { id: string }[]).find((t) => t.id === team.id)).toEqual({ id: team.id, name: team.name, description: "", assignment_mode: "off", member_ids: [agent.id] });
      expect((await callApi(db, "GET", "/teams", { token: customerToken })).status).toBe(403);
      expect((await callApi(db, "GET", "/teams", { token: await tokenFor(db, agent, ["users:read"]) })).status).toBe(403);
    });

    it("lists active categories to customers (names only), and archived ones to staff who ask", async () => {
      const { category: active, team } = await createCategory(db);
      const { category: archived } = await createCategory(db, { archived: true });
      const mine = await callApi(db, "GET", "/categories", { token: customerToken });
      expect(mine.status).toBe(200);
      const forCustomer = mine.json.data as { id: string }[];
      expect(forCustomer.find((c) => c.id === active.id)).toEqual({ id: active.id, name: active.name, description: "" });
      expect(forCustomer.some((c) => c.id === archived.id)).toBe(false);
      expect(fieldsOf(await callApi(db, "GET", "/categories?include_archived=true", { token: customerToken }))).toEqual(["include_archived"]);

      const staffView = await callApi(db, "GET", "/categories", { token: agentToken });
      expect((staffView.json.data as { id: string }[]).find((c) => c.id === active.id)).toEqual({
        id: active.id,
        name: active.name,
        description: "",
        default_team_id: team.id,
        default_priority: "normal",
        archived: false,
      });
      expect(idsOf(staffView)).not.toContain(archived.id);
      const all = await callApi(db, "GET", "/categories?include_archived=true", { token: agentToken });
      expect((all.json.data as { id: string; archived: boolean }[]).find((c) => c.id === archived.id)?.archived).toBe(true);
      expect((await callApi(db, "GET", "/categories?include_archived=yes", { token: agentToken })).status).toBe(422);
    });
  });

  describe("reports", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const organization = await createOrganization(db);
    const requester = await createUser(db, { organizationId: organization.id });
    const range = `from=${today}&to=${today}&time_zone=UTC&organization_id=${organization.id}`;

    it("reads every desk report by its URL name as the desk's table", async () => {
      const opened = await callApi(db, "POST", "/tickets", { token: await tokenFor(db, requester, ["tickets:write"]), body: { subject: "Counted in reports", body: "One ticket for the report filter." } });
      expect(opened.status).toBe(201);
      const volume = await callApi(db, "GET", `/reports/volume?${range}`, { token: managerToken });
      expect(volume.status).toBe(200);
      expect(volume.json).toEqual({
        columns: [expect.objectContaining({ key: "bucket" }), { key: "created", label: "Created", kind: "count" }, { key: "solved", label: "Solved", kind: "count" }],
        rows: [{ bucket: today, created: 1, solved: 0 }],
      });
      // Every report of the desk has an API name (the desk's camelCase names become kebab-case).
      const deskReports = Object.keys(appRouter._def.procedures).flatMap((path) => (path.startsWith("reports.") ? [path.slice("reports.".length)] : []));
      expect(deskReports.length).toBeGreaterThanOrEqual(9);
      for (const name of deskReports) {
        const urlName = name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
        const answer = await callApi(db, "GET", `/reports/${urlName}?${range}${name === "breakdown" ? "&dimension=priority" : ""}`, { token: managerToken });
        expect([name, answer.status]).toEqual([name, 200]);
        expect(answer.json.columns).toEqual(expect.any(Array));
      }
      expect((await callApi(db, "GET", `/reports/responseTimes?${range}`, { token: managerToken })).status).toBe(200);
    });

    it("answers CSV with Accept: text/csv, as a download", async () => {
      const answer = await callApi(db, "GET", `/reports/breakdown?${range}&dimension=priority&bucket=week`, { token: managerToken, headers: { accept: "text/csv" } });
      expect(answer.status).toBe(200);
      expect(answer.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(answer.headers.get("content-disposition")).toBe(`attachment; filename="breakdown-${today}-to-${today}.csv"`);
      expect(answer.headers.get("ratelimit-limit")).toEqual(expect.any(String));
      expect(String(answer.body).split("\r\n")[0]).toMatch(/^Priority,/);
      const json = await callApi(db, "GET", `/reports/breakdown?${range}&dimension=priority`, { token: managerToken, headers: { accept: "application/json, text/csv" } });
      expect(json.headers.get("content-type")).toBe("application/json");
    });

    it("answers 422 naming the fields at fault, and 403 below a manager or without reports:read", async () => {
      expect(fieldsOf(await callApi(db, "GET", `/reports/breakdown?${range}`, { token: managerToken }))).toEqual(["dimension"]);
      expect(fieldsOf(await callApi(db, "GET", `/reports/volume?${range}&dimension=team`, { token: managerToken }))).toEqual(["dimension"]);
      expect(fieldsOf(await callApi(db, "GET", `/reports/volume?from=${today}&to=2000-01-01`, { token: managerToken }))).toEqual(["to"]);
      expect(fieldsOf(await callApi(db, "GET", "/reports/volume?from=2020-01-01&to=2025-01-01&bucket=day", { token: managerToken }))).toEqual(["from"]);
      expect(fieldsOf(await callApi(db, "GET", `/reports/everything?${range}`, { token: managerToken }))).toEqual(["name"]);
      expect(fieldsOf(await callApi(db, "GET", `/reports/volume?from=${today}&to=${today}&time_zone=Mars/Olympus`, { token: managerToken }))).toEqual(["time_zone"]);
      expect(fieldsOf(await callApi(db, "GET", "/reports/volume", { token: managerToken })).sort()).toEqual(["from", "to"]);
      expect((await callApi(db, "GET", `/reports/volume?${range}`, { token: agentToken })).status).toBe(403);
      expect((await callApi(db, "GET", `/reports/volume?${range}`, { token: await tokenFor(db, manager, ["tickets:read", "users:read"]) })).status).toBe(403);
    });
  });

  it("documents the routes, and a report's CSV beside its JSON", async () => {
    const document = (await callApi(db, "GET", "/openapi.json")).json as { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>> };
    for (const path of ["/users", "/users/{id}", "/organizations", "/organizations/{id}", "/teams", "/categories", "/reports/{name}"]) expect(document.paths[path]).toBeDefined();
    expect(Object.keys(document.paths["/reports/{name}"]?.get?.responses["200"]?.content ?? {})).toEqual(["application/json", "text/csv"]);
  });
});
