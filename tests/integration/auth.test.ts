/**
 * Accounts: self sign-up through tRPC (a customer, lower-cased email, waits
 * to join the organization of its email domain; duplicates and bad input
 * create nothing), password sign-in (wrong, unknown and disabled all look alike),
 * and session loading that sees disabling and role changes at once.
 */
import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { single } from "@/db/rows";
import { rateLimitPolicies } from "@/server/rate-limit";
import { attemptPasswordSignIn, checkCredentials } from "@/server/users/credentials";
import { loadActiveUser } from "@/server/users/session-user";
import { callerFor, createOrganization, createUser, testPassword, unique } from "../support/factories";
import { useTestDatabase } from "../support/test-db";
import { codeOf } from "../support/trpc-errors";

describe("auth", async () => {
  const { db } = await useTestDatabase();
  const signUp = (input: { name: string; email: string; password: string }) => callerFor(db, null).auth.signUp(input);
  const idOf = async (email: string) => single(await db.select({ id: users.id }).from(users).where(eq(users.email, email)), "user").id;
  const usersWithEmail = async (email: string) => Number((await db.select({ n: count() }).from(users).where(eq(users.email, email)))[0]?.n);

  describe("sign-up", () => {
    it("creates a customer with a lower-cased email, waiting to join the organization of the email domain", async () => {
      const organization = await createOrganization(db, { domain: `${unique("acme")}.test` });
      const local = unique("New.Person");
      expect(await signUp({ name: "  Nia Okafor ", email: `${local}@${organization.domain!.toUpperCase()}`, password: "long enough" })).toEqual({ status: "check_email" });
      const id = await idOf(`${local.toLowerCase()}@${organization.domain}`);

      const [row] = await db.select().from(users).where(eq(users.id, id));
      expect(row).toMatchObject({
        name: "Nia Okafor",
        email: `${local.toLowerCase()}@${organization.domain}`,
        role: "customer",
        organizationId: null,
        pendingOrganizationId: organization.id,
        disabledAt: null,
      });
      expect(row?.passwordHash).not.toContain("long enough");
      expect(await checkCredentials(db, row!.email, "long enough")).toMatchObject({ id });
    });

    it("leaves a customer of an unknown domain without an organization", async () => {
      const email = `${unique("solo")}@${unique("nowhere")}.test`;
      await signUp({ name: "Solo", email, password: "long enough" });
      expect((await loadActiveUser(db, await idOf(email)))?.organizationId).toBeNull();
    });

    it("answers a taken email in any case as it answers a new one, and creates nothing", async () => {
      const email = `${unique("taken")}@example.test`;
      await signUp({ name: "First", email, password: "long enough" });

      for (const variant of [email.toUpperCase(), `${email.slice(0, 1).toUpperCase()}${email.slice(1)}`]) {
        expect(await signUp({ name: "Second", email: variant, password: "another one" }), variant).toEqual({ status: "check_email" });
        expect(await usersWithEmail(variant), variant).toBe(0);
      }
      expect(await usersWithEmail(email)).toBe(1);
      const [row] = await db.select({ name: users.name }).from(users).where(eq(users.email, email));
      expect(row?.name).toBe("First");
    });

    it.each([
      ["a malformed email", { name: "Bad Email", email: "not-an-email", password: "long enough" }],
      ["a 7-character password", { name: "Short", email: "", password: "seven77" }],
      ["an empty name", { name: "", email: "", password: "long enough" }],
      ["a blank name", { name: "   ", email: "", password: "long enough" }],
    ])("refuses %s with BAD_REQUEST and creates nothing", async (_, input) => {
      const email = input.email || `${unique("invalid")}@example.test`;
      expect(await codeOf(signUp({ ...input, email }))).toBe("BAD_REQUEST");
      expect(await usersWithEmail(email)).toBe(0);
    });
  });

  describe("checkCredentials", () => {
    it("returns the user for the right password, whatever the case of the email", async () => {
      const user = await createUser(db);
      expect(await checkCredentials(db, user.email, testPassword)).toEqual({ id: user.id, name: user.name, email: user.email });
      expect(await checkCredentials(db, ` ${user.email.toUpperCase()} `, testPassword)).toMatchObject({ id: user.id });
    });

    it("returns null for a wrong password, an unknown email and a disabled user", async () => {
      const user = await createUser(db);
      const disabled = await createUser(db, { disabled: true });
      expect(await checkCredentials(db, user.email, `${testPassword}!`)).toBeNull();
      expect(await checkCredentials(db, `${unique("nobody")}@example.test`, testPassword)).toBeNull();
      expect(await checkCredentials(db, disabled.email, testPassword)).toBeNull();
    });
  });

  describe("loadActiveUser", () => {
    it("returns null for a disabled user", async () => {
      const user = await createUser(db);
      expect(await loadActiveUser(db, user.id)).toMatchObject({ id: user.id, role: "customer" });
      await db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, user.id));
      expect(await loadActiveUser(db, user.id)).toBeNull();
    });

    it("reflects a role change at once", async () => {
      const organization = await createOrganization(db, { sharesTickets: true });
      const user = await createUser(db, { role: "agent", organizationId: organization.id });
      expect(await loadActiveUser(db, user.id)).toEqual({ ...user, organizationShares: true });
      await db.update(users).set({ role: "manager" }).where(eq(users.id, user.id));
      expect((await loadActiveUser(db, user.id))?.role).toBe("manager");
      await db.update(users).set({ role: "customer" }).where(eq(users.id, user.id));
      expect((await loadActiveUser(db, user.id))?.role).toBe("customer");
    });

    it("returns null for an unknown id", async () => {
      expect(await loadActiveUser(db, crypto.randomUUID())).toBeNull();
    });
  });

  it("limits failed password sign-ins per account and address; successes do not count", async () => {
    const user = await createUser(db);
    const address = unique("address");
    const noWait = async () => {};
    for (let i = 0; i < rateLimitPolicies.signInPerAccountAndAddress.points + 5; i++) {
      expect(await attemptPasswordSignIn(db, { email: user.email, password: testPassword, address })).toMatchObject({ id: user.id });
    }
    for (let i = 0; i < rateLimitPolicies.signInPerAccountAndAddress.points; i++) {
      expect(await attemptPasswordSignIn(db, { email: user.email, password: "wrong password", address }, { wait: noWait })).toBeNull();
    }
    // The right password does not help from this address once its budget for the account is spent.
    await expect(attemptPasswordSignIn(db, { email: user.email, password: testPassword, address }, { wait: noWait })).rejects.toMatchObject({
      code: "RATE_LIMITED",
    });
    // Another account from the same address still gets through, until the address's own, larger budget is spent.
    const other = await createUser(db);
    expect(await attemptPasswordSignIn(db, { email: other.email, password: testPassword, address })).toMatchObject({ id: other.id });
  });
});
