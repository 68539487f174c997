/**
 * Attachments, server side, on a real database and a temporary storage
 * folder: what an upload may be, where its bytes go, how a message claims
 * it, and who may download it.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, inArray } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { attachments, messages, type MessageKind } from "@/db/schema";
import { single } from "@/db/rows";
import { findDownloadableAttachment } from "@/server/attachments/authorize-download";
import { attachmentDownloadResponse, contentDisposition, pdfPolicy } from "@/server/attachments/download-response";
import { AttachmentTooLargeError } from "@/server/attachments/inspect-file";
import { linkAttachments, listAttachmentsForMessages } from "@/server/attachments/link-attachments";
import { readAttachmentBytes, storagePathFor } from "@/server/attachments/storage";
import { pendingUploadLimit, uploadAttachment } from "@/server/attachments/upload";
import { readUploadRequest } from "@/server/attachments/upload-request";
import { getSettings, updateSettings } from "@/server/settings/settings";
import type { SessionUser } from "@/server/users/session-user";
import { callerFor, createCategory, createOrganization, createUser } from "../support/factories";
import { useTestDatabase } from "../support/test-db";
import { tinyPng } from "../support/tiny-png";

/** The PNG as the plain bytes a request body carries (a Buffer would not equal them). */
const pngBytes = () => new Uint8Array(tinyPng());

const storageKeyPattern = /^\d{4}\/\d{2}\/[0-9a-f-]{36}$/;
const text = (value: string) => new TextEncoder().encode(value);

const elfBinary = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, ...new Array<number>(56).fill(0)]);
const windowsExecutable = new Uint8Array([0x4d, 0x5a, ...new Array<number>(62).fill(0)]);
const minimalPdf = text("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const html = text("<!doctype html><html><body><script>alert(document.cookie)</script></body></html>");
const svg = text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>');

describe("attachments", async () => {
  const { db } = await useTestDatabase();
  const storageRoot = fs.mkdtempSync(path.join(os.tmpdir(), "frontdesk-attachments-"));
  afterAll(() => fs.rmSync(storageRoot, { recursive: true, force: true }));

  const upload = (user: SessionUser, name: string, bytes: Uint8Array) => uploadAttachment(db, user, { name, bytes }, { storageRoot });
  const rowOf = async (id: string) => single(await db.select().from(attachments).where(eq(attachments.id, id)), "attachment");
  const uploadsBy = (user: SessionUser) => db.$count(attachments, eq(attachments.uploaderId, user.id));

  async function openTicket(customer: SessionUser) {
    const { category } = await createCategory(db);
    return callerFor(db, customer).tickets.create({ subject: "Invoice attached", body: "Please see the attached invoice.", categoryId: category.id });
  }

  /** What the reply service will do: write a message and claim its uploads in one transaction. */
  function sendMessage(ticketId: string, author: SessionUser, attachmentIds: string[], options: { kind?: MessageKind; maxCount?: number } = {}) {
    return db.transaction(async (tx) => {
      const message = single(
        await tx
          .insert(messages)
          .values({ ticketId, authorId: author.id, kind: options.kind ?? "public", body: "See attached." })
          .returning({ id: messages.id }),
        "message",
      );
      await linkAttachments(tx, { uploaderId: author.id, ticketId, messageId: message.id, attachmentIds, maxCount: options.maxCount ?? 5 });
      return message.id;
    });
  }

  describe("uploading", () => {
    it("stores a PNG and text files under their detected types, with the sha256 of the bytes", async () => {
      const customer = await createUser(db);
      const png = pngBytes();
      const image = await upload(customer, "screenshot.png", png);
      expect(image).toEqual({ id: expect.any(String), fileName: "screenshot.png", contentType: "image/png", size: png.byteLength });
      const row = await rowOf(image.id);
      expect(row).toMatchObject({ uploaderId: customer.id, ticketId: null, messageId: null });
      expect(row.sha256).toBe(crypto.createHash("sha256").update(png).digest("hex"));
      expect(row.storageKey).toMatch(storageKeyPattern);
      expect(new Uint8Array(await readAttachmentBytes(row.storageKey, storageRoot))).toEqual(png);

      const notes = text("Steps to reproduce:\n1. Öffnen\n2. 保存\n");
      expect(await upload(customer, "notes.txt", notes)).toMatchObject({ fileName: "notes.txt", contentType: "text/plain", size: notes.byteLength });
      expect(await upload(customer, "export.CSV", text("id,name\n1,Ada\n"))).toMatchObject({ contentType: "text/csv" });
      expect(await upload(customer, "payload.json", text('{"ok":true}'))).toMatchObject({ contentType: "text/plain" });
    });

    it("refuses empty files and files over the limit, naming the limit in MB", async () => {
      const customer = await createUser(db);
      const original = await getSettings(db);
      await updateSettings(db, { attachmentMaxBytes: 1024 * 1024 });
      try {
        const tooLarge = upload(customer, "big.txt", new Uint8Array(1024 * 1024 + 1).fill(0x61));
        await expect(tooLarge).rejects.toBeInstanceOf(AttachmentTooLargeError);
        await expect(tooLarge).rejects.toMatchObject({ code: "INVALID", message: "Files can be at most 1 MB." });
        await expect(upload(customer, "bigger.txt", new Uint8Array(1536 * 1024).fill(0x61))).rejects.toMatchObject({
          message: "Files can be at most 1 MB. This one is 1.5 MB.",
        });
        // Exactly the limit is fine.
        expect(await upload(customer, "edge.txt", new Uint8Array(1024 * 1024).fill(0x61))).toMatchObject({ size: 1024 * 1024 });
      } finally {
        await updateSettings(db, { attachmentMaxBytes: original.attachmentMaxBytes });
      }
      await expect(upload(customer, "empty.txt", new Uint8Array())).rejects.toMatchObject({ code: "INVALID", message: "The file is empty." });
      expect(await uploadsBy(customer)).toBe(1);
    });

    it("keeps any other file under its name, typed from its bytes (never the name), so it is served as bytes", async () => {
      const customer = await createUser(db);
      const kept: [string, Uint8Array, string, string][] = [
        ["photo.png", elfBinary, "photo.png", "application/x-elf"],
        ["page.png", html, "page.png", "application/octet-stream"],
        ["page.html", html, "page.html", "application/octet-stream"],
        ["logo.png", svg, "logo.png", "application/octet-stream"],
        ["logo.svg", svg, "logo.svg", "application/octet-stream"],
        ["run.sh", text("#!/bin/sh\nrm -rf /\n"), "run.sh", "application/octet-stream"],
        ["notes.constructor", text("not a text extension"), "notes.constructor", "application/octet-stream"],
        ["binary.txt", text("almost text\u0000with a NUL"), "binary.txt", "application/octet-stream"],
        ["latin1.txt", new Uint8Array([0x63, 0x61, 0x66, 0xe9]), "latin1.txt", "application/octet-stream"],
      ];
      for (const [name, bytes, fileName, contentType] of kept) {
        expect(await upload(customer, name, bytes), name).toMatchObject({ fileName, contentType });
      }
      expect(await uploadsBy(customer)).toBe(kept.length);
    });

    it("refuses blocked extensions by name, in any case, as the last extension, and by content, naming the file and the extension", async () => {
      const customer = await createUser(db);
      const refused: [string, Uint8Array, string][] = [
        ["setup.exe", windowsExecutable, "Not accepted: setup.exe (.exe files are blocked by the admin)."],
        ["SETUP.EXE", text("not even an executable"), "Not accepted: SETUP.EXE (.exe files are blocked by the admin)."],
        ["report.pdf.exe", minimalPdf, "Not accepted: report.pdf.exe (.exe files are blocked by the admin)."],
        ["invoice.exe. . ", windowsExecutable, "Not accepted: invoice.exe (.exe files are blocked by the admin)."],
        ["install.Bat", text("@echo off"), "Not accepted: install.Bat (.bat files are blocked by the admin)."],
        ["setup.png", windowsExecutable, "Not accepted: setup.png (its content is a .exe file, and .exe files are blocked by the admin)."],
      ];
      for (const [name, bytes, message] of refused) {
        await expect(upload(customer, name, bytes), name).rejects.toMatchObject({ code: "INVALID", message });
      }
      // Not blocked: .exe only as an inner extension.
      expect(await upload(customer, "report.exe.txt", text("just text"))).toMatchObject({ fileName: "report.exe.txt" });
      expect(await uploadsBy(customer)).toBe(1);
    });

    it("stores content that contradicts its name under the detected type, with the matching extension", async () => {
      const customer = await createUser(db);
      expect(await upload(customer, "scan.png", minimalPdf)).toMatchObject({ fileName: "scan.pdf", contentType: "application/pdf" });
      expect(await upload(customer, "report", minimalPdf)).toMatchObject({ fileName: "report.pdf", contentType: "application/pdf" });
    });

    it("cleans names with path tricks and keeps the bytes under a server-made key inside the storage root", async () => {
      const customer = await createUser(db);
      const cases: [string, Uint8Array, string][] = [
        ["../../etc/passwd", pngBytes(), "passwd.png"],
        ["../../etc/passwd", text("root:x:0:0:root:/root:/bin/sh\n"), "passwd"],
        [".htaccess", text("Require all granted\n"), "htaccess"],
        ["..hidden. ", text("dots"), "hidden"],
        ['what?is:"this"|<x>*.txt', text("windows"), "what_is__this___x__.txt"],
        ["..\\..\\boot.ini", pngBytes(), "boot.png"],
        ["a\u0000b.txt", text("hello"), "ab.txt"],
        ["C:\\Users\\dana\\.bashrc.txt", text("alias ll='ls -l'"), "bashrc.txt"],
        ["invoice\u202Etxt.exe.txt", text("bidi"), "invoicetxt.exe.txt"],
        ["/../..", pngBytes(), "attachment.png"],
        [`${"x".repeat(300)}.txt`, text("long"), `${"x".repeat(251)}.txt`],
      ];
      const root = path.resolve(storageRoot) + path.sep;
      for (const [name, bytes, expected] of cases) {
        const uploaded = await upload(customer, name, bytes);
        expect(uploaded.fileName, name).toBe(expected);
        const { storageKey } = await rowOf(uploaded.id);
        expect(storageKey).toMatch(storageKeyPattern);
        const stored = storagePathFor(storageKey, storageRoot);
        expect(stored.startsWith(root)).toBe(true);
        expect(fs.existsSync(stored)).toBe(true);
      }
      expect(fs.existsSync(path.join(storageRoot, "passwd"))).toBe(false);
      expect(() => storagePathFor("../../etc/passwd", storageRoot)).toThrow();
    });

    it("limits how many unsent uploads one person makes in an hour", async () => {
      const customer = await createUser(db);
      for (let i = 0; i < pendingUploadLimit.count; i++) await upload(customer, `log-${i}.log`, text(`line ${i}\n`));
      await expect(upload(customer, "one-more.log", text("more\n"))).rejects.toMatchObject({ code: "RATE_LIMITED" });
      expect(await uploadsBy(customer)).toBe(pendingUploadLimit.count);
      // Someone else is not held back.
      expect(await upload(await createUser(db), "mine.log", text("mine\n"))).toMatchObject({ contentType: "text/plain" });
    });
  });

  describe("reading the upload request", () => {
    const limit = 64 * 1024;
    const post = (body: BodyInit, headers: Record<string, string> = {}) => {
      // Node needs `duplex` for a streamed body; the DOM typings do not know it yet.
      const init: RequestInit & { duplex: "half" } = { method: "POST", body, headers, duplex: "half" };
      return new Request("http://localhost/api/attachments", init);
    };

    it("reads the one file of a multipart request", async () => {
      const form = new FormData();
      form.set("file", new File([pngBytes()], "screenshot.png", { type: "text/html" }));
      const file = await readUploadRequest(post(form), limit);
      expect(file.name).toBe("screenshot.png");
      expect(file.bytes).toEqual(pngBytes());
    });

    it("refuses a body over the limit, declared or not, before holding it", async () => {
      const declared = post(new Uint8Array(10), { "content-type": "multipart/form-data; boundary=x", "content-length": String(10 * 1024 * 1024) });
      await expect(readUploadRequest(declared, limit)).rejects.toBeInstanceOf(AttachmentTooLargeError);

      let sent = 0;
      const endless = new ReadableStream<Uint8Array>({
        pull(controller) {
          sent += 16 * 1024;
          controller.enqueue(new Uint8Array(16 * 1024));
        },
      });
      await expect(readUploadRequest(post(endless, { "content-type": "multipart/form-data; boundary=x" }), limit)).rejects.toBeInstanceOf(
        AttachmentTooLargeError,
      );
      expect(sent).toBeLessThan(limit * 4);

      const form = new FormData();
      form.set("file", new File([new Uint8Array(limit + 1)], "big.txt"));
      await expect(readUploadRequest(post(form), limit)).rejects.toBeInstanceOf(AttachmentTooLargeError);
    });

    it("refuses requests that are not one file in multipart form data", async () => {
      await expect(readUploadRequest(post(JSON.stringify({ file: "x" }), { "content-type": "application/json" }), limit)).rejects.toMatchObject({ code: "INVALID" });
      const none = new FormData();
      none.set("other", "value");
      await expect(readUploadRequest(post(none), limit)).rejects.toMatchObject({ message: "Choose a file to upload." });
      const two = new FormData();
      two.append("file", new File([text("a")], "a.txt"));
      two.append("file", new File([text("b")], "b.txt"));
      await expect(readUploadRequest(post(two), limit)).rejects.toMatchObject({ message: "Upload one file at a time." });
    });
  });

  describe("linking to a message", () => {
    it("links the sender's pending uploads to the message in its transaction and lists them", async () => {
      const customer = await createUser(db);
      const ticket = await openTicket(customer);
      const first = await upload(customer, "one.png", pngBytes());
      const second = await upload(customer, "two.txt", text("two"));
      const messageId = await sendMessage(ticket.id, customer, [first.id, second.id]);

      for (const id of [first.id, second.id]) expect(await rowOf(id)).toMatchObject({ ticketId: ticket.id, messageId });
      const listed = await listAttachmentsForMessages(db, [messageId]);
      expect(listed).toEqual([
        { id: first.id, messageId, fileName: "one.png", contentType: "image/png", size: first.size, contentId: null },
        { id: second.id, messageId, fileName: "two.txt", contentType: "text/plain", size: second.size, contentId: null },
      ]);
      expect(await listAttachmentsForMessages(db, [])).toEqual([]);
      // Sending no files is a no-op.
      await sendMessage(ticket.id, customer, []);
    });

    it("refuses another person's upload, an already sent one, or too many, and changes nothing", async () => {
      const customer = await createUser(db);
      const stranger = await createUser(db);
      const ticket = await openTicket(customer);
      const mine = await upload(customer, "mine.txt", text("mine"));
      const theirs = await upload(stranger, "theirs.txt", text("theirs"));
      const unavailable = { code: "INVALID", message: "One of the attachments is no longer available. Upload it again." };
      const messagesOnTicket = () => db.$count(messages, eq(messages.ticketId, ticket.id));
      const before = await messagesOnTicket();

      await expect(sendMessage(ticket.id, customer, [mine.id, theirs.id])).rejects.toMatchObject(unavailable);
      await expect(sendMessage(ticket.id, customer, [mine.id, crypto.randomUUID()])).rejects.toMatchObject(unavailable);
      await expect(sendMessage(ticket.id, customer, [mine.id, "not-a-uuid"])).rejects.toMatchObject(unavailable);
      expect(await messagesOnTicket()).toBe(before);
      expect(await rowOf(mine.id)).toMatchObject({ ticketId: null, messageId: null });
      expect(await rowOf(theirs.id)).toMatchObject({ ticketId: null, messageId: null });

      const sentWith = await sendMessage(ticket.id, customer, [mine.id]);
      const fresh = await upload(customer, "fresh.txt", text("fresh"));
      await expect(sendMessage(ticket.id, customer, [fresh.id, mine.id])).rejects.toMatchObject(unavailable);
      expect(await rowOf(mine.id)).toMatchObject({ messageId: sentWith });
      expect(await rowOf(fresh.id)).toMatchObject({ messageId: null });

      const more = [fresh.id, (await upload(customer, "b.txt", text("b"))).id, (await upload(customer, "c.txt", text("c"))).id];
      await expect(sendMessage(ticket.id, customer, more, { maxCount: 2 })).rejects.toMatchObject({
        code: "INVALID",
        message: "A message can have at most 2 attachments.",
      });
      const rows = await db.select({ messageId: attachments.messageId }).from(attachments).where(inArray(attachments.id, more));
      expect(rows.map((r) => r.messageId)).toEqual([null, null, null]);
      expect(await messagesOnTicket()).toBe(before + 1);
    });

    it("keeps the other uploads pending when a caller catches the refusal", async () => {
      const customer = await createUser(db);
      const stranger = await createUser(db);
      const ticket = await openTicket(customer);
      const mine = await upload(customer, "mine.txt", text("mine"));
      const theirs = await upload(stranger, "theirs.txt", text("theirs"));
      const messageId = single(
        await db.insert(messages).values({ ticketId: ticket.id, authorId: customer.id, kind: "public", body: "x" }).returning({ id: messages.id }),
        "message",
      ).id;
      await expect(
        linkAttachments(db, { uploaderId: customer.id, ticketId: ticket.id, messageId, attachmentIds: [mine.id, theirs.id], maxCount: 5 }),
      ).rejects.toMatchObject({ code: "INVALID" });
      expect(await rowOf(mine.id)).toMatchObject({ messageId: null });
    });
  });

  describe("downloading", () => {
    async function scenario() {
      const organization = await createOrganization(db, { sharesTickets: true });
      const customer = await createUser(db, { organizationId: organization.id });
      const colleague = await createUser(db, { organizationId: organization.id });
      const otherCustomer = await createUser(db);
      const agent = await createUser(db, { role: "agent" });
      const ticket = await openTicket(customer);

      const publicFile = await upload(customer, "invoice.pdf", minimalPdf);
      await sendMessage(ticket.id, customer, [publicFile.id]);
      const noteFile = await upload(agent, "internal.txt", text("Customer is on the legacy plan."));
      await sendMessage(ticket.id, agent, [noteFile.id], { kind: "internal" });
      const pendingFile = await upload(customer, "draft.png", pngBytes());
      return { customer, colleague, otherCustomer, agent, publicFile, noteFile, pendingFile };
    }
    const canDownload = async (viewer: SessionUser, id: string) => (await findDownloadableAttachment(db, viewer, id)) !== null;

    it("lets those who see the message download its file, and nobody else", async () => {
      const { customer, colleague, otherCustomer, agent, publicFile } = await scenario();
      expect(await canDownload(customer, publicFile.id)).toBe(true);
      expect(await canDownload(colleague, publicFile.id)).toBe(true);
      expect(await canDownload(agent, publicFile.id)).toBe(true);
      expect(await canDownload(otherCustomer, publicFile.id)).toBe(false);
    });

    it("keeps an internal note's file from the customer, not from staff", async () => {
      const { customer, agent, noteFile } = await scenario();
      const manager = await createUser(db, { role: "manager" });
      expect(await canDownload(customer, noteFile.id)).toBe(false);
      expect(await canDownload(agent, noteFile.id)).toBe(true);
      expect(await canDownload(manager, noteFile.id)).toBe(true);
    });

    it("lets only the uploader fetch a pending upload", async () => {
      const { customer, colleague, otherCustomer, agent, pendingFile } = await scenario();
      expect(await canDownload(customer, pendingFile.id)).toBe(true);
      for (const viewer of [colleague, otherCustomer, agent]) expect(await canDownload(viewer, pendingFile.id)).toBe(false);
    });

    it("answers unknown and malformed ids with nothing", async () => {
      const agent = await createUser(db, { role: "admin" });
      expect(await findDownloadableAttachment(db, agent, crypto.randomUUID())).toBeNull();
      expect(await findDownloadableAttachment(db, agent, "../../etc/passwd")).toBeNull();
    });

    it("shows a detected PDF inline under its type, sniffing off", async () => {
      const { customer, publicFile } = await scenario();
      const attachment = await findDownloadableAttachment(db, customer, publicFile.id);
      if (!attachment) throw new Error("expected the requester to see their attachment");
      const response = await attachmentDownloadResponse(attachment, storageRoot);
      if (!response) throw new Error("expected the stored bytes");
      expect(Object.fromEntries(response.headers)).toMatchObject({
        "content-type": "application/pdf",
        "content-length": String(minimalPdf.byteLength),
        "content-disposition": `inline; filename="invoice.pdf"; filename*=UTF-8''invoice.pdf`,
        "x-content-type-options": "nosniff",
        "cache-control": "private, no-store",
        "content-security-policy": pdfPolicy,
      });
      expect(new Uint8Array(await response.arrayBuffer())).toEqual(minimalPdf);

      expect(contentDisposition("attachment", 'Ré "sumé" 100%.pdf')).toBe(
        `attachment; filename="R_ _sum__ 100_.pdf"; filename*=UTF-8''R%C3%A9%20%22sum%C3%A9%22%20100%25.pdf`,
      );
      expect(await attachmentDownloadResponse({ ...attachment, storageKey: "2020/01/00000000-0000-4000-8000-000000000000" }, storageRoot)).toBeNull();
    });
  });
});
