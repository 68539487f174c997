/**
 * Every file kept, served safely (issue 15, part 3), through the real doors:
 * inbound email (ingestRawEmail), the upload route the portal and desk use,
 * the REST API, and the download route handler.
 *
 * - An email's .eml (message/rfc822), .ics, .svg, .mp4 and a file named
 *   "../../etc/passwd" are all kept and downloadable, none inline; a PNG and
 *   a PDF still preview inline.
 * - A blocked extension is refused with a message naming the file and the
 *   extension (upload route, REST API), and from email it is not stored but
 *   noted on the ticket.
 * - An HTML email's cid: image resolves to its attachment's download URL.
 *
 * Each test works on its own sender, ticket and rows (the PostgreSQL CI run
 * shares one database between files).
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { and, asc, eq } from "drizzle-orm";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, describe, expect, it, vi } from "vitest";
import { attachments, messages, tickets } from "@/db/schema";
import { single } from "@/db/rows";
import { GET as downloadRoute } from "@/app/api/attachments/[id]/route";
import { POST as uploadRoute } from "@/app/api/attachments/route";
import { TicketThread } from "@/components/ticket-thread";
import { pdfPolicy, sandboxPolicy } from "@/server/attachments/download-response";
import { ingestRawEmail } from "@/server/email/inbound/ingest";
import { replyAddressFor } from "@/server/email/reply-address";
import { getTicketDetail } from "@/server/tickets/ticket-detail";
import { loadActiveUser } from "@/server/users/session-user";
import { newMessageId, uniqueAddress } from "../fixtures/mail/load-fixture";
import { callApi, tokenFor } from "../support/api-client";
import { createUser } from "../support/factories";
import { endRequestSessions, presentSessionOf, routeParams, routeStorageRoot } from "../support/request-session";
import { useTestDatabase } from "../support/test-db";
import { tinyPng } from "../support/tiny-png";

vi.mock("@/server/auth/index", async () => (await import("../support/request-session")).authModule());
vi.mock("@/server/db", async () => (await import("../support/request-session")).dbModule());
vi.mock("@/server/attachments/storage", async (original) => (await import("../support/request-session")).storageModule(await original()));

const pdf = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "latin1");
/** ISO base media: an "ftyp" box with the isom brand, as a screen recording starts. */
const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from("ftypisom\0\0\0\0isommp42", "latin1"), Buffer.alloc(64)]);
const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.domain)"><script>alert(document.cookie)</script></svg>');
const ics = Buffer.from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Acme//Invite//EN\r\nBEGIN:VEVENT\r\nUID:1@acme.test\r\nSUMMARY:Onboarding call\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
const passwd = Buffer.from("root:x:0:0:root:/root:/bin/sh\n");
const windowsExecutable = Buffer.concat([Buffer.from("MZ", "latin1"), Buffer.alloc(62)]);
const forwarded = [
  "From: Daniel Ortiz <daniel@example-cfo.test>",
  "To: Carla <carla@example.test>",
  "Subject: Invoice 2025-031 overcharged",
  "Message-ID: <fwd-original@example-cfo.test>",
  "Content-Type: text/plain; charset=utf-8",
  "",
  "Invoice 2025-031 bills 12 seats; we have 10. FORWARDED-BODY",
  "",
].join("\r\n");

interface Part {
  headers: string[];
  /** Sent base64-encoded unless `raw`. */
  body: Buffer;
  raw?: boolean;
}

const filePart = (name: string, type: string, body: Buffer): Part => ({
  headers: [`Content-Type: ${type}; name="${name}"`, `Content-Disposition: attachment; filename="${name}"`],
  body,
});

function multipart(subtype: string, parts: Part[]): { contentType: string; body: string } {
  const boundary = `b-${crypto.randomUUID()}`;
  const sections = parts.map((part) => {
    const body = part.raw ? part.body.toString("utf8") : (part.body.toString("base64").match(/.{1,76}/g) ?? []).join("\r\n");
    const encoding = part.raw ? [] : ["Content-Transfer-Encoding: base64"];
    return [`--${boundary}`, ...part.headers, ...encoding, "", body].join("\r\n");
  });
  return { contentType: `multipart/${subtype}; boundary="${boundary}"`, body: `${sections.join("\r\n")}\r\n--${boundary}--\r\n` };
}

function email(from: string, subject: string, content: { contentType: string; body: string }, to = "support@frontdesk.local"): Uint8Array {
  const head = [`From: Customer <${from}>`, `To: ${to}`, `Subject: ${subject}`, "Date: Tue, 4 Mar 2025 12:00:00 +0000", `Message-ID: ${newMessageId()}`, "MIME-Version: 1.0", `Content-Type: ${content.contentType}`];
  return new TextEncoder().encode(`${head.join("\r\n")}\r\n\r\n${content.body}`);
}

const textPart = (text: string): Part => ({ headers: ["Content-Type: text/plain; charset=utf-8"], body: Buffer.from(text), raw: true });

describe("every file kept, served safely", async () => {
  const { db } = await useTestDatabase();
  afterAll(endRequestSessions);

  const ingest = (raw: Uint8Array) => ingestRawEmail(db, raw, { source: "test", storageRoot: routeStorageRoot, log: () => {} });

  async function ticketByNumber(number: number | undefined) {
    expect(number).toBeTypeOf("number");
    return single(await db.select().from(tickets).where(eq(tickets.number, number ?? -1)), "ticket");
  }
  const filesOf = (ticketId: string) => db.select().from(attachments).where(eq(attachments.ticketId, ticketId)).orderBy(asc(attachments.createdAt));

  async function download(viewerId: string, attachmentId: string) {
    presentSessionOf(db, viewerId);
    return downloadRoute(new Request(`http://localhost/api/attachments/${attachmentId}`), routeParams({ id: attachmentId }));
  }

  const servedAsBytes = {
    "content-type": "application/octet-stream",
    "content-disposition": expect.stringMatching(/^attachment; /),
    "x-content-type-options": "nosniff",
    "content-security-policy": sandboxPolicy,
  };

  it("keeps an email's .eml, .ics, .svg, .mp4 and ../../etc/passwd, each a download of plain bytes; a PNG and a PDF still preview inline", async () => {
    const from = uniqueAddress("files");
    const raw = email(
      from,
      "Everything we have",
      multipart("mixed", [
        textPart("Here is everything: the forwarded mail, the invite, our logo, a recording and the config."),
        { headers: ["Content-Type: message/rfc822"], body: Buffer.from(forwarded), raw: true },
        filePart("invite.ics", "text/calendar", ics),
        filePart("logo.svg", "image/svg+xml", svg),
        filePart("recording.mp4", "video/mp4", mp4),
        filePart("../../etc/passwd", "application/octet-stream", passwd),
      ]),
    );
    const outcome = await ingest(raw);
    expect(outcome.status).toBe("ticket_created");
    expect(outcome.reason).not.toContain("skipped");
    const ticket = await ticketByNumber(outcome.ticketNumber);
    const files = await filesOf(ticket.id);
    expect(files.map((file) => file.fileName).sort()).toEqual(["forwarded-message.eml", "invite.ics", "logo.svg", "passwd", "recording.mp4"]);
    for (const file of files) expect(file.storageKey, file.fileName).toMatch(/^\d{4}\/\d{2}\/[0-9a-f-]{36}$/);
    expect(fs.existsSync(path.join(routeStorageRoot, "passwd"))).toBe(false);
    // The forwarded message is one file, not spliced into the body.
    const [first] = await db.select().from(messages).where(eq(messages.ticketId, ticket.id));
    expect(first?.body).not.toContain("FORWARDED-BODY");

    const expected: Record<string, Buffer> = {
      "forwarded-message.eml": Buffer.from(forwarded),
      "invite.ics": ics,
      "logo.svg": svg,
      "recording.mp4": mp4,
      passwd,
    };
    for (const [fileName, bytes] of Object.entries(expected)) {
      const file = files.find((candidate) => candidate.fileName === fileName);
      if (!file) throw new Error(`${fileName} was not kept`);
      const response = await download(ticket.requesterId, file.id);
      expect(response.status, fileName).toBe(200);
      expect(Object.fromEntries(response.headers), fileName).toMatchObject({
        ...servedAsBytes,
        "content-disposition": expect.stringMatching(new RegExp(`^attachment; filename="${fileName.replace(".", "\\.")}"`)),
      });
      const body = Buffer.from(await response.arrayBuffer());
      // Unencoded text parts come back from postal-mime as lines (the .eml with CRLF restored); base64 parts byte for byte.
      const lines = (value: Buffer) => value.toString("utf8").replace(/\r\n/g, "\n").trimEnd();
      if (fileName.endsWith(".eml") || fileName.endsWith(".ics")) expect(lines(body), fileName).toBe(lines(bytes));
      else expect(body.equals(bytes), fileName).toBe(true);
      if (fileName.endsWith(".eml")) expect(body.toString("utf8")).toContain("Subject: Invoice 2025-031 overcharged\r\n");
    }

    // A second email (the default limit is five files a message): what may preview still does.
    const pictures = await ingest(
      email(from, "Screenshot and invoice", multipart("mixed", [textPart("Both attached."), filePart("screenshot.png", "image/png", tinyPng()), filePart("invoice.pdf", "application/pdf", pdf)])),
    );
    const pictureFiles = await filesOf((await ticketByNumber(pictures.ticketNumber)).id);
    const previews: [string, string, string][] = [
      ["screenshot.png", "image/png", sandboxPolicy],
      ["invoice.pdf", "application/pdf", pdfPolicy],
    ];
    for (const [fileName, type, policy] of previews) {
      const file = pictureFiles.find((candidate) => candidate.fileName === fileName);
      if (!file) throw new Error(`${fileName} was not kept`);
      const response = await download(ticket.requesterId, file.id);
      await response.arrayBuffer();
      expect(Object.fromEntries(response.headers), fileName).toMatchObject({
        "content-type": type,
        "content-disposition": expect.stringMatching(/^inline; /),
        "x-content-type-options": "nosniff",
        "content-security-policy": policy,
      });
    }
  });

  it("never trusts a declared type: an SVG sent as image/png is served as bytes, a PNG named .svg previews as the PNG it is", async () => {
    const from = uniqueAddress("declared");
    const outcome = await ingest(
      email(from, "Logos", multipart("mixed", [textPart("Two logos."), filePart("logo.png", "image/png", svg), filePart("real.svg", "image/svg+xml", tinyPng())])),
    );
    const ticket = await ticketByNumber(outcome.ticketNumber);
    const files = await filesOf(ticket.id);
    const disguised = files.find((file) => file.fileName === "logo.png");
    const real = files.find((file) => file.fileName === "real.png");
    if (!disguised || !real) throw new Error(`expected logo.png and real.png, got ${files.map((file) => file.fileName).join(", ")}`);
    const disguisedResponse = await download(ticket.requesterId, disguised.id);
    expect(Object.fromEntries(disguisedResponse.headers)).toMatchObject(servedAsBytes);
    expect(Buffer.from(await disguisedResponse.arrayBuffer()).equals(svg)).toBe(true);
    const realResponse = await download(ticket.requesterId, real.id);
    expect(realResponse.headers.get("content-type")).toBe("image/png");
    await realResponse.arrayBuffer();
  });

  it("does not keep an email's blocked file (report.pdf.exe, INVOICE.EXE) and says so on the ticket, keeping the rest", async () => {
    const from = uniqueAddress("blocked");
    const outcome = await ingest(
      email(
        from,
        "Invoice and tools",
        multipart("mixed", [
          textPart("The invoice and the export tool."),
          filePart("invoice.pdf", "application/pdf", pdf),
          filePart("INVOICE.EXE", "application/octet-stream", windowsExecutable),
          filePart("report.pdf.exe", "application/octet-stream", pdf),
        ]),
      ),
    );
    expect(outcome.status).toBe("ticket_created");
    expect(outcome.reason).toContain("INVOICE.EXE (.exe files are blocked by the admin)");
    const ticket = await ticketByNumber(outcome.ticketNumber);
    expect((await filesOf(ticket.id)).map((file) => file.fileName)).toEqual(["invoice.pdf"]);
    const uploader = await db.select({ name: attachments.fileName }).from(attachments).where(eq(attachments.uploaderId, ticket.requesterId));
    expect(uploader.map((row) => row.name)).toEqual(["invoice.pdf"]);

    const notes = await db
      .select({ body: messages.body, authorId: messages.authorId })
      .from(messages)
      .where(and(eq(messages.ticketId, ticket.id), eq(messages.kind, "system")));
    expect(notes).toEqual([
      { body: "Not kept: INVOICE.EXE (.exe files are blocked by the admin), report.pdf.exe (.exe files are blocked by the admin)", authorId: null },
    ]);
    // The note is in the desk's thread, after the customer's message; the customer never sees system messages.
    const agent = await createUser(db, { role: "agent" });
    const thread = (await getTicketDetail(db, agent, ticket.number)).messages;
    expect(thread.map((message) => message.kind)).toEqual(["public", "system"]);
    const requester = await loadActiveUser(db, ticket.requesterId);
    if (!requester) throw new Error("expected the requester");
    expect((await getTicketDetail(db, requester, ticket.number)).messages.map((message) => message.kind)).toEqual(["public"]);

    // A reply by email is noted the same way, after the reply.
    const reply = await ingest(
      email(from, "Re: Invoice and tools", multipart("mixed", [textPart("And the script."), filePart("fix.JS", "text/javascript", Buffer.from("alert(1)"))]), replyAddressFor(ticket)),
    );
    expect(reply.status).toBe("reply_added");
    const after = (await getTicketDetail(db, agent, ticket.number)).messages;
    expect(after.map((message) => [message.kind, message.body])).toEqual([
      ["public", "The invoice and the export tool."],
      ["system", expect.stringContaining("Not kept: INVOICE.EXE")],
      ["public", "And the script."],
      ["system", "Not kept: fix.JS (.js files are blocked by the admin)"],
    ]);
    expect((await filesOf(ticket.id)).map((file) => file.fileName)).toEqual(["invoice.pdf"]);
  });

  it("refuses a blocked upload through the upload route and the REST API with a message naming the file and the extension, storing nothing", async () => {
    const customer = await createUser(db);
    const uploads = () => db.$count(attachments, eq(attachments.uploaderId, customer.id));
    const form = (name: string, bytes: Buffer) => {
      const data = new FormData();
      data.set("file", new File([new Uint8Array(bytes)], name, { type: "application/pdf" }));
      return data;
    };

    presentSessionOf(db, customer.id);
    const refused = await uploadRoute(new Request("http://localhost/api/attachments", { method: "POST", body: form("report.pdf.exe", pdf) }));
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({ error: "Not accepted: report.pdf.exe (.exe files are blocked by the admin)." });

    const token = await tokenFor(db, customer, ["tickets:read", "tickets:write"]);
    const api = await callApi(db, "POST", "/attachments", { token, body: form("Setup.Msi", windowsExecutable) });
    expect(api.status).toBe(422);
    expect(api.headers.get("content-type")).toContain("problem+json");
    expect(JSON.stringify(api.body)).toContain("Not accepted: Setup.Msi (.msi files are blocked by the admin).");
    expect(await uploads()).toBe(0);

    // The same door keeps what is not blocked.
    presentSessionOf(db, customer.id);
    const kept = await uploadRoute(new Request("http://localhost/api/attachments", { method: "POST", body: form(".htaccess", Buffer.from("Require all granted\n")) }));
    expect(kept.status).toBe(201);
    expect(await kept.json()).toMatchObject({ fileName: "htaccess", contentType: "application/octet-stream" });
    expect(await uploads()).toBe(1);
  });

  it("resolves an HTML email's cid: image to its attachment's download URL, which previews inline", async () => {
    const from = uniqueAddress("cid");
    const contentId = `logo-${crypto.randomUUID()}@mail.example.test`;
    const related = multipart("related", [
      { headers: ["Content-Type: text/html; charset=utf-8"], body: Buffer.from(`<p>Our logo looks wrong:</p><p><img src="cid:${contentId}" alt="Acme logo"></p><p>Thanks<img src="https://tracker.example.test/open.gif" width="1"></p>`), raw: true },
      { headers: ['Content-Type: image/png; name="image001.png"', "Content-Disposition: inline", `Content-ID: <${contentId}>`], body: tinyPng() },
    ]);
    const outcome = await ingest(email(from, "Logo rendering", related));
    const ticket = await ticketByNumber(outcome.ticketNumber);
    const image = single(await filesOf(ticket.id), "attachment");
    expect(image).toMatchObject({ fileName: "image001.png", contentType: "image/png", contentId });

    const agent = await createUser(db, { role: "agent" });
    const detail = await getTicketDetail(db, agent, ticket.number);
    expect(detail.messages[0]?.body).toContain(`![Acme logo](cid:${contentId})`);
    // A remote image (often a tracker) is not carried over.
    expect(detail.messages[0]?.body).not.toContain("tracker.example.test");
    const html = renderToStaticMarkup(createElement(TicketThread, { messages: detail.messages, requesterId: ticket.requesterId }));
    expect(html).toContain(`<img src="/api/attachments/${image.id}" alt="Acme logo"/>`);
    expect(html).not.toContain("cid:");

    const response = await download(agent.id, image.id);
    await response.arrayBuffer();
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(response.headers.get("content-disposition")).toMatch(/^inline; /);
  });
});
