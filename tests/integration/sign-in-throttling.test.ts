/**
 * Sign-in throttling that slows guessing without locking anyone out. The
 * attack it replaces: ten wrong passwords for a known address, from anywhere,
 * refused the right password from everywhere for 15 minutes. Now failures
 * count per account and address (the guesser's address is shut out of that
 * account), per address (for all accounts), and per account from everywhere
 * only as a delay; a sign-in link by email ignores all of them.
 */
import crypto from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { outbox } from "@/db/schema";
import { consumeEmailLinkLimits, emailLinkProvider } from "@/server/auth/email-link";
import { env } from "@/server/env";
import { countedAttempts, rateLimitPolicies } from "@/server/rate-limit";
import { attemptPasswordSignIn, BRAKE_MAX_MS, signInBrakeMs } from "@/server/users/credentials";
import { createUser, testPassword, unique } from "../support/factories";
import { useTestDatabase } from "../support/test-db";

/** A random address in 10.0.0.0/8, so repeated runs on one PostgreSQL never share a budget. */
const randomAddress = () => `10.${Array.from({ length: 3 }, () => Math.floor(Math.random() * 256)).join(".")}`;

describe("sign-in throttling", async () => {
  const { db } = await useTestDatabase();

  /** Records the delays the account brake asks for instead of sleeping through them. */
  function recordedWaits() {
    const waits: number[] = [];
    return { waits, wait: async (ms: number) => void waits.push(ms) };
  }

  const signIn = (email: string, password: string, address: string, wait: (ms: number) => Promise<void>) =>
    attemptPasswordSignIn(db, { email, password, address }, { wait });

  it("30 wrong passwords from one address do not stop the owner signing in from another address", async () => {
    const owner = await createUser(db);
    const attacker = randomAddress();
    const { waits, wait } = recordedWaits();
    const outcomes: string[] = [];
    for (let i = 0; i < 30; i++) {
      outcomes.push(await signIn(owner.email, `guess ${i}`, attacker, wait).then(String, (error: { code?: string }) => error.code ?? "error"));
    }
    const pairBudget = rateLimitPolicies.signInPerAccountAndAddress.points;
    expect(outcomes.slice(0, pairBudget)).toEqual(Array(pairBudget).fill("null"));
    expect(outcomes.slice(pairBudget)).toEqual(Array(30 - pairBudget).fill("RATE_LIMITED"));

    // The owner, elsewhere, gets in at the first try, held back at most a few seconds.
    const owners = recordedWaits();
    expect(await signIn(owner.email, testPassword, randomAddress(), owners.wait)).toMatchObject({ id: owner.id });
    expect(Math.max(0, ...owners.waits)).toBeLessThanOrEqual(BRAKE_MAX_MS);
    expect(Math.max(0, ...waits)).toBeLessThanOrEqual(BRAKE_MAX_MS);
  });

  it("the attacker's address is blocked for that account, even with the right password, and other accounts still work from it until its own budget is spent", async () => {
    const owner = await createUser(db);
    const attacker = randomAddress();
    const { wait } = recordedWaits();
    for (let i = 0; i < rateLimitPolicies.signInPerAccountAndAddress.points; i++) expect(await signIn(owner.email, `guess ${i}`, attacker, wait)).toBeNull();
    await expect(signIn(owner.email, testPassword, attacker, wait)).rejects.toMatchObject({ code: "RATE_LIMITED" });
    // Case and spaces in the email do not make a new pair.
    await expect(signIn(` ${owner.email.toUpperCase()} `, testPassword, attacker, wait)).rejects.toMatchObject({ code: "RATE_LIMITED" });

    const neighbour = await createUser(db);
    expect(await signIn(neighbour.email, testPassword, attacker, wait)).toMatchObject({ id: neighbour.id });

    // The per-address brake stays: enough failures across accounts shut the address out of all of them.
    const remaining = rateLimitPolicies.signInPerAddress.points - (await countedAttempts(db, "signInPerAddress", attacker));
    for (let i = 0; i < remaining; i++) expect(await signIn(`${unique("someone")}@example.test`, "guess", attacker, wait)).toBeNull();
    await expect(signIn(neighbour.email, testPassword, attacker, wait)).rejects.toMatchObject({ code: "RATE_LIMITED" });
    expect(await signIn(neighbour.email, testPassword, randomAddress(), wait)).toMatchObject({ id: neighbour.id });
  });

  it("the global brake slows a guessing spree from many addresses but never refuses", async () => {
    const owner = await createUser(db);
    const { waits, wait } = recordedWaits();
    // One failure from each of 40 addresses: no per-address or per-pair budget comes near its end.
    for (let i = 0; i < 40; i++) expect(await signIn(owner.email, `guess ${i}`, randomAddress(), wait)).toBeNull();
    expect(waits.length).toBeGreaterThan(20);
    expect(waits).toEqual([...waits].sort((a, b) => a - b));
    expect(waits.at(-1)).toBe(BRAKE_MAX_MS);
    expect(await countedAttempts(db, "signInAccountBrake", owner.email)).toBe(40);

    // The owner still gets in, only slower; a success releases the brake.
    const owners = recordedWaits();
    expect(await signIn(owner.email, testPassword, randomAddress(), owners.wait)).toMatchObject({ id: owner.id });
    expect(owners.waits).toEqual([BRAKE_MAX_MS]);
    const after = recordedWaits();
    expect(await signIn(owner.email, "one more typo", randomAddress(), after.wait)).toBeNull();
    expect(after.waits).toEqual([]);
  });

  it("the brake grows with failures and is capped at a few seconds", () => {
    const delays = Array.from({ length: 200 }, (_, failures) => signInBrakeMs(failures));
    expect(delays.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(delays[5]).toBeGreaterThan(0);
    expect(delays).toEqual([...delays].sort((a, b) => a - b));
    expect(Math.max(...delays)).toBe(BRAKE_MAX_MS);
    expect(BRAKE_MAX_MS).toBeLessThanOrEqual(5_000);
  });

  it("the owner can still ask for a sign-in link by email after the password throttles tripped", async () => {
    const owner = await createUser(db);
    const attacker = randomAddress();
    const { wait } = recordedWaits();
    for (let i = 0; i < 30; i++) await signIn(owner.email, `guess ${i}`, attacker, wait).catch(() => null);
    const url = `http://localhost:3000/api/auth/callback/email-link?token=${crypto.randomUUID()}&email=${encodeURIComponent(owner.email)}`;
    const provider = emailLinkProvider(async () => db);
    await provider.sendVerificationRequest({
      identifier: owner.email,
      url,
      expires: new Date(Date.now() + 15 * 60_000),
      provider,
      token: "unused",
      theme: {},
      request: new Request(url),
    });
    const links = await db
      .select({ id: outbox.id })
      .from(outbox)
      .where(and(eq(outbox.toAddress, owner.email), eq(outbox.template, "sign-in-link")));
    expect(links).toHaveLength(1);
  });

  it("a stranger asking for many sign-in links to someone's address spends only their own budget, not the owner's", async () => {
    const owner = await createUser(db);
    const stranger = randomAddress();
    const pairBudget = rateLimitPolicies.emailLinkPerEmailAndAddress.points;
    for (let i = 0; i < pairBudget; i++) await consumeEmailLinkLimits(db, owner.email, stranger);
    await expect(consumeEmailLinkLimits(db, owner.email, stranger)).rejects.toMatchObject({ code: "RATE_LIMITED" });
    // The owner, from their own network, still gets a link.
    await expect(consumeEmailLinkLimits(db, owner.email, randomAddress())).resolves.toBeUndefined();
  });

  it("a sign-in link is always mailed on APP_URL, whatever host the request named (no token sent to a stranger's server)", async () => {
    const owner = await createUser(db);
    const forged = `https://frontdesk-login.example/api/auth/callback/email-link?token=${crypto.randomUUID()}&email=${encodeURIComponent(owner.email)}`;
    const provider = emailLinkProvider(async () => db);
    await provider.sendVerificationRequest({
      identifier: owner.email,
      url: forged,
      expires: new Date(Date.now() + 15 * 60_000),
      provider,
      token: "unused",
      theme: {},
      request: new Request(forged, { headers: { "x-forwarded-host": "frontdesk-login.example" } }),
    });
    const [mail] = await db
      .select({ text: outbox.text })
      .from(outbox)
      .where(and(eq(outbox.toAddress, owner.email), eq(outbox.template, "sign-in-link")));
    expect(mail?.text).not.toContain("frontdesk-login.example");
    const url = new URL(/https?:\/\/\S+\/api\/auth\/callback\/email-link\S+/.exec(mail?.text ?? "")?.[0] ?? "http://missing.invalid");
    expect(url.origin).toBe(new URL(env.APP_URL).origin);
    expect(url.pathname).toBe("/api/auth/callback/email-link");
    expect(url.searchParams.get("email")).toBe(owner.email);
  });

  it("guesses sent all at once are counted all at once: no more get a password check than the budget allows", async () => {
    const owner = await createUser(db);
    const attacker = randomAddress();
    const { wait } = recordedWaits();
    const outcomes = await Promise.all(
      Array.from({ length: 25 }, (_, i) => signIn(owner.email, `guess ${i}`, attacker, wait).then(String, (error: { code?: string }) => error.code ?? "error")),
    );
    const pairBudget = rateLimitPolicies.signInPerAccountAndAddress.points;
    expect(outcomes.filter((o) => o === "null")).toHaveLength(pairBudget);
    expect(outcomes.filter((o) => o === "RATE_LIMITED")).toHaveLength(25 - pairBudget);
  });
});
