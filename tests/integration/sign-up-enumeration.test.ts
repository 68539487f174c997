/**
 * Sign-up enumeration and flooding (issue 12, item 0, low): sign-up used to
 * answer "an account with this email already exists" and had no limit (61
 * parallel sign-ups from one address all succeeded). Now it answers the same
 * for every address — the existing owner is mailed instead — and attempts are
 * limited per client address and per email address.
 */
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { outbox, users } from "@/db/schema";
import { appRouter } from "@/server/routers/_app";
import { rateLimitPolicies } from "@/server/rate-limit";
import { createCallerFactory } from "@/server/trpc";
import { checkCredentials } from "@/server/users/credentials";
import { createUser, testPassword, unique } from "../support/factories";
import { useTestDatabase } from "../support/test-db";
import { codeOf, errorOf } from "../support/trpc-errors";

const createCaller = createCallerFactory(appRouter);

describe("sign-up enumeration and flooding", async () => {
  const { db } = await useTestDatabase();
  /** Sign-up as an HTTP request from this client address would make it. */
  const signUpFrom = (address: string, input: { name: string; email: string; password: string }) =>
    createCaller({ db, user: null, clientAddress: address }).auth.signUp(input);
  const newAddress = () => `198.51.100.${Math.floor(Math.random() * 250) + 1}-${unique("net")}`;
  const mailTo = (email: string, template: string) => db.select().from(outbox).where(and(eq(outbox.toAddress, email), eq(outbox.template, template)));

  it("sign-up enumeration: a taken address gets the same answer as a new one, and only its owner learns of the attempt", async () => {
    const owner = await createUser(db, { name: "Existing Owner" });
    const fresh = `${unique("fresh")}@example.test`;

    const forNew = await signUpFrom(newAddress(), { name: "Fresh", email: fresh, password: "long enough" });
    const forTaken = await signUpFrom(newAddress(), { name: "Attacker", email: owner.email.toUpperCase(), password: "attacker's pick" });
    expect(forTaken).toEqual(forNew);

    expect(await mailTo(fresh, "verify-email")).toHaveLength(1);
    const [warning] = await mailTo(owner.email, "sign-up-attempt");
    expect(warning?.text).toContain("Existing Owner");
    expect(await mailTo(owner.email, "verify-email")).toHaveLength(0);
    // The account is untouched: its password still works, the attacker's does not.
    expect(await checkCredentials(db, owner.email, testPassword)).toMatchObject({ id: owner.id });
    expect(await checkCredentials(db, owner.email, "attacker's pick")).toBeNull();
    expect(await db.select().from(users).where(eq(users.email, owner.email))).toHaveLength(1);
  });

  it("sign-up enumeration: a disabled account answers the same too, and is not mailed", async () => {
    const disabled = await createUser(db, { disabled: true });
    expect(await signUpFrom(newAddress(), { name: "Again", email: disabled.email, password: "long enough" })).toEqual({ status: "check_email" });
    expect(await mailTo(disabled.email, "sign-up-attempt")).toHaveLength(0);
  });

  it("sign-up flooding from one client address: 61 parallel sign-ups, only the address's budget succeeds", async () => {
    const address = newAddress();
    const { points } = rateLimitPolicies.signUpPerAddress;
    const results = await Promise.all(
      Array.from({ length: 61 }, (_, i) => codeOf(signUpFrom(address, { name: `Bot ${i}`, email: `${unique("bot")}@example.test`, password: "long enough" }))),
    );
    expect(results.filter((code) => code === "OK")).toHaveLength(points);
    expect(results.filter((code) => code === "TOO_MANY_REQUESTS")).toHaveLength(61 - points);
    // Another network is not held back by this one.
    expect(await codeOf(signUpFrom(newAddress(), { name: "Real person", email: `${unique("real")}@example.test`, password: "long enough" }))).toBe("OK");
  });

  it("sign-up flooding of one email address from many networks stops after its budget (each attempt sends mail)", async () => {
    const email = `${unique("target")}@example.test`;
    const { points } = rateLimitPolicies.signUpPerEmail;
    for (let i = 0; i < points; i++) expect(await codeOf(signUpFrom(newAddress(), { name: "Try", email, password: "long enough" }))).toBe("OK");
    const refused = await errorOf(signUpFrom(newAddress(), { name: "Try", email: email.toUpperCase(), password: "long enough" }));
    expect(refused?.code).toBe("TOO_MANY_REQUESTS");
    expect(refused?.message).toMatch(/Too many sign-ups for this email address/);
    const mailed = [...(await mailTo(email, "verify-email")), ...(await mailTo(email, "sign-up-attempt"))];
    expect(mailed).toHaveLength(points);
  });
});
