import crypto from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import { categoryId, expect, gotoReady, signInViaApi, signUpViaApi, test, trpcMutation } from "./fixtures";

/**
 * Email both ways on a laptop: with no provider configured, mail is kept in
 * the admin's mailbox page; sign-in links work from there, and replies fed
 * in as raw email land on their ticket.
 */
export const inboundSecret = process.env.INBOUND_SECRET ?? "";

async function adminPage(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInViaApi(page, "admin@frontdesk.example", "frontdesk");
  return page;
}

/** Opens the newest mailbox email to `to` whose subject matches, and returns its page. */
async function openMail(admin: Page, to: string, subject: RegExp): Promise<Page> {
  await gotoReady(admin, "/desk/admin/mailbox");
  const row = admin.locator("tbody tr").filter({ hasText: to }).filter({ hasText: subject }).first();
  await row.getByRole("link").click();
  await expect(admin.getByRole("heading", { name: subject })).toBeVisible();
  return admin;
}

test("a customer signs in with the link from the mailbox page", async ({ browser, page, newCustomer }) => {
  await signUpViaApi(page, newCustomer);
  await page.context().clearCookies();

  await gotoReady(page, "/signin");
  await page.getByLabel("Email me a sign-in link instead").fill(newCustomer.email);
  await page.getByRole("button", { name: "Send me a link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();

  const admin = await openMail(await adminPage(browser), newCustomer.email, /Sign in to Frontdesk/);
  const text = (await admin.locator("pre").textContent()) ?? "";
  const link = /https?:\/\/\S+\/api\/auth\/callback\/email-link\S+/.exec(text)?.[0];
  expect(link, "the plain-text email carries the link").toBeTruthy();

  await page.goto(link!);
  await expect(page).toHaveURL(/\/tickets/);
  await expect(page.getByRole("heading", { name: "No tickets yet" })).toBeVisible();
  await expect(page.getByText(newCustomer.name)).toBeVisible();

  // A link works once.
  await page.context().clearCookies();
  await page.goto(link!);
  await expect(page).toHaveURL(/\/signin/);
});

test("a reply sent by email lands on its ticket, without the quoted history", async ({ browser, page, newCustomer }) => {
  test.skip(!inboundSecret, "INBOUND_SECRET is not set for this run");
  await signUpViaApi(page, newCustomer);
  const { number } = await trpcMutation<{ number: number }>(page, "tickets.create", {
    subject: `Cannot invite teammates ${crypto.randomUUID().slice(0, 6)}`,
    body: "The invite button spins forever.",
    categoryId: await categoryId(page, "Account & access"),
  });

  const admin = await openMail(await adminPage(browser), newCustomer.email, new RegExp(`\\[#${number}\\]`));
  const replyTo = (await admin.locator("dt", { hasText: /^Reply-To$/ }).locator("xpath=following-sibling::dd").textContent())?.trim();
  expect(replyTo).toMatch(new RegExp(`\\+${number}-[0-9a-f]{16}@`));

  const raw = [
    `From: ${newCustomer.name} <${newCustomer.email}>`,
    `To: Frontdesk Support <${replyTo}>`,
    `Subject: Re: [#${number}] Cannot invite teammates`,
    `Message-ID: <${crypto.randomUUID()}@mail.example.test>`,
    `Date: ${new Date().toUTCString()}`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "",
    "It works in Firefox but not in Chrome.",
    "",
    `On ${new Date().toUTCString()}, Frontdesk Support <support@frontdesk.local> wrote:`,
    "> We received your request.",
    "",
  ].join("\r\n");
  const response = await page.request.post("/api/inbound/mime", {
    headers: { authorization: `Bearer ${inboundSecret}`, "content-type": "message/rfc822" },
    data: Buffer.from(raw),
  });
  expect(response.status(), await response.text()).toBe(200);

  await gotoReady(page, `/tickets/${number}`);
  await expect(page.getByRole("article").last()).toContainText("It works in Firefox but not in Chrome.");
  await expect(page.locator("body")).not.toContainText("We received your request.");
});
