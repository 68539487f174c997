/**
 * API tokens through the tRPC router and authenticateToken: the secret is
 * shown once and stored only as a hash beside its prefix; scopes are limited
 * by the owner's role; expiry, revocation (by the owner, by an admin, never
 * by anyone else) and a disabled owner all close the token; last use is
 * recorded at most once a minute; only admins list everyone's tokens.
 *
 * Tests may share one PostgreSQL database: each makes its own people and
 * looks only at their tokens.
 */
import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { apiTokens, users, type UserRole } from "@/db/schema";
import { authenticateToken } from "@/server/api-tokens/authenticate-token";
import { apiTokenLimits, scopesAllowedFor } from "@/server/api-tokens/token-rules";
import { hashTokenSecret } from "@/server/api-tokens/token-secret";
import { inputFailureOf } from "@/server/errors";
import type { SessionUser } from "@/server/users/session-user";
import { callerFor, createUser, unique } from "../support/factories";
import { useTestDatabase } from "../support/test-db";
import { codeOf, errorOf } from "../support/trpc-errors";

const DAY_MS = 86_400_000;

describe("API tokens", async () => {
  const { db } = await useTestDatabase();
  const api = (user: SessionUser) => callerFor(db, user).apiTokens;
  const rowsOf = (userId: string) => db.select().from(apiTokens).where(eq(apiTokens.userId, userId));
  const newToken = (user: SessionUser, input: Partial<{ name: string; scopes: ("tickets:read" | "tickets:write")[]; expiresInDays: number | null }> = {}) =>
    api(user).create({ name: input.name ?? unique("token"), scopes: input.scopes ?? ["tickets:read"], expiresInDays: input.expiresInDays });

  it("shows the secret once and stores only its hash and a short prefix", async () => {
    const customer = await createUser(db);
    const created = await api(customer).create({ name: "  CRM sync ", scopes: ["tickets:write", "tickets:read", "tickets:read"] });
    expect(created.token).toMatch(/^fd_[A-Za-z0-9_-]{43}$/);
    expect(created).toMatchObject({ name: "CRM sync", prefix: created.token.slice(0, 10), scopes: ["tickets:read", "tickets:write"], expiresAt: null });

    const [row] = await rowsOf(customer.id);
    expect(row?.secretHash).toBe(hashTokenSecret(created.token));
    expect(JSON.stringify(row)).not.toContain(created.token);

    const listed = await api(customer).list();
    expect(listed.map((token) => token.id)).toEqual([created.id]);
    expect(listed[0]).toMatchObject({ status: "active", lastUsedAt: null, revokedAt: null });
    expect(JSON.stringify(listed)).not.toContain(created.token);
    expect(Object.keys(listed[0] ?? {})).not.toContain("secretHash");

    const caller = await authenticateToken(db, created.token, "198.51.100.7");
    expect(caller).toMatchObject({ tokenId: created.id, scopes: ["tickets:read", "tickets:write"], user: { id: customer.id, role: "customer" } });
  });

  it("lets each role put on a token only the scopes it can use", async () => {
    expect(scopesAllowedFor("customer")).toEqual(["tickets:read", "tickets:write"]);
    expect(scopesAllowedFor("agent")).toEqual(["tickets:read", "tickets:write", "users:read"]);
    expect(scopesAllowedFor("manager")).toEqual(["tickets:read", "tickets:write", "users:read", "reports:read"]);
    expect(scopesAllowedFor("admin")).toEqual(["tickets:read", "tickets:write", "users:read", "users:write", "reports:read", "admin"]);

    const refusals: Record<UserRole, ("users:read" | "reports:read" | "users:write" | "admin")[]> = {
      customer: ["users:read", "reports:read", "users:write", "admin"],
      agent: ["reports:read", "users:write", "admin"],
      manager: ["users:write", "admin"],
      admin: [],
    };
    for (const [role, refused] of Object.entries(refusals) as [UserRole, (typeof refusals)[UserRole]][]) {
      const person = await createUser(db, { role });
      for (const scope of refused) {
        const error = await errorOf(api(person).create({ name: "too much", scopes: ["tickets:read", scope] }));
        expect(error?.code, `${role} with ${scope}`).toBe("BAD_REQUEST");
        expect(inputFailureOf(error)?.fieldErrors?.scopes?.[0]).toContain(scope);
      }
      const everything = await api(person).create({ name: "all I may", scopes: [...scopesAllowedFor(role)] });
      expect(everything.scopes).toEqual(scopesAllowedFor(role));
      expect(await rowsOf(person.id)).toHaveLength(1);
    }
  });

  it("refuses a missing or long name, no scopes, and an expiry outside 1 to 3650 days, writing nothing", async () => {
    const customer = await createUser(db);
    const attempts = [
      { name: " ", scopes: ["tickets:read"] as const },
      { name: "x".repeat(apiTokenLimits.nameMaxLength + 1), scopes: ["tickets:read"] as const },
      { name: "no scopes", scopes: [] as const },
      { name: "zero days", scopes: ["tickets:read"] as const, expiresInDays: 0 },
      { name: "too long", scopes: ["tickets:read"] as const, expiresInDays: apiTokenLimits.maxExpiryDays + 1 },
      { name: "half a day", scopes: ["tickets:read"] as const, expiresInDays: 1.5 },
    ];
    for (const input of attempts) {
      const error = await errorOf(api(customer).create({ ...input, scopes: [...input.scopes] }));
      expect(error?.code, input.name).toBe("BAD_REQUEST");
      expect(Object.keys(inputFailureOf(error)?.fieldErrors ?? {}).length, input.name).toBe(1);
    }
    expect(await rowsOf(customer.id)).toEqual([]);
  });

  it("expires a token after its days, and a token without expiry keeps working", async () => {
    const customer = await createUser(db);
    const before = Date.now();
    const expiring = await newToken(customer, { expiresInDays: 30 });
    const expiresAt = expiring.expiresAt?.getTime() ?? 0;
    expect(expiresAt).toBeGreaterThanOrEqual(before + 30 * DAY_MS - 60_000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 30 * DAY_MS + 60_000);
    const lasting = await newToken(customer, { expiresInDays: null });
    expect(lasting.expiresAt).toBeNull();

    await db.update(apiTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(apiTokens.id, expiring.id));
    await expect(authenticateToken(db, expiring.token, null)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(authenticateToken(db, lasting.token, null)).resolves.toMatchObject({ tokenId: lasting.id });
    const statuses = Object.fromEntries((await api(customer).list()).map((token) => [token.id, token.status]));
    expect(statuses).toEqual({ [expiring.id]: "expired", [lasting.id]: "active" });
  });

  it("is revoked by its owner (again is fine) and by an admin, never by another customer or an agent", async () => {
    const owner = await createUser(db);
    const stranger = await createUser(db);
    const agent = await createUser(db, { role: "agent" });
    const admin = await createUser(db, { role: "admin" });
    const mine = await newToken(owner);
    const theirs = await newToken(owner);

    for (const outsider of [stranger, agent]) {
      expect(await codeOf(api(outsider).revoke({ tokenId: mine.id }))).toBe("NOT_FOUND");
    }
    expect(await codeOf(api(owner).revoke({ tokenId: crypto.randomUUID() }))).toBe("NOT_FOUND");
    await expect(authenticateToken(db, mine.token, null)).resolves.toMatchObject({ tokenId: mine.id });

    const revoked = await api(owner).revoke({ tokenId: mine.id });
    expect(revoked).toMatchObject({ id: mine.id, status: "revoked" });
    const again = await api(owner).revoke({ tokenId: mine.id });
    expect(again.revokedAt?.getTime()).toBe(revoked.revokedAt?.getTime());
    await expect(authenticateToken(db, mine.token, null)).rejects.toMatchObject({ code: "UNAUTHORIZED" });

    await expect(api(admin).revoke({ tokenId: theirs.id })).resolves.toMatchObject({ status: "revoked" });
    await expect(authenticateToken(db, theirs.token, null)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect((await api(owner).list()).map((token) => token.status)).toEqual(["revoked", "revoked"]);
  });

  it("lists every token with its owner for admins only, paged newest first", async () => {
    const admin = await createUser(db, { role: "admin" });
    const owners = [await createUser(db, { name: unique("Ada") }), await createUser(db, { role: "manager" })];
    const created = [];
    for (const owner of owners) for (let i = 0; i < 3; i++) created.push({ owner, token: await newToken(owner) });
    const wanted = new Set(created.map((c) => c.token.id));

    expect(await codeOf(callerFor(db, owners[1] ?? admin).apiTokens.listAll({ limit: 10 }))).toBe("FORBIDDEN");

    const seen: string[] = [];
    let cursor: string | undefined;
    const times: number[] = [];
    do {
      const page = await api(admin).listAll({ cursor, limit: 2 });
      expect(page.items.length).toBeLessThanOrEqual(2);
      for (const item of page.items) {
        seen.push(item.id);
        times.push(item.createdAt.getTime());
        expect(Object.keys(item)).not.toContain("secretHash");
        const mine = created.find((c) => c.token.id === item.id);
        if (mine) expect(item.owner).toEqual({ id: mine.owner.id, name: mine.owner.name, email: mine.owner.email, role: mine.owner.role, disabled: false });
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor && [...wanted].some((id) => !seen.includes(id)));
    expect([...wanted].filter((id) => !seen.includes(id))).toEqual([]);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(await codeOf(api(admin).listAll({ cursor: "not-a-cursor", limit: 2 }))).toBe("BAD_REQUEST");
  });

  it("stops working when its owner is disabled, and a disabled person cannot create one", async () => {
    const agent = await createUser(db, { role: "agent" });
    const token = await newToken(agent);
    await expect(authenticateToken(db, token.token, null)).resolves.toMatchObject({ user: { id: agent.id } });
    await db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, agent.id));
    await expect(authenticateToken(db, token.token, null)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect(await codeOf(newToken(agent))).toBe("FORBIDDEN");
    const admin = await createUser(db, { role: "admin" });
    const listed = (await api(admin).listAll({ limit: 100 })).items.find((item) => item.id === token.id);
    expect(listed?.owner.disabled).toBe(true);
  });

  it("records the last use and its address at most once a minute", async () => {
    const customer = await createUser(db);
    const token = await newToken(customer);
    const lastUse = async () => (await api(customer).list())[0];

    await authenticateToken(db, token.token, "203.0.113.5");
    const first = await lastUse();
    expect(first?.lastUsedAddress).toBe("203.0.113.5");
    expect(Math.abs((first?.lastUsedAt?.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);

    await authenticateToken(db, token.token, "203.0.113.99");
    expect(await lastUse()).toMatchObject({ lastUsedAddress: "203.0.113.5", lastUsedAt: first?.lastUsedAt });

    const minuteAgo = new Date(Date.now() - 61_000);
    await db.update(apiTokens).set({ lastUsedAt: minuteAgo }).where(eq(apiTokens.id, token.id));
    await authenticateToken(db, token.token, "203.0.113.99");
    const later = await lastUse();
    expect(later?.lastUsedAddress).toBe("203.0.113.99");
    expect(later?.lastUsedAt?.getTime()).toBeGreaterThan(minuteAgo.getTime());
  });

  it(`allows ${apiTokenLimits.maxLiveTokens} live tokens per person; revoked and expired ones do not count`, async () => {
    const customer = await createUser(db);
    const max = apiTokenLimits.maxLiveTokens;
    await db.insert(apiTokens).values(
      Array.from({ length: max - 1 }, (_, i) => ({
        userId: customer.id,
        name: `bulk ${i}`,
        prefix: "fd_bulk",
        secretHash: hashTokenSecret(unique(`bulk-${i}`)),
        scopes: ["tickets:read" as const],
      })),
    );
    const last = await newToken(customer);
    const refused = await errorOf(newToken(customer));
    expect(refused?.code).toBe("BAD_REQUEST");
    expect(refused?.message).toContain(`${max} active tokens`);
    expect(await rowsOf(customer.id)).toHaveLength(max);

    await api(customer).revoke({ tokenId: last.id });
    const replacement = await newToken(customer);
    const [expiredOne] = (await rowsOf(customer.id)).filter((row) => row.name === "bulk 0");
    await db
      .update(apiTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(inArray(apiTokens.id, [expiredOne?.id ?? replacement.id]));
    await expect(newToken(customer)).resolves.toMatchObject({ name: expect.any(String) });
    expect(await codeOf(newToken(customer))).toBe("BAD_REQUEST");
  });
});
