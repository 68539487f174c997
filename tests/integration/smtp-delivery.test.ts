/**
 * Mail from a mailbox goes out through that mailbox's own SMTP server, as the
 * mailbox: a real SMTP server (smtp-server) on a random loopback port, with
 * AUTH, plain and STARTTLS (its built-in self-signed certificate, accepted
 * only through the tests' override). From, To, Cc, Reply-To and the
 * threading headers arrive exactly as the outbox row has them; a refused
 * login is retried, a refused recipient fails for good.
 */
import type { AddressInfo } from "node:net";
import { eq, inArray } from "drizzle-orm";
import { SMTPServer, type SMTPServerAddress } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailboxes, outbox } from "@/db/schema";
import { single } from "@/db/rows";
import { deliverDueEmails } from "@/server/email/deliver";
import { testMailbox } from "@/server/email/mailboxes/admin";
import { encryptSecret } from "@/server/email/mailboxes/secrets";
import type { SmtpConnectionOverrides } from "@/server/email/mailboxes/smtp-transport";
import { enqueueEmail } from "@/server/email/outbox";
import type { EmailTransport, TransportEmail } from "@/server/email/transport";
import { unique } from "../support/factories";
import { onPostgres, useTestDatabase } from "../support/test-db";

interface Received {
  from: string;
  to: string[];
  raw: string;
}

const login = { user: "desk@example.test", pass: "right password" };

describe("outbound mail through a mailbox's SMTP server", async () => {
  const { db } = await useTestDatabase();
  const received: Received[] = [];
  const server = new SMTPServer({
    allowInsecureAuth: true,
    authMethods: ["PLAIN", "LOGIN"],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === login.user && auth.password === login.pass) callback(null, { user: auth.username });
      else callback(new Error("Invalid username or password"));
    },
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      if (address.address.startsWith("nobody-")) callback(Object.assign(new Error("No such user here"), { responseCode: 550 }));
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const envelope = session.envelope;
        received.push({ from: envelope.mailFrom ? envelope.mailFrom.address : "", to: envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString("utf8") });
        callback();
      });
    },
  });
  let port = 0;
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** What the app's own transport (Resend) was handed: mail without a mailbox, from other tests' rows too. */
  const appSent: TransportEmail[] = [];
  const appTransport: EmailTransport = { send: async (email) => (appSent.push(email), { providerMessageId: `re_${unique("id")}` }) };

  async function createMailbox(options: { security?: "none" | "starttls"; pass?: string; enabled?: boolean; outbound?: "smtp" | "resend"; displayName?: string } = {}) {
    const address = `${unique("billing")}@example.test`;
    return single(
      await db
        .insert(mailboxes)
        .values({
          address,
          displayName: options.displayName ?? "Billing Desk",
          enabled: options.enabled ?? true,
          outboundTransport: options.outbound ?? "smtp",
          smtpHost: "127.0.0.1",
          smtpPort: port,
          smtpSecurity: options.security ?? "none",
          smtpUsername: login.user,
          smtpSecret: encryptSecret(options.pass ?? login.pass),
        })
        .returning(),
      "mailbox",
    );
  }

  async function queue(mailboxId: string | null, overrides: { to?: string; cc?: string[] } = {}) {
    const key = unique("smtp-mail");
    const to = overrides.to ?? `${unique("customer")}@example.test`;
    await enqueueEmail(
      db,
      {
        template: "sign-in-link",
        props: { url: `https://frontdesk.test/link/${key}`, host: "frontdesk.test", expiresInMinutes: 15 },
        to,
        cc: overrides.cc ?? [`${unique("colleague")}@example.test`, `${unique("boss")}@example.test`],
        mailboxId,
        idempotencyKey: key,
        replyTo: `billing+1042-${key}@example.test`,
        inReplyTo: `<${key}-parent@frontdesk.test>`,
        references: [`<${key}-root@frontdesk.test>`, `<${key}-parent@frontdesk.test>`],
      },
      { deliver: true },
    );
    return single(await db.select().from(outbox).where(eq(outbox.idempotencyKey, key)), "outbox row");
  }

  /** Runs delivery passes until these rows have left the queue (the shared database may hold other files' rows). */
  async function deliver(ids: string[], smtp: SmtpConnectionOverrides = { tls: { rejectUnauthorized: false } }) {
    for (let pass = 0; pass < 20; pass++) {
      await deliverDueEmails(db, appTransport, { limit: 50, smtp });
      const rows = await db.select({ status: outbox.status, attempts: outbox.attempts }).from(outbox).where(inArray(outbox.id, ids));
      if (rows.every((row) => row.status !== "sending" && (row.status !== "pending" || row.attempts > 0))) break;
    }
    return db.select().from(outbox).where(inArray(outbox.id, ids));
  }

  const headerOf = (raw: string, name: string) => {
    const head = raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, " ");
    return head.split(/\r?\n/).find((line) => line.toLowerCase().startsWith(`${name.toLowerCase()}:`))?.slice(name.length + 1).trim();
  };
  const receivedFor = (to: string) => received.filter((mail) => mail.to.includes(to));

  it("sends a mailbox's mail over its SMTP server, from the mailbox, with To, Cc, Reply-To and threading headers as stored", async () => {
    const mailbox = await createMailbox({ displayName: 'Billing "East", Desk' });
    const row = await queue(mailbox.id);
    const [after] = await deliver([row.id]);
    expect(after).toMatchObject({ status: "sent", lastError: null });
    expect(after!.providerMessageId).toMatch(/^smtp:250/);

    const [mail, ...more] = receivedFor(row.toAddress);
    expect(more).toEqual([]);
    expect(mail!.from).toBe(mailbox.address);
    expect(mail!.to.sort()).toEqual([row.toAddress, ...row.ccAddresses].sort());
    expect(headerOf(mail!.raw, "From")).toBe(`"Billing \\"East\\", Desk" <${mailbox.address}>`);
    expect(headerOf(mail!.raw, "To")).toBe(row.toAddress);
    expect(headerOf(mail!.raw, "Cc")).toBe(row.ccAddresses.join(", "));
    expect(headerOf(mail!.raw, "Reply-To")).toBe(row.replyTo);
    expect(headerOf(mail!.raw, "Message-ID")).toBe(row.messageIdHeader);
    expect(headerOf(mail!.raw, "In-Reply-To")).toBe(row.inReplyTo);
    expect(headerOf(mail!.raw, "References")).toBe(row.references);
    expect(headerOf(mail!.raw, "Auto-Submitted")).toBe("auto-generated");
    expect(headerOf(mail!.raw, "Subject")).toBe(row.subject);
    // The app's own transport never saw it.
    expect(appSent.filter((email) => email.idempotencyKey === row.idempotencyKey)).toEqual([]);
  });

  it("upgrades with STARTTLS when the mailbox asks for it, and refuses an unverified certificate by default", async () => {
    const mailbox = await createMailbox({ security: "starttls" });
    const trusted = await queue(mailbox.id);
    expect((await deliver([trusted.id]))[0]).toMatchObject({ status: "sent" });
    expect(receivedFor(trusted.toAddress)).toHaveLength(1);

    // Production settings: the test server's self-signed certificate is not trusted, so nothing is sent and the row waits to retry.
    const other = await createMailbox({ security: "starttls" });
    const untrusted = await queue(other.id);
    const [row] = await deliver([untrusted.id], {});
    expect(row).toMatchObject({ status: "pending", attempts: 1 });
    expect(row!.lastError).toMatch(/certificate|TLS|self.signed/i);
    expect(receivedFor(untrusted.toAddress)).toEqual([]);
  });

  it("retries after a refused login (the password can be fixed) and fails for good when the server refuses the recipient", async () => {
    const wrong = await createMailbox({ pass: "wrong password" });
    const refusedLogin = await queue(wrong.id);
    const [afterLogin] = await deliver([refusedLogin.id]);
    expect(afterLogin).toMatchObject({ status: "pending", attempts: 1 });
    expect(afterLogin!.lastError).toMatch(/refused the login.*535/i);
    expect(afterLogin!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 30_000);
    expect(receivedFor(refusedLogin.toAddress)).toEqual([]);

    // The admin fixes the password: the saved mailbox (a new updatedAt) gets a fresh connection, and the retry goes out.
    await db.update(mailboxes).set({ smtpSecret: encryptSecret(login.pass), updatedAt: new Date(Date.now() + 1000) }).where(eq(mailboxes.id, wrong.id));
    await db.update(outbox).set({ nextAttemptAt: new Date(Date.now() - 1000) }).where(eq(outbox.id, refusedLogin.id));
    expect((await deliver([refusedLogin.id]))[0]).toMatchObject({ status: "sent", attempts: 2 });
    expect(receivedFor(refusedLogin.toAddress)).toHaveLength(1);

    const mailbox = await createMailbox();
    const refusedRecipient = await queue(mailbox.id, { to: `nobody-${unique("x")}@example.test`, cc: [] });
    const [afterRecipient] = await deliver([refusedRecipient.id]);
    expect(afterRecipient).toMatchObject({ status: "failed" });
    expect(afterRecipient!.lastError).toMatch(/550/);
  });

  it("sends mail without a mailbox, or from a switched-off one, through the app's transport as SUPPORT_EMAIL; a Resend mailbox through it as the mailbox", async () => {
    const off = await createMailbox({ enabled: false });
    const resend = await createMailbox({ outbound: "resend", displayName: "Resend Desk" });
    const plain = await queue(null);
    const fromOff = await queue(off.id);
    const fromResend = await queue(resend.id);
    const rows = await deliver([plain.id, fromOff.id, fromResend.id]);
    expect(rows.map((row) => row.status)).toEqual(["sent", "sent", "sent"]);
    const handed = (key: string) => single(appSent.filter((email) => email.idempotencyKey === key), key);
    expect(handed(plain.idempotencyKey).from).toMatch(/<support@|<.*>$/);
    expect(handed(fromOff.idempotencyKey).from).toBe(handed(plain.idempotencyKey).from);
    expect(handed(fromResend.idempotencyKey)).toMatchObject({ from: `"Resend Desk" <${resend.address}>`, cc: fromResend.ccAddresses, replyTo: fromResend.replyTo });
    expect(receivedFor(plain.toAddress)).toEqual([]);
  });

  it("tests a mailbox's SMTP login for the admin page: logged in, refused, nothing answering", async () => {
    const good = await createMailbox();
    expect((await testMailbox(db, good.id)).smtp).toEqual({ status: "ok", message: `Connected to 127.0.0.1:${port} and logged in as ${login.user}.` });
    const wrong = await createMailbox({ pass: "wrong password" });
    expect((await testMailbox(db, wrong.id)).smtp).toMatchObject({ status: "failed", message: expect.stringMatching(/^The server refused the login: 535/) });
    const closed = await createMailbox();
    await db.update(mailboxes).set({ smtpPort: 1 }).where(eq(mailboxes.id, closed.id));
    expect((await testMailbox(db, closed.id)).smtp).toMatchObject({ status: "failed", message: "Nothing answers at 127.0.0.1:1: check the port and the security setting." });
  });

  // Without a transport, a pass stores every due row it claims: on the shared PostgreSQL that would be other files' rows too.
  it.skipIf(onPostgres)("keeps (stores) mail that would need the app's transport when there is none, and still sends a mailbox's own SMTP mail", async () => {
    const resend = await createMailbox({ outbound: "resend" });
    const smtp = await createMailbox();
    const waiting = await queue(resend.id);
    const own = await queue(smtp.id);
    for (let pass = 0; pass < 20; pass++) {
      await deliverDueEmails(db, null, { limit: 50 });
      const rows = await db.select({ status: outbox.status }).from(outbox).where(inArray(outbox.id, [waiting.id, own.id]));
      if (rows.every((row) => row.status !== "pending" && row.status !== "sending")) break;
    }
    const byId = new Map((await db.select().from(outbox).where(inArray(outbox.id, [waiting.id, own.id]))).map((row) => [row.id, row]));
    expect(byId.get(waiting.id)).toMatchObject({ status: "stored", attempts: 0 });
    expect(byId.get(own.id)).toMatchObject({ status: "sent" });
    expect(receivedFor(own.toAddress)).toHaveLength(1);
  });
});
