/**
 * Mailboxes as admins manage them, through both doors (tRPC and REST): CRUD,
 * field errors at the field, secrets stored encrypted and never answered,
 * one mailbox per address (lower-cased), admins only, and the IMAP read
 * position kept across changes that point at the same folder.
 */
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it, vi } from "vitest";
import { mailboxes } from "@/db/schema";
import { single } from "@/db/rows";
import { decryptSecret } from "@/server/email/mailboxes/secrets";
import { inputFailureOf } from "@/server/errors";
import { callApi, tokenFor } from "../support/api-client";
import { callerFor, createCategory, createUser, unique } from "../support/factories";
import { endRequestSessions } from "../support/request-session";
import { useTestDatabase } from "../support/test-db";
import { errorOf } from "../support/trpc-errors";

vi.mock("@/server/db", async () => (await import("../support/request-session")).dbModule());

describe("mailboxes admin", async () => {
  const { db } = await useTestDatabase();
  afterAll(endRequestSessions);
  const adminUser = await createUser(db, { role: "admin" });
  const admin = callerFor(db, adminUser);
  const { category, team } = await createCategory(db);
  const imapPassword = `imap-${unique("pw")}`;
  const smtpPassword = `smtp-${unique("pw")}`;

  const imapMailbox = (address = `${unique("Support")}@Example.test`) => ({
    address,
    displayName: "Acme Support",
    defaultTeamId: team.id,
    defaultCategoryId: category.id,
    inboundTransport: "imap" as const,
    imapHost: "imap.example.test",
    imapPort: 993,
    imapUsername: "support@example.test",
    imapSecret: imapPassword,
    outboundTransport: "smtp" as const,
    smtpHost: "smtp.example.test",
    smtpPort: 587,
    smtpUsername: "support@example.test",
    smtpSecret: smtpPassword,
  });
  const stored = async (id: string) => single(await db.select().from(mailboxes).where(eq(mailboxes.id, id)), "mailbox");

  it("creates, lists, edits and deletes a mailbox, the address lower-cased", async () => {
    const input = imapMailbox();
    const created = await admin.admin.mailboxes.create(input);
    expect(created).toMatchObject({
      address: input.address.toLowerCase(),
      displayName: "Acme Support",
      defaultTeamName: team.name,
      defaultCategoryName: category.name,
      imapFolder: "INBOX",
      imapProcessedAction: "mark_seen",
      enabled: true,
      hasImapSecret: true,
      hasSmtpSecret: true,
      hasOauthClientSecret: false,
      inboundState: "not started",
    });
    expect((await admin.admin.mailboxes.list()).map((m) => m.id)).toContain(created.id);

    const edited = await admin.admin.mailboxes.update({ id: created.id, displayName: "Acme Billing", enabled: false, imapProcessedAction: "move", imapMoveToFolder: "Processed" });
    expect(edited).toMatchObject({ displayName: "Acme Billing", enabled: false, imapProcessedAction: "move", imapMoveToFolder: "Processed", imapHost: "imap.example.test" });
    expect(edited.updatedAt.getTime()).toBeGreaterThanOrEqual(created.updatedAt.getTime());

    await admin.admin.mailboxes.delete({ id: created.id });
    expect(await errorOf(admin.admin.mailboxes.get({ id: created.id }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await errorOf(admin.admin.mailboxes.delete({ id: created.id }))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("stores secrets encrypted, never answers them, and keeps them when the field is left blank", async () => {
    const created = await admin.admin.mailboxes.create(imapMailbox());
    const row = await stored(created.id);
    expect(row.imapSecret).not.toContain(imapPassword);
    expect(decryptSecret(row.imapSecret!)).toBe(imapPassword);
    expect(decryptSecret(row.smtpSecret!)).toBe(smtpPassword);

    const answers = [created, await admin.admin.mailboxes.get({ id: created.id }), await admin.admin.mailboxes.list(), await admin.admin.mailboxes.update({ id: created.id, smtpSecret: "" })];
    for (const answer of answers) {
      const text = JSON.stringify(answer);
      expect(text).not.toContain(imapPassword);
      expect(text).not.toContain(smtpPassword);
      expect(text).not.toContain(row.imapSecret!);
      expect(text).not.toMatch(/"(imapSecret|smtpSecret|oauthClientSecret|oauthAccessToken)"/);
    }
    expect(decryptSecret((await stored(created.id)).smtpSecret!)).toBe(smtpPassword);
    await admin.admin.mailboxes.update({ id: created.id, smtpSecret: "a new one" });
    expect(decryptSecret((await stored(created.id)).smtpSecret!)).toBe("a new one");
  });

  it("refuses a second mailbox on the same address, whatever its case, with a clear conflict", async () => {
    const address = `${unique("billing")}@example.test`;
    await admin.admin.mailboxes.create({ ...imapMailbox(address) });
    const error = await errorOf(admin.admin.mailboxes.create(imapMailbox(address.toUpperCase())));
    expect(error).toMatchObject({ code: "CONFLICT" });
    expect(error?.message).toContain(`Another mailbox already uses ${address}`);
    const other = await admin.admin.mailboxes.create(imapMailbox());
    expect(await errorOf(admin.admin.mailboxes.update({ id: other.id, address }))).toMatchObject({ code: "CONFLICT" });
  });

  it("puts each problem at its field", async () => {
    const fieldErrorsOf = async (promise: Promise<unknown>) => {
      const error = await errorOf(promise);
      expect(error?.code).toBe("BAD_REQUEST");
      return inputFailureOf(error?.cause)?.fieldErrors ?? {};
    };
    // Each field alone.
    const shapeErrors = await fieldErrorsOf(admin.admin.mailboxes.create({ ...imapMailbox("not an address"), displayName: "", imapPort: 70_000 }));
    expect(Object.keys(shapeErrors).sort()).toEqual(["address", "displayName", "imapPort"]);

    // Rules across fields: IMAP needs a host, a login and a secret; OAuth2 a token URL and client; "move" a folder; SMTP a host.
    const crossErrors = await fieldErrorsOf(
      admin.admin.mailboxes.create({
        address: `${unique("x")}@example.test`,
        displayName: "Half set up",
        inboundTransport: "imap",
        imapAuth: "oauth2",
        imapProcessedAction: "move",
        outboundTransport: "smtp",
        smtpUsername: "someone",
      }),
    );
    expect(Object.keys(crossErrors).sort()).toEqual(["imapHost", "imapMoveToFolder", "imapSecret", "imapUsername", "oauthClientId", "oauthTokenUrl", "smtpHost", "smtpSecret"]);
    expect(crossErrors.imapSecret).toEqual(["Paste the OAuth2 refresh token."]);
  });

  it("forgets the IMAP read position only when the server, account or folder changes", async () => {
    const created = await admin.admin.mailboxes.create(imapMailbox());
    const readTo = () => db.update(mailboxes).set({ imapUidValidity: 1_700_000_000, imapLastUid: 42 }).where(eq(mailboxes.id, created.id));
    const position = async () => {
      const row = await stored(created.id);
      return { uidValidity: row.imapUidValidity, lastUid: row.imapLastUid };
    };
    await readTo();
    await admin.admin.mailboxes.update({ id: created.id, imapSecret: "changed password", imapPort: 1993, imapSecurity: "starttls", displayName: "Renamed", address: `${unique("renamed")}@example.test` });
    expect(await position()).toEqual({ uidValidity: 1_700_000_000, lastUid: 42 });
    for (const change of [{ imapHost: "imap2.example.test" }, { imapUsername: "other@example.test" }, { imapFolder: "Support" }]) {
      await readTo();
      await admin.admin.mailboxes.update({ id: created.id, ...change });
      expect(await position(), JSON.stringify(change)).toEqual({ uidValidity: null, lastUid: 0 });
    }
  });

  it("tests nothing when the mailbox has no server to connect to, and says so", async () => {
    const created = await admin.admin.mailboxes.create({ address: `${unique("push")}@example.test`, displayName: "Pushed" });
    expect(await admin.admin.mailboxes.test({ id: created.id })).toEqual({
      imap: { status: "skipped", message: expect.stringContaining("pushed") },
      smtp: { status: "skipped", message: expect.stringContaining("Resend") },
    });
  });

  it("refuses agents, managers and customers", async () => {
    const created = await admin.admin.mailboxes.create(imapMailbox());
    for (const role of ["customer", "agent", "manager"] as const) {
      const caller = callerFor(db, await createUser(db, { role }));
      expect(await errorOf(caller.admin.mailboxes.list()), role).toMatchObject({ code: "FORBIDDEN" });
      expect(await errorOf(caller.admin.mailboxes.update({ id: created.id, displayName: "Hijacked" })), role).toMatchObject({ code: "FORBIDDEN" });
    }
    expect((await stored(created.id)).displayName).toBe("Acme Support");
  });

  describe("over REST", () => {
    it("creates with snake_case fields, answers without secrets, names field errors as sent, and refuses a duplicate with 409", async () => {
      const token = await tokenFor(db, adminUser, ["admin"]);
      const address = `${unique("rest")}@example.test`;
      const created = await callApi(db, "POST", "/mailboxes", {
        token,
        body: { address, display_name: "REST Desk", outbound_transport: "smtp", smtp_host: "smtp.example.test", smtp_username: "desk", smtp_secret: smtpPassword },
      });
      expect(created.status).toBe(201);
      expect(created.json).toMatchObject({ address, display_name: "REST Desk", smtp_host: "smtp.example.test", has_smtp_secret: true });
      expect(JSON.stringify(created.body)).not.toContain(smtpPassword);
      const id = (created.json as { id: string }).id;

      const read = await callApi(db, "GET", `/mailboxes/${id}`, { token });
      expect(JSON.stringify(read.body)).not.toContain(smtpPassword);
      expect(read.json).not.toHaveProperty("smtp_secret");

      const duplicate = await callApi(db, "POST", "/mailboxes", { token, body: { address: address.toUpperCase(), display_name: "Again" } });
      expect(duplicate.status).toBe(409);

      const invalid = await callApi(db, "PATCH", `/mailboxes/${id}`, { token, body: { inbound_transport: "imap" } });
      expect(invalid.status).toBe(422);
      expect((invalid.json as { errors: { field: string }[] }).errors.map((e) => e.field).sort()).toEqual(["imap_host", "imap_secret", "imap_username"]);

      expect((await callApi(db, "DELETE", `/mailboxes/${id}`, { token })).status).toBe(204);
      expect((await callApi(db, "GET", `/mailboxes/${id}`, { token })).status).toBe(404);
      const agentToken = await tokenFor(db, await createUser(db, { role: "agent" }), ["admin"]);
      expect((await callApi(db, "GET", "/mailboxes", { token: agentToken })).status).toBe(403);
    });
  });
});
