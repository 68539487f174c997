import { billingFields, categoryId, expect, signInViaApi, signUpViaApi, test, trpcMutation } from "./fixtures";
import type { APIResponse } from "@playwright/test";

/**
 * The browser-side defences, on a production build: every kind of response
 * carries the security headers, pages get a script nonce, and a write from
 * another site is refused even with a valid session cookie.
 */

function expectSecurityHeaders(response: APIResponse, what: string) {
  const headers = response.headers();
  expect(headers["content-security-policy"], `${what}: CSP`).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"], `${what}: CSP`).not.toContain("unsafe-eval");
  expect(headers["x-content-type-options"], `${what}: nosniff`).toBe("nosniff");
  expect(headers["referrer-policy"], `${what}: referrer`).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"], `${what}: permissions`).toMatch(/camera=\(\).*microphone=\(\).*geolocation=\(\)/);
  expect(headers["x-powered-by"], `${what}: no X-Powered-By`).toBeUndefined();
}

test("every kind of response carries the security headers", async ({ browser, page, newCustomer }) => {
  const signInPage = await page.request.get("/signin");
  expectSecurityHeaders(signInPage, "page");
  const pagePolicy = signInPage.headers()["content-security-policy"] ?? "";
  for (const directive of ["object-src 'none'", "base-uri 'none'", "form-action 'self'", "script-src 'self' 'nonce-"]) {
    expect(pagePolicy).toContain(directive);
  }
  // The nonce is fresh per response and stamped on Next's own scripts.
  const nonce = /'nonce-([^']+)'/.exec(pagePolicy)?.[1] ?? "";
  expect(await signInPage.text()).toContain(`nonce="${nonce}"`);
  const again = await page.request.get("/signin");
  expect(again.headers()["content-security-policy"]).not.toContain(nonce);

  const notFound = await page.request.get("/no-such-page");
  expect(notFound.status()).toBe(404);
  expectSecurityHeaders(notFound, "error page");

  const asset = await page.request.get("/favicon.svg");
  expectSecurityHeaders(asset, "static file");

  await signUpViaApi(page, newCustomer);
  const trpc = await page.request.get(`/api/trpc/categories.list?input=${encodeURIComponent(JSON.stringify({ json: null }))}`);
  expect(trpc.ok()).toBe(true);
  expectSecurityHeaders(trpc, "tRPC");
  expect(trpc.headers()["content-security-policy"]).toContain("default-src 'none'");

  const session = await page.request.get("/api/auth/session");
  expectSecurityHeaders(session, "route handler");

  const upload = await page.request.post("/api/attachments", {
    multipart: { file: { name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("Steps to reproduce: open the app.\n") } },
  });
  expect(upload.status()).toBe(201);
  const { id } = (await upload.json()) as { id: string };
  await trpcMutation(page, "tickets.create", {
    subject: "Headers on a download",
    body: "A file is attached to this ticket.",
    categoryId: await categoryId(page, "Billing"),
    ...billingFields,
    attachmentIds: [id],
  });
  const download = await page.request.get(`/api/attachments/${id}`);
  expect(download.status()).toBe(200);
  expectSecurityHeaders(download, "attachment download");
  expect(download.headers()["content-disposition"]).toMatch(/^attachment;/);
  // The download keeps its own sandboxing policy beside the general one.
  expect(download.headers()["content-security-policy"]).toContain("sandbox");

  // A PDF opens in the browser's viewer, which will not start in a sandbox: its policy is the route's own, framing still refused.
  const pdfUpload = await page.request.post("/api/attachments", {
    multipart: { file: { name: "manual.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n") } },
  });
  expect(pdfUpload.status()).toBe(201);
  const pdfId = ((await pdfUpload.json()) as { id: string }).id;
  await trpcMutation(page, "tickets.create", { subject: "A PDF manual", body: "The manual is attached.", categoryId: await categoryId(page, "Billing"), ...billingFields, attachmentIds: [pdfId] });
  const pdf = await page.request.get(`/api/attachments/${pdfId}`);
  expect(pdf.status()).toBe(200);
  expectSecurityHeaders(pdf, "PDF preview");
  expect(pdf.headers()["content-disposition"]).toMatch(/^inline;/);
  expect(pdf.headers()["content-security-policy"]).not.toContain("sandbox");
  const missing = await page.request.get("/api/attachments/00000000-0000-4000-8000-000000000000");
  expect(missing.status()).toBe(404);
  expectSecurityHeaders(missing, "download error");
  expect(missing.headers()["content-security-policy"]).toContain("sandbox");

  const manager = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const managerPage = await manager.newPage();
  await signInViaApi(managerPage, "manager@frontdesk.example", "frontdesk");
  const input = encodeURIComponent(JSON.stringify({ from: "2026-01-01", to: "2026-01-31", timeZone: "UTC" }));
  const csv = await managerPage.request.get(`/api/reports/volume?input=${input}`);
  expect(csv.status()).toBe(200);
  expectSecurityHeaders(csv, "CSV");
  await manager.close();
});

test("a write from another site is refused with 403, even with a valid session", async ({ page, newCustomer }) => {
  await signUpViaApi(page, newCustomer);
  const create = {
    json: { subject: "Cross-site attempt", body: "This must never become a ticket.", categoryId: await categoryId(page, "Billing"), ...billingFields },
  };
  const crossOrigin = await page.request.post("/api/trpc/tickets.create", { data: create, headers: { Origin: "https://evil.example" } });
  expect(crossOrigin.status()).toBe(403);
  const crossSite = await page.request.post("/api/trpc/tickets.create", { data: create, headers: { "Sec-Fetch-Site": "cross-site" } });
  expect(crossSite.status()).toBe(403);
  const nullOrigin = await page.request.post("/api/trpc/tickets.create", { data: create, headers: { Origin: "null" } });
  expect(nullOrigin.status()).toBe(403);

  const list = await page.request.get(`/api/trpc/tickets.list?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`);
  expect(await list.text()).not.toContain("Cross-site attempt");

  const sameOrigin = await page.request.post("/api/trpc/tickets.create", {
    data: create,
    headers: { Origin: new URL(String(test.info().project.use.baseURL)).origin, "Sec-Fetch-Site": "same-origin" },
  });
  expect(sameOrigin.status()).toBe(200);
});

test("pages run under the CSP without a single violation", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(message.text())) violations.push(message.text());
  });
  await signInViaApi(page, "manager@frontdesk.example", "frontdesk");
  for (const path of ["/desk", "/desk/reports", "/desk/admin/sla", "/signin"]) {
    await page.goto(path);
    await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  }
  expect(violations).toEqual([]);
});

test("a NUL byte or a tampered list cursor in a page address answers 400, not a server error", async ({ page, newCustomer }) => {
  const response = await page.request.get("/tickets?q=%00");
  expect(response.status()).toBe(400);
  expect(await response.text()).toContain("NUL");

  await signUpViaApi(page, newCustomer);
  for (const cursor of ["not-a-cursor", Buffer.from('{"at":"0000-01-01T00:00:00Z","id":"x"}').toString("base64url")]) {
    const tampered = await page.request.get(`/tickets?cursor=${cursor}`);
    expect(tampered.status()).toBe(400);
    expect(await tampered.text()).toContain("That page link is no longer valid");
  }
});
