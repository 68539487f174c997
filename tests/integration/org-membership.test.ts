/**
 * Organization membership from an unverified email domain (issue 12, item 0).
 * Anyone can type any address, so signing up or emailing from an address at
 * an organization's domain must give no reach into its shared tickets until
 * the address is proven (an emailed link comes back) or an admin approves,
 * as the organization's domainJoin policy says; and a stranger's mail quoting
 * [#number] never lands on someone else's ticket.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, asc, desc, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { messages, organizations, outbox, users, type OrganizationDomainJoin } from "@/db/schema";
import { single } from "@/db/rows";
import { acceptEmailLinkSignIn } from "@/server/auth/email-link";
import { checkCredentials } from "@/server/users/credentials";
import { ingestRawEmail } from "@/server/email/inbound/ingest";
import { createTicket } from "@/server/tickets/create-ticket";
import { emailVerificationToken, verifyEmailWithToken } from "@/server/users/email-verification";
import { loadActiveUser, type SessionUser } from "@/server/users/session-user";
import { composeEmail } from "../fixtures/mail/load-fixture";
import { callerFor, createOrganization, createUser, unique } from "../support/factories";
import { useTestDatabase } from "../support/test-db";
import { codeOf } from "../support/trpc-errors";

describe("organization membership from an unverified email domain", async () => {
  const { db } = await useTestDatabase();
  const storageRoot = fs.mkdtempSync(path.join(os.tmpdir(), "frontdesk-membership-"));
  afterAll(() => fs.rmSync(storageRoot, { recursive: true, force: true }));
  const ingest = (raw: Uint8Array) => ingestRawEmail(db, raw, { source: "test", storageRoot, log: () => {} });
  const anonymous = () => callerFor(db, null);

  /** A sharing organization with a proven member who has a ticket: what an impostor is after. */
  async function sharedOrganization(domainJoin: OrganizationDomainJoin = "verified_email") {
    const organization = await createOrganization(db, { sharesTickets: true, domain: `${unique("northwind")}.test` });
    await db.update(organizations).set({ domainJoin }).where(eq(organizations.id, organization.id));
    const member = await createUser(db, { organizationId: organization.id });
    const ticket = await createTicket(db, member, { subject: "Renewal quote for 40 seats", body: "Our contract number is NW-2291.", channel: "web" });
    return { organization, member, ticket, domain: organization.domain! };
  }

  async function signUpAs(email: string): Promise<SessionUser> {
    await anonymous().auth.signUp({ name: "Anyone", email, password: "long enough" });
    const { id } = single(await db.select({ id: users.id }).from(users).where(eq(users.email, email)), "user");
    const user = await loadActiveUser(db, id);
    if (!user) throw new Error("the new account should load");
    return user;
  }

  /** The token of the newest "confirm your email address" link mailed to this address. */
  async function mailedToken(email: string): Promise<string> {
    const [mail] = await db
      .select({ text: outbox.text })
      .from(outbox)
      .where(and(eq(outbox.toAddress, email), eq(outbox.template, "verify-email")))
      .orderBy(desc(outbox.createdAt))
      .limit(1);
    const token = /verify-email\?token=([A-Za-z0-9_.-]+)/.exec(mail?.text ?? "")?.[1];
    if (!token) throw new Error(`no verification link was mailed to ${email}`);
    return token;
  }

  const reload = async (user: SessionUser) => (await loadActiveUser(db, user.id))!;

  it("signing up at a member domain gives no reach: the shared ticket is neither listed nor readable nor repliable", async () => {
    const { organization, ticket, domain } = await sharedOrganization();
    const impostor = await signUpAs(`anyone@${domain}`);
    expect(impostor.organizationId).toBeNull();

    const api = callerFor(db, impostor);
    expect((await api.tickets.list({ scope: "organization" })).items.map((t) => t.number)).not.toContain(ticket.number);
    expect(await codeOf(api.tickets.get({ number: ticket.number }))).toBe("NOT_FOUND");
    expect(await codeOf(api.tickets.reply({ number: ticket.number, body: "Please send the quote to my address instead." }))).toBe("NOT_FOUND");
    const [row] = await db.select().from(users).where(eq(users.id, impostor.id));
    expect(row?.pendingOrganizationId).toBe(organization.id);
  });

  it("the emailed link round trip makes the address's owner a member (verified_email)", async () => {
    const { organization, ticket, domain } = await sharedOrganization();
    const email = `${unique("new.hire")}@${domain}`;
    const person = await signUpAs(email);

    // Opening the page is not enough; the confirm call with the mailed token is.
    expect(await anonymous().auth.verifyEmail({ token: await mailedToken(email) })).toEqual({
      ok: true,
      joined: organization.name,
      awaitingApproval: null,
    });
    const member = await reload(person);
    expect(member.organizationId).toBe(organization.id);
    expect((await callerFor(db, member).tickets.get({ number: ticket.number })).ticket.number).toBe(ticket.number);
  });

  it("a forged or altered verification link proves nothing", async () => {
    const { domain } = await sharedOrganization();
    const victimEmail = `${unique("victim")}@${domain}`;
    const impostor = await signUpAs(`${unique("anyone")}@${domain}`);
    const token = await mailedToken(impostor.email);
    const [payload, expires, signature] = token.split(".") as [string, string, string];
    const flipped = `${signature.slice(0, -1)}${signature.endsWith("A") ? "B" : "A"}`;
    const victim = await signUpAs(victimEmail);
    const forgedFor = (userId: string) => `${Buffer.from(userId.replaceAll("-", ""), "hex").toString("base64url")}.${expires}.${signature}`;

    for (const bad of [`${payload}.${expires}.${flipped}`, `${payload}.${(parseInt(expires, 36) + 3600).toString(36)}.${signature}`, forgedFor(victim.id), "garbage"]) {
      expect(await verifyEmailWithToken(db, bad), bad).toEqual({ ok: false, reason: "invalid" });
    }
    // A genuine link, but used after it expired.
    const old = emailVerificationToken(impostor, new Date(Date.now() - 25 * 3600_000));
    expect(await verifyEmailWithToken(db, old)).toEqual({ ok: false, reason: "expired" });
    expect((await reload(impostor)).organizationId).toBeNull();
    expect((await reload(victim)).organizationId).toBeNull();
  });

  it("a link stops working when the account's address changes", async () => {
    const { domain } = await sharedOrganization();
    const person = await signUpAs(`${unique("mover")}@${domain}`);
    const token = await mailedToken(person.email);
    await db.update(users).set({ email: `${unique("elsewhere")}@${domain}` }).where(eq(users.id, person.id));
    expect(await verifyEmailWithToken(db, token)).toEqual({ ok: false, reason: "invalid" });
  });

  it("signing in by email link proves the address too", async () => {
    const { organization, domain } = await sharedOrganization();
    const person = await signUpAs(`${unique("linker")}@${domain}`);
    expect(await acceptEmailLinkSignIn(db, person.email)).toBe(true);
    expect((await reload(person)).organizationId).toBe(organization.id);
    const [row] = await db.select({ emailVerified: users.emailVerified }).from(users).where(eq(users.id, person.id));
    expect(row?.emailVerified).not.toBeNull();
  });

  it("a password a stranger set at an unconfirmed sign-up stops working once the owner proves the address by email link", async () => {
    const { organization, domain } = await sharedOrganization();
    const email = `${unique("owner")}@${domain}`;
    // The stranger signs up first, with a password of their choosing.
    await anonymous().auth.signUp({ name: "Not the owner", email, password: "strangers password" });
    expect(await checkCredentials(db, email, "strangers password")).not.toBeNull();
    // The owner, told someone tried to sign up, signs in with a link: that makes them a member…
    expect(await acceptEmailLinkSignIn(db, email)).toBe(true);
    const [row] = await db.select({ organizationId: users.organizationId }).from(users).where(eq(users.email, email));
    expect(row?.organizationId).toBe(organization.id);
    // …and the stranger's password no longer opens the account (nor its organization's tickets).
    expect(await checkCredentials(db, email, "strangers password")).toBeNull();
  });

  it("admin_approval: a proven address still waits until an admin approves; decline ends the wait", async () => {
    const { organization, ticket, domain } = await sharedOrganization("admin_approval");
    const admin = await createUser(db, { role: "admin" });
    const adminApi = callerFor(db, admin);
    const [first, second] = [await signUpAs(`${unique("first")}@${domain}`), await signUpAs(`${unique("second")}@${domain}`)];

    expect(await verifyEmailWithToken(db, await mailedToken(first.email))).toMatchObject({ ok: true, joined: null, awaitingApproval: organization.name });
    expect((await reload(first)).organizationId).toBeNull();
    expect(await codeOf(callerFor(db, await reload(first)).tickets.get({ number: ticket.number }))).toBe("NOT_FOUND");

    const listed = (await adminApi.admin.organizations.list()).find((o) => o.id === organization.id);
    // The one member sharedOrganization made; the two who wait are not members yet.
    expect(listed?.memberCount).toBe(1);
    expect(listed?.pending.map((p) => [p.email, p.verified])).toEqual([
      [first.email, true],
      [second.email, false],
    ]);

    await adminApi.admin.organizations.decidePendingMember({ organizationId: organization.id, userId: first.id, decision: "approve" });
    await adminApi.admin.organizations.decidePendingMember({ organizationId: organization.id, userId: second.id, decision: "decline" });
    const approved = await reload(first);
    expect(approved.organizationId).toBe(organization.id);
    expect((await adminApi.admin.organizations.list()).find((o) => o.id === organization.id)?.memberCount).toBe(2);
    expect((await callerFor(db, approved).tickets.get({ number: ticket.number })).ticket.number).toBe(ticket.number);
    expect((await reload(second)).organizationId).toBeNull();
    const [declined] = await db.select({ pending: users.pendingOrganizationId }).from(users).where(eq(users.id, second.id));
    expect(declined?.pending).toBeNull();
    // A decided person is no longer waiting: deciding again finds nobody.
    expect(await codeOf(adminApi.admin.organizations.decidePendingMember({ organizationId: organization.id, userId: second.id, decision: "approve" }))).toBe(
      "NOT_FOUND",
    );
  });

  it("off: nobody joins by domain, and turning it off ends every wait", async () => {
    const { organization, domain } = await sharedOrganization();
    const waiting = await signUpAs(`${unique("waiting")}@${domain}`);
    const admin = await createUser(db, { role: "admin" });
    await callerFor(db, admin).admin.organizations.setDomainJoin({ organizationId: organization.id, domainJoin: "off" });

    const [row] = await db.select({ pending: users.pendingOrganizationId }).from(users).where(eq(users.id, waiting.id));
    expect(row?.pending).toBeNull();
    const later = await signUpAs(`${unique("later")}@${domain}`);
    expect(await verifyEmailWithToken(db, await mailedToken(later.email))).toMatchObject({ ok: true, joined: null });
    expect((await reload(later)).organizationId).toBeNull();
  });

  it("accounts created by inbound mail get no organization-wide reach until verified", async () => {
    const { organization, ticket, domain } = await sharedOrganization();
    const sender = `${unique("mailer")}@${domain}`;
    const outcome = await ingest(composeEmail({ from: sender, subject: "Hello from a new address" }));
    expect(outcome.status).toBe("ticket_created");
    const created = single(await db.select({ id: users.id }).from(users).where(eq(users.email, sender)), "user");
    const account = (await loadActiveUser(db, created.id))!;
    expect(account.organizationId).toBeNull();
    expect(await codeOf(callerFor(db, account).tickets.get({ number: ticket.number }))).toBe("NOT_FOUND");

    // Their first email link sign-in proves the address.
    await acceptEmailLinkSignIn(db, sender);
    expect((await reload(account)).organizationId).toBe(organization.id);
  });

  it("a stranger's mail quoting [#number] from a member domain opens a new ticket, never a post on the member's ticket", async () => {
    const { ticket, domain } = await sharedOrganization();
    const before = await db.select().from(messages).where(eq(messages.ticketId, ticket.id)).orderBy(asc(messages.createdAt));

    const outcome = await ingest(
      composeEmail({ from: `${unique("stranger")}@${domain}`, subject: `Re: [#${ticket.number}] Renewal quote for 40 seats`, body: "Send the quote to me." }),
    );
    expect(outcome.status).toBe("ticket_created");
    expect(outcome.ticketNumber).not.toBe(ticket.number);
    expect(await db.select().from(messages).where(eq(messages.ticketId, ticket.id))).toHaveLength(before.length);

    // An account that signed up at the domain but never proved it is a stranger too.
    const impostor = await signUpAs(`${unique("impostor")}@${domain}`);
    const again = await ingest(composeEmail({ from: impostor.email, subject: `Re: [#${ticket.number}] Renewal quote`, body: "Me again." }));
    expect(again.status).toBe("ticket_created");
    expect(again.ticketNumber).not.toBe(ticket.number);
    expect(await db.select().from(messages).where(eq(messages.ticketId, ticket.id))).toHaveLength(before.length);
  });
});
