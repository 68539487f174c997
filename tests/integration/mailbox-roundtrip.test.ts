/**
 * Issue 15's "done when", end to end on real servers: a customer's email,
 * with a colleague copied, appended to a Dovecot folder becomes a ticket
 * within 5 s through IDLE; the agent's public reply leaves through the
 * mailbox's own SMTP server (smtp-server) from the mailbox, to the requester
 * with the colleague in Cc and a Reply-To under the mailbox's address; a
 * restarted reader reads nothing twice and still picks up the next message.
 */
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { and, eq, inArray } from "drizzle-orm";
import { ImapFlow } from "imapflow";
import { SMTPServer } from "smtp-server";
import { afterAll, describe, expect, it } from "vitest";
import { mailboxes, outbox, ticketCcs, tickets, users } from "@/db/schema";
import { single } from "@/db/rows";
import { deliverDueEmails } from "@/server/email/deliver";
import { startMailboxReader, type MailboxReader } from "@/server/email/imap/mailbox-reader";
import { encryptSecret } from "@/server/email/mailboxes/secrets";
import type { EmailTransport } from "@/server/email/transport";
import { startDovecot } from "../support/dovecot";
import { callerFor, createUser, unique } from "../support/factories";
import { useTestDatabase } from "../support/test-db";

interface Received {
  from: string;
  to: string[];
  raw: string;
}

describe("a mailbox end to end: IMAP in, SMTP out, CCs kept, nothing read twice", async () => {
  const { db } = await useTestDatabase();
  const dovecot = await startDovecot();
  const storageRoot = fs.mkdtempSync(path.join(os.tmpdir(), "frontdesk-roundtrip-"));
  const received: Received[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    logger: false,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "", to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString("utf8") });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  const smtpPort = (smtp.server.address() as AddressInfo).port;
  const readers: MailboxReader[] = [];
  let client: ImapFlow | undefined;
  afterAll(async () => {
    await Promise.all(readers.map((reader) => reader.stop()));
    await client?.logout().catch(() => client?.close());
    await dovecot.stop();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    fs.rmSync(storageRoot, { recursive: true, force: true });
  });

  const user = unique("support");
  const address = `${user}@roundtrip.test`;
  const customer = `${unique("jane")}@customer.test`;
  const colleague = `${unique("tom")}@customer.test`;
  const mailbox = single(
    await db
      .insert(mailboxes)
      .values({
        address,
        displayName: "Acme Support",
        inboundTransport: "imap",
        imapHost: dovecot.host,
        imapPort: dovecot.port,
        imapSecurity: "none",
        imapUsername: user,
        imapSecret: encryptSecret(dovecot.password),
        outboundTransport: "smtp",
        smtpHost: "127.0.0.1",
        smtpPort,
        smtpSecurity: "none",
      })
      .returning(),
    "mailbox",
  );

  const read = () => {
    const reader = startMailboxReader(db, mailbox.id, { log: () => {}, ingest: { storageRoot, log: () => {} }, firstRetryMs: 200, maxRetryMs: 1000 });
    readers.push(reader);
    return reader;
  };
  async function waitFor<T>(what: string, probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (done(value)) return value;
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; last seen: ${JSON.stringify(value)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  const ticketsOfMailbox = () => db.select().from(tickets).where(eq(tickets.mailboxId, mailbox.id));
  let sent = 0;
  async function append(subject: string) {
    sent++;
    const raw = [
      `From: Jane Customer <${customer}>`,
      `To: Acme Support <${address}>`,
      `Cc: Tom Colleague <${colleague}>`,
      `Subject: ${subject}`,
      `Message-ID: <${user}.${sent}@customer.test>`,
      `Date: ${new Date().toUTCString()}`,
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=utf-8",
      "",
      "Our invoice was charged twice this month.",
      "",
    ].join("\r\n");
    await client!.append("INBOX", raw);
  }

  it("makes a ticket within 5 s, answers it through SMTP to requester and CC, and reads nothing twice after a restart", async () => {
    client = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, doSTARTTLS: false, auth: { user, pass: dovecot.password }, logger: false });
    client.on("error", () => {});
    await client.connect();

    const first = read();
    await waitFor("IDLE", async () => single(await db.select().from(mailboxes).where(eq(mailboxes.id, mailbox.id)), "mailbox").inboundState, (state) => state === "idle");
    const appended = Date.now();
    await append("Charged twice in November");
    const [ticket] = await waitFor("the ticket", ticketsOfMailbox, (rows) => rows.length === 1);
    expect(Date.now() - appended).toBeLessThan(5_000);
    expect(ticket!.subject).toBe("Charged twice in November");
    const cc = await db.select({ email: users.email }).from(ticketCcs).innerJoin(users, eq(users.id, ticketCcs.userId)).where(eq(ticketCcs.ticketId, ticket!.id));
    expect(cc.map((row) => row.email)).toEqual([colleague]);

    // The agent answers in the desk; delivery takes it to the mailbox's SMTP server.
    const agent = await createUser(db, { role: "agent" });
    await callerFor(db, agent).tickets.reply({ number: ticket!.number, body: "We refunded the second charge.", kind: "public" });
    const replyRows = await db
      .select()
      .from(outbox)
      .where(and(eq(outbox.ticketId, ticket!.id), eq(outbox.toAddress, customer)));
    const reply = replyRows.find((row) => row.text.includes("refunded the second charge"));
    expect(reply).toBeDefined();
    const appTransport: EmailTransport = { send: async () => ({ providerMessageId: "not-this-one" }) };
    const isTheReply = (mail: Received) => mail.raw.includes("refunded the second charge");
    for (let pass = 0; pass < 20 && !received.some(isTheReply); pass++) {
      await deliverDueEmails(db, appTransport, { limit: 50 });
    }
    const [row] = await db.select().from(outbox).where(inArray(outbox.id, [reply!.id]));
    expect(row!.status).toBe("sent");
    // (The acknowledgement of the new ticket went to the requester alone; the reply goes to everyone on it.)
    const mail = single(received.filter(isTheReply), "the reply");
    expect(mail.from).toBe(address);
    expect(mail.to.sort()).toEqual([customer, colleague].sort());
    const head = mail.raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, " ");
    expect(head).toMatch(new RegExp(`^From: "?Acme Support"? <${address}>`, "mi"));
    expect(head).toMatch(new RegExp(`^Cc: .*${colleague}`, "mi"));
    expect(head).toMatch(new RegExp(`^Reply-To: ${user}\\+`, "mi"));

    // A restart reads nothing twice, and the next message still arrives.
    await first.stop();
    read();
    await append("Also the VAT number is wrong");
    const after = await waitFor("the second ticket", ticketsOfMailbox, (rows) => rows.length >= 2);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await ticketsOfMailbox()).map((t) => t.subject).sort()).toEqual(["Also the VAT number is wrong", "Charged twice in November"]);
    expect(after.length).toBe(2);
  });
});
