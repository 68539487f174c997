/**
 * The role × scope matrix of the REST API, as access-control.test.ts is for
 * tRPC: every route of the registry, called with a token of each role
 * holding each scope alone and all of them, and with no token, a revoked
 * one, an expired one and one whose owner is disabled. A token that is not
 * valid answers 401; a missing scope or a role below the route's answers
 * 403; anything else never answers 401 or 403. Then the leak checks: a
 * customer's token never sees another customer's ticket, nor an internal
 * note, nor a colleague's ticket when the organization does not share.
 */
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it, vi } from "vitest";
import { apiTokens, users, type ApiScope, type UserRole } from "@/db/schema";
import { apiScopes } from "@/lib/vocabularies";
import { hashTokenSecret } from "@/server/api-tokens/token-secret";
import { apiRoutes } from "@/server/api/routes";
import type { ApiRoute } from "@/server/api/route-definition";
import { callApi, tokenFor, type ApiAnswer } from "../support/api-client";
import { callExample, createApiFixtures, exampleFor } from "../support/api-examples";
import { leakProbes } from "../support/api-leak-probes";
import { createUser } from "../support/factories";
import { endRequestSessions } from "../support/request-session";
import { useTestDatabase } from "../support/test-db";

vi.mock("@/server/db", async () => (await import("../support/request-session")).dbModule());
vi.mock("@/server/attachments/storage", async (original) => (await import("../support/request-session")).storageModule(await original()));

const roles = ["customer", "agent", "manager", "admin"] as const satisfies readonly UserRole[];
const rank: Record<UserRole, number> = { customer: 0, agent: 1, manager: 2, admin: 3 };
const scopeSets: [string, readonly ApiScope[]][] = [...apiScopes.map((scope): [string, readonly ApiScope[]] => [scope, [scope]]), ["all scopes", apiScopes]];
const invalidKinds = ["no token", "revoked token", "expired token", "disabled owner's token"] as const;
/** Requests in flight at once: enough to overlap, few enough for one PGlite. */
const BATCH = 8;

interface Case {
  label: string;
  token: string | null;
  /** The owner's role; null for a token that is not valid (none, revoked, expired, disabled owner). */
  role: UserRole | null;
  scopes: readonly ApiScope[];
}

/** 401 for a token that is not valid, 403 for a refusal, "allowed" for anything but 401 and 403. */
type Expected = 401 | 403 | "allowed";

async function inBatches<T, R>(items: readonly T[], run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += BATCH) results.push(...(await Promise.all(items.slice(start, start + BATCH).map(run))));
  return results;
}

describe("REST API access control", async () => {
  const { db } = await useTestDatabase();
  afterAll(endRequestSessions);
  const fixtures = await createApiFixtures(db);

  const valid: Case[] = [];
  for (const role of roles) {
    const owner = await createUser(db, { role });
    for (const [label, scopes] of scopeSets) valid.push({ label: `${role} with ${label}`, token: await tokenFor(db, owner, scopes), role, scopes });
  }
  const admin = await createUser(db, { role: "admin" });
  const revoked = await tokenFor(db, admin);
  await db.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.secretHash, hashTokenSecret(revoked)));
  const expired = await tokenFor(db, admin, apiScopes, { expiresAt: new Date(Date.now() - 60_000) });
  const disabledAdmin = await createUser(db, { role: "admin" });
  const disabledOwners = await tokenFor(db, disabledAdmin);
  await db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, disabledAdmin.id));
  const invalidTokens: Record<(typeof invalidKinds)[number], string | null> = { "no token": null, "revoked token": revoked, "expired token": expired, "disabled owner's token": disabledOwners };
  const invalid: Case[] = invalidKinds.map((kind) => ({ label: kind, token: invalidTokens[kind], role: null, scopes: apiScopes }));

  const protectedRoutes = apiRoutes.filter((route) => route.scope !== null);

  function expectationFor(route: ApiRoute, entry: Case): Expected {
    if (entry.role === null) return 401;
    if (route.scope && !entry.scopes.includes(route.scope)) return 403;
    return rank[entry.role] < rank[route.role] ? 403 : "allowed";
  }

  function mismatchOf(route: ApiRoute, entry: Case, answer: ApiAnswer): string | null {
    const expected = expectationFor(route, entry);
    const refused = answer.status === 401 || answer.status === 403;
    const what = `${route.method} ${route.path} as ${entry.label}: ${answer.status}`;
    if (refused && answer.headers.get("content-type") !== "application/problem+json") return `${what} is not problem+json`;
    if (expected === "allowed") return refused ? `${what}, expected neither 401 nor 403 (${JSON.stringify(answer.body).slice(0, 200)})` : null;
    return answer.status === expected ? null : `${what}, expected ${expected}`;
  }

  it("puts every route in the matrix but the public OpenAPI document", () => {
    expect(protectedRoutes.length).toBeGreaterThan(0);
    expect(apiRoutes.filter((route) => route.scope === null).map((route) => route.path)).toEqual(["/openapi.json"]);
  });

  it.each(protectedRoutes.map((route) => [`${route.method} ${route.path}`, route] as const))("%s: every role × scope, and every invalid token", async (_name, route) => {
    const cases = [...invalid, ...valid];
    const mismatches = await inBatches(cases, async (entry) => mismatchOf(route, entry, await callExample(db, route, await exampleFor(route.operationId, fixtures), entry.token)));
    expect(mismatches.filter(Boolean)).toEqual([]);
  });

  it("serves the public OpenAPI document to anyone, any token or none", async () => {
    for (const token of [null, revoked, valid[0]?.token ?? null]) expect((await callApi(db, "GET", "/openapi.json", { token })).status).toBe(200);
  });

  it("never shows a customer another's ticket, an internal note, or an unshared colleague's ticket (0 leaks)", async () => {
    const { leaks, missedControls } = await leakProbes(db, fixtures);
    expect(missedControls, "positive controls: the probes must see what their owner may see").toEqual([]);
    expect(leaks).toEqual([]);
  });
});
