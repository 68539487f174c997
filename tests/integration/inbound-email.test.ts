/**
 * Inbound email, the corpus: real-world MIME samples (tests/fixtures/mail)
 * through ingestRawEmail on a real database. New requests from known and
 * unknown senders, every body encoding and charset a mail client sends,
 * attachments kept and skipped, and the mail that must never open a ticket
 * (auto-replies, bounces, bulk, loops, malformed, oversized).
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { asc, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { attachments, inboundMessages, messages, tickets, users } from "@/db/schema";
import { single } from "@/db/rows";
import { readAttachmentBytes } from "@/server/attachments/storage";
import { ingestRawEmail } from "@/server/email/inbound/ingest";
import { replyAddressFor } from "@/server/email/reply-address";
import { env } from "@/server/env";
import { createTicket } from "@/server/tickets/create-ticket";
import { composeEmail, mailFixture, newMessageId, uniqueAddress } from "../fixtures/mail/load-fixture";
import { createOrganization, createUser } from "../support/factories";
import { useTestDatabase } from "../support/test-db";

describe("inbound email: the MIME corpus", async () => {
  const { db } = await useTestDatabase();
  const storageRoot = fs.mkdtempSync(path.join(os.tmpdir(), "frontdesk-inbound-"));
  afterAll(() => fs.rmSync(storageRoot, { recursive: true, force: true }));

  const ingest = (raw: Uint8Array, options: { maxBytes?: number } = {}) => ingestRawEmail(db, raw, { source: "test", storageRoot, log: () => {}, ...options });

  async function ticketOf(number: number | undefined) {
    expect(number).toBeTypeOf("number");
    const ticket = single(await db.select().from(tickets).where(eq(tickets.number, number ?? -1)), "ticket");
    const thread = await db.select().from(messages).where(eq(messages.ticketId, ticket.id)).orderBy(asc(messages.createdAt));
    const requester = single(await db.select().from(users).where(eq(users.id, ticket.requesterId)), "user");
    return { ticket, thread, first: thread[0], requester };
  }
  const inboundRow = async (messageId: string) => single(await db.select().from(inboundMessages).where(eq(inboundMessages.messageIdHeader, messageId)), "inbound");
  const userByEmail = async (email: string) => (await db.select().from(users).where(eq(users.email, email)))[0];

  it("opens an email ticket for a new sender, who becomes a customer named from the From header", async () => {
    const from = uniqueAddress("jane");
    const messageId = newMessageId();
    const outcome = await ingest(mailFixture("plain-new-request.eml", { FROM: from, MESSAGE_ID: messageId }));

    expect(outcome).toMatchObject({ status: "ticket_created", duplicate: false, messageId });
    expect(outcome.reason).toContain(`new customer ${from}`);
    const { ticket, thread, requester } = await ticketOf(outcome.ticketNumber);
    expect(ticket).toMatchObject({ subject: "Cannot export invoices to CSV", channel: "email", categoryId: null, status: "new" });
    expect(requester).toMatchObject({ email: from, name: "Jane Doe", role: "customer", passwordHash: null, organizationId: null });
    expect(thread).toHaveLength(1);
    expect(thread[0]).toMatchObject({ kind: "public", authorId: requester.id, emailMessageId: messageId });
    // A new ticket keeps the whole text, sign-off included.
    expect(thread[0]?.body).toBe(
      'Hello,\n\nSince yesterday the "Export to CSV" button on the invoices page does\nnothing. I click it, the spinner shows for a second, and no file is\n' +
        "downloaded. Chrome 133 on Windows 11, same in Firefox.\n\nCould you have a look? Our accountant needs the February invoices by\nFriday.\n\nThanks,\nJane",
    );
    expect(await inboundRow(messageId)).toMatchObject({ status: "ticket_created", ticketId: ticket.id, ticketMessageId: thread[0]?.id, fromAddress: from });
  });

  it("makes a new customer only a pending member of the organization of their email domain, and uses an existing account as it is", async () => {
    const organization = await createOrganization(db);
    const colleague = `ana-${crypto.randomUUID().slice(0, 6)}@${organization.domain}`;
    const created = await ingest(composeEmail({ from: `Ana Lima <${colleague.toUpperCase()}>`, subject: "Seats for our team" }));
    const { ticket, requester } = await ticketOf(created.ticketNumber);
    expect(requester).toMatchObject({ email: colleague, name: "Ana Lima", organizationId: null, pendingOrganizationId: organization.id });
    expect(ticket.organizationId).toBeNull();

    const known = await createUser(db, { name: "Known Customer" });
    const again = await ingest(composeEmail({ from: `Someone Else <${known.email}>`, subject: "Another question" }));
    expect(again.reason).not.toContain("new customer");
    const second = await ticketOf(again.ticketNumber);
    expect(second.requester).toMatchObject({ id: known.id, name: "Known Customer" });
  });

  it("rejects mail from a disabled account and leaves the account disabled", async () => {
    const disabled = await createUser(db, { disabled: true });
    const outcome = await ingest(composeEmail({ from: disabled.email, subject: "Let me back in" }));
    expect(outcome).toMatchObject({ status: "rejected", duplicate: false });
    expect(outcome.reason).toContain("disabled");
    expect(outcome.ticketNumber).toBeUndefined();
    expect(await db.$count(tickets, eq(tickets.requesterId, disabled.id))).toBe(0);
    expect((await userByEmail(disabled.email))?.disabledAt).not.toBeNull();
  });

  it("prefers the text/plain part of multipart/alternative", async () => {
    const { first } = await ticketOf((await ingest(mailFixture("multipart-alternative.eml", { FROM: uniqueAddress() }))).ticketNumber);
    expect(first?.body).toContain("PLAIN-PART-MARKER");
    expect(first?.body).not.toContain("HTML-PART-MARKER");
  });

  it("turns HTML-only mail into readable text: links kept, entities decoded, scripts and styles dropped", async () => {
    const { first } = await ticketOf((await ingest(mailFixture("html-only.eml", { FROM: uniqueAddress() }))).ticketNumber);
    const body = first?.body ?? "";
    expect(body).toContain("Since the upgrade our webhook deliveries fail with HTTP 502.");
    expect(body).toContain("status page (https://status.example.test/webhooks?env=prod&tab=failures) & it answers fine from curl.");
    expect(body).toContain("- Started: 5 March, 17:00 IST\n- Affected: all <order.created> events");
    expect(body).toContain("Café – résumé test.");
    expect(body).toContain("Thanks,\nPriya");
    for (const leftover of ["<p", "<b>", "&amp;", "alert", "margin", "DOCTYPE"]) expect(body).not.toContain(leftover);
  });

  it.each([
    {
      sample: "quoted-printable.eml",
      name: "Élodie Martin",
      subject: "Facture introuvable – accès refusé",
      body: ["télécharger la facture n° 2025-031 : le lien renvoie une erreur « accès refusé ».", "coupée en quoted-printable pour dépasser soixante-seize caractères.", "Élodie"],
    },
    { sample: "base64-body.eml", name: "Jürgen Becker", subject: "Größenangaben falsch", body: ["unsere Größenangaben im Katalog", "(z. B. „42 ⅓“ statt „42,5“)", "Viele Grüße\nJürgen"] },
    { sample: "iso-8859-1.eml", name: "Sören Weiß", subject: "Zugang für Jörg Müller gesperrt", body: ["der Zugang für unseren Mitarbeiter Jörg Müller funktioniert nicht mehr.", "Mit freundlichen Grüßen\nSören Weiß"] },
    { sample: "windows-1252-8bit.eml", name: "Zoë Dupré", subject: "Preis “Pro” plan – 49 € statt 39 €", body: ["the “Pro” plan costs 49 € on the invoice – the pricing page says 39 €.", "Naïve question", "— Zoë"] },
    { sample: "iso-2022-jp.eml", name: "山田太郎", subject: "請求書の件について", body: ["サポートご担当者様", "先月の請求書が二重に発行されています。\nご確認をお願いいたします。", "山田太郎"] },
  ])("decodes $sample: subject, sender name and body come out right", async ({ sample, name, subject, body }) => {
    const from = uniqueAddress();
    const { ticket, first, requester } = await ticketOf((await ingest(mailFixture(sample, { FROM: from }))).ticketNumber);
    expect(ticket.subject).toBe(subject);
    expect(requester.name).toBe(name);
    for (const part of body) expect(first?.body).toContain(part);
    expect(first?.body).not.toMatch(/=[0-9A-F]{2}|\ufffd|\x1b/);
  });

  it("keeps an attachment (a PDF) and skips a blocked one (.exe), naming it in the outcome", async () => {
    const from = uniqueAddress("tom");
    const outcome = await ingest(mailFixture("attachments-pdf-and-exe.eml", { FROM: from }));
    expect(outcome.status).toBe("ticket_created");
    expect(outcome.reason).toContain("skipped attachments: erp-export.exe (.exe files are blocked by the admin)");
    const { ticket, first, requester } = await ticketOf(outcome.ticketNumber);
    expect(first?.body).toContain("invoice 2025-031 charges 21% VAT");
    const files = await db.select().from(attachments).where(eq(attachments.ticketId, ticket.id));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({ fileName: "invoice-2025-031.pdf", contentType: "application/pdf", messageId: first?.id, uploaderId: requester.id });
    const bytes = await readAttachmentBytes(files[0]?.storageKey ?? "", storageRoot);
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(bytes.byteLength).toBe(files[0]?.size);
    expect((await inboundRow(outcome.messageId)).reason).toContain("erp-export.exe");
  });

  it("opens a ticket for forwarded mail from a new sender, keeping the forwarded message", async () => {
    const { ticket, first } = await ticketOf((await ingest(mailFixture("forwarded.eml", { FROM: uniqueAddress("carla") }))).ticketNumber);
    expect(ticket.subject).toBe("Fwd: Invoice 2025-031 overcharged");
    expect(first?.body).toContain("Hi, forwarding this from our CFO.");
    expect(first?.body).toContain("FORWARDED-CONTENT");
    expect(first?.body).toContain("From: Daniel Ortiz <daniel@example-cfo.test>");
  });

  describe("mail that never opens a ticket or adds a reply", () => {
    it("ignores an out-of-office reply even when it is addressed to a ticket", async () => {
      const customer = await createUser(db);
      const created = await createTicket(db, customer, { subject: "Export broken", body: "The export does nothing.", channel: "web" });
      const outcome = await ingest(
        mailFixture("out-of-office.eml", { FROM: customer.email, TO: replyAddressFor(created), TICKET_NUMBER: created.number, IN_REPLY_TO: newMessageId() }),
      );
      expect(outcome).toMatchObject({ status: "ignored", duplicate: false });
      expect(outcome.reason).toContain("Auto-Submitted: auto-replied");
      expect(await db.$count(messages, eq(messages.ticketId, created.id))).toBe(1);
      expect((await inboundRow(outcome.messageId)).status).toBe("ignored");
    });

    it("ignores a bounce (multipart/report from MAILER-DAEMON) and creates no user for it", async () => {
      const outcome = await ingest(mailFixture("dsn-bounce.eml"));
      expect(outcome.status).toBe("ignored");
      expect(outcome.reason).toContain("multipart/report");
      expect(await userByEmail("mailer-daemon@mx.example.test")).toBeUndefined();
    });

    it("ignores bulk mail (Precedence: bulk with List-Unsubscribe)", async () => {
      const from = uniqueAddress("news");
      const outcome = await ingest(mailFixture("newsletter.eml", { FROM: from }));
      expect(outcome.status).toBe("ignored");
      expect(outcome.reason).toContain("Precedence: bulk");
      expect(await userByEmail(from)).toBeUndefined();
    });

    it.each<{ headers: Record<string, string>; reason: string }>([
      { headers: { Precedence: "junk" }, reason: "Precedence: junk" },
      { headers: { Precedence: "list", "List-Id": "<dev.lists.example.test>" }, reason: "Precedence: list" },
      { headers: { "X-Autorespond": "yes" }, reason: "x-autorespond" },
      { headers: { "X-Auto-Response-Suppress": "OOF, AutoReply" }, reason: "X-Auto-Response-Suppress" },
      { headers: { "Auto-Submitted": "auto-generated" }, reason: "Auto-Submitted: auto-generated" },
      { headers: { "Return-Path": "<>" }, reason: "empty Return-Path" },
    ])("ignores automatic mail marked $reason", async ({ headers, reason }) => {
      const outcome = await ingest(composeEmail({ from: uniqueAddress(), subject: "Automatic message", headers }));
      expect(outcome.status).toBe("ignored");
      expect(outcome.reason).toContain(reason);
    });

    it("processes mail that says Auto-Submitted: no, or only has a List-Unsubscribe header", async () => {
      const people: Record<string, string>[] = [{ "Auto-Submitted": "no" }, { "List-Unsubscribe": "<https://example.test/u>" }];
      for (const headers of people) {
        expect((await ingest(composeEmail({ from: uniqueAddress(), subject: "A person wrote this", headers }))).status).toBe("ticket_created");
      }
    });

    it("ignores mail from our own support address and its reply addresses (a loop)", async () => {
      const customer = await createUser(db);
      const created = await createTicket(db, customer, { subject: "Loop bait", body: "Anything.", channel: "web" });
      for (const from of [env.SUPPORT_EMAIL, replyAddressFor(created)]) {
        const outcome = await ingest(composeEmail({ from, to: replyAddressFor(created), subject: `[#${created.number}] Loop bait` }));
        expect(outcome.status).toBe("ignored");
        expect(outcome.reason).toContain("mail loop");
      }
      expect(await db.$count(messages, eq(messages.ticketId, created.id))).toBe(1);
    });

    it("ignores a no-reply sender, unless its Reply-To names a person (a contact form)", async () => {
      const robot = `no-reply@${crypto.randomUUID().slice(0, 8)}.example.test`;
      expect((await ingest(composeEmail({ from: robot, subject: "Your report is ready" }))).status).toBe("ignored");
      const person = uniqueAddress("visitor");
      const viaForm = await ingest(composeEmail({ from: `Website <${robot}>`, subject: "Contact form: pricing", headers: { "Reply-To": `Lee Visitor <${person}>` } }));
      expect(viaForm.status).toBe("ticket_created");
      expect((await ticketOf(viaForm.ticketNumber)).requester).toMatchObject({ email: person, name: "Lee Visitor" });
      expect(await userByEmail(robot)).toBeUndefined();
    });
  });

  it("gives a message without a Message-ID a synthetic one from its bytes, so a redelivery is still a duplicate", async () => {
    const raw = mailFixture("no-message-id.eml", { FROM: uniqueAddress("scanner") });
    const synthetic = `<${crypto.createHash("sha256").update(raw).digest("hex")}@missing-message-id.frontdesk>`;
    const first = await ingest(raw);
    expect(first).toMatchObject({ status: "ticket_created", messageId: synthetic, duplicate: false });
    expect((await ticketOf(first.ticketNumber)).first?.emailMessageId).toBe(synthetic);
    expect(await ingest(raw)).toMatchObject({ status: "ticket_created", messageId: synthetic, duplicate: true, ticketNumber: first.ticketNumber });
  });

  it("rejects malformed mail with a clear reason and records it", async () => {
    const noHeaders = await ingest(mailFixture("malformed-no-headers.eml"));
    expect(noHeaders).toMatchObject({ status: "rejected", duplicate: false });
    expect(noHeaders.reason).toContain("malformed");
    expect((await inboundRow(noHeaders.messageId)).status).toBe("rejected");

    const noFrom = await ingest(mailFixture("malformed-no-from.eml"));
    expect(noFrom.status).toBe("rejected");
    expect(noFrom.reason).toContain("no valid From address");
  });

  it("rejects an oversized message before parsing it, keyed by the Message-ID in its headers, and writes nothing else", async () => {
    const from = uniqueAddress("big");
    const messageId = newMessageId();
    const raw = composeEmail({ from, subject: "Huge logs", messageId, body: "x".repeat(200 * 1024) });
    const outcome = await ingest(raw, { maxBytes: 100 * 1024 });
    expect(outcome).toMatchObject({ status: "rejected", messageId, duplicate: false });
    expect(outcome.reason).toMatch(/^too large: \d+ bytes, over the limit of 102400 bytes/);
    expect(await inboundRow(messageId)).toMatchObject({ status: "rejected", size: raw.byteLength });
    expect(await userByEmail(from)).toBeUndefined();
    expect(await ingest(raw, { maxBytes: 100 * 1024 })).toMatchObject({ status: "rejected", duplicate: true });
  });

  it("keeps a message whose body or sender name carries NUL bytes, without them, instead of failing on every redelivery", async () => {
    const from = uniqueAddress("nul");
    const messageId = newMessageId();
    const raw = composeEmail({ from: `"Nul\u0000 Sender" <${from}>`, subject: "Invoice attached", messageId, body: "Line one\u0000 and line two.\u0000" });
    const outcome = await ingest(raw);
    expect(outcome).toMatchObject({ status: "ticket_created", duplicate: false });
    const { thread, requester } = await ticketOf(outcome.ticketNumber);
    expect(thread[0]?.body).toBe("Line one and line two.");
    expect(requester.name).toBe("Nul Sender");
  });
});
