import type { Browser, Page } from "@playwright/test";
import { billingFields, categoryId, demoAgent, expect, gotoReady, signInViaApi, signUpViaApi, test, trpcMutation } from "./fixtures";

/**
 * The live desk (issue 14), in several browsers at once: what one agent (or
 * a customer) does appears on another's open page within 2 seconds through
 * the live stream (GET /api/live), with no reload and the half-written
 * draft untouched; an agent's own reply raises no "new messages" warning
 * and makes an unassigned ticket theirs.
 */
const otherAgent = { email: "sam@frontdesk.example", password: "frontdesk", name: "Sam Rivera" };
const LIVE_MS = 2_000;
const warnings = /New messages arrived since you opened this ticket|Someone else changed this ticket/;

async function signedIn(browser: Browser, who: { email: string; password: string }): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInViaApi(page, who.email, who.password);
  return page;
}

/** A new customer's ticket in Billing, whose team assigns nothing automatically: it stays unassigned. */
async function unassignedTicket(page: Page, customer: { name: string; email: string; password: string }, subject: string): Promise<number> {
  await signUpViaApi(page, customer);
  const created = await trpcMutation<{ number: number }>(page, "tickets.create", { subject, body: "The invoice shows a charge twice.", categoryId: await categoryId(page, "Billing"), ...billingFields });
  return created.number;
}

/** Marks the page so a reload (a new document) would be noticed. */
async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => document.documentElement.setAttribute("data-same-document", "yes"));
}

/** Remembers whether a warning was ever shown, even for a moment. */
async function watchForWarnings(page: Page): Promise<void> {
  await page.evaluate((pattern) => {
    const seen = new RegExp(pattern);
    const check = () => {
      if (seen.test(document.body.innerText)) document.documentElement.setAttribute("data-warned", "yes");
    };
    new MutationObserver(check).observe(document.body, { childList: true, subtree: true, characterData: true });
  }, warnings.source);
}

function viewCount(page: Page, view: string) {
  return page.getByRole("navigation", { name: "Desk" }).getByRole("link", { name: new RegExp(`^${view}`) }).locator("span[aria-label]");
}

test("agent B's reply and status change reach agent A's open ticket and counts live, with A's draft intact", async ({ browser, newCustomer }) => {
  const customer = await (await browser.newContext()).newPage();
  const number = await unassignedTicket(customer, newCustomer, `Charged twice ${newCustomer.email.slice(6, 14)}`);
  const a = await signedIn(browser, demoAgent);
  const b = await signedIn(browser, otherAgent);

  await gotoReady(a, `/desk/tickets/${number}?from=${encodeURIComponent("/desk?view=open")}`);
  const draft = "Hi! I am looking at the invoice and will";
  await a.getByPlaceholder("Reply to the requester…").fill(draft);
  const pendingBefore = Number(await viewCount(a, "Pending").innerText());
  await markDocument(a);
  // B acts once A's page has its stream open.
  await expect(a.locator("html")).toHaveAttribute("data-live", "live");

  const reply = await trpcMutation<{ version: number }>(b, "tickets.reply", { number, body: "Refund issued for the duplicate charge.", kind: "public" });
  await trpcMutation(b, "desk.update", { number, version: reply.version, changes: { status: "pending" } });

  await expect(a.getByRole("article", { name: `Message from ${otherAgent.name}` })).toContainText("Refund issued", { timeout: LIVE_MS });
  await expect(viewCount(a, "Pending")).toHaveText(String(pendingBefore + 1), { timeout: LIVE_MS });
  await expect(a.locator("#prop-status")).toHaveValue("pending", { timeout: LIVE_MS });
  await expect(a.getByPlaceholder("Reply to the requester…")).toHaveValue(draft);
  await expect(a.locator("html")).toHaveAttribute("data-same-document", "yes");
});

test("an agent's own reply raises no warning, and makes the unassigned ticket theirs", async ({ browser, newCustomer }) => {
  const customer = await (await browser.newContext()).newPage();
  const number = await unassignedTicket(customer, newCustomer, `Invoice copy ${newCustomer.email.slice(6, 14)}`);
  const a = await signedIn(browser, demoAgent);

  await gotoReady(a, `/desk/tickets/${number}`);
  await expect(a.locator("#prop-assignee option:checked")).toHaveText("Unassigned");
  await watchForWarnings(a);
  await a.getByPlaceholder("Reply to the requester…").fill("Here is a copy of your invoice.");
  await a.getByRole("button", { name: "Send reply" }).click();
  await expect(a.getByRole("article", { name: `Message from ${demoAgent.name}` })).toContainText("copy of your invoice");
  await expect(a.locator("#prop-assignee option:checked")).toHaveText(new RegExp(`^${demoAgent.name}`));
  // Past the next presence heartbeats (every 5 s), which once reported the agent's own reply as new.
  await a.waitForTimeout(11_000);
  await expect(a.getByText(warnings)).toHaveCount(0);
  await expect(a.locator("html")).not.toHaveAttribute("data-warned", "yes");
});

test("a customer's open ticket shows an agent's public reply live, never a note", async ({ browser, newCustomer }) => {
  const customer = await (await browser.newContext()).newPage();
  const number = await unassignedTicket(customer, newCustomer, `Where is my refund ${newCustomer.email.slice(6, 14)}`);
  const a = await signedIn(browser, demoAgent);

  await gotoReady(customer, `/tickets/${number}`);
  await markDocument(customer);
  await expect(customer.locator("html")).toHaveAttribute("data-live", "live");
  await trpcMutation(a, "tickets.reply", { number, body: "Internal: refund approved by finance.", kind: "internal" });
  await trpcMutation(a, "tickets.reply", { number, body: "Your refund is on its way.", kind: "public" });
  await expect(customer.getByRole("article", { name: `Message from ${demoAgent.name}` })).toContainText("on its way", { timeout: LIVE_MS });
  await expect(customer.getByText("refund approved by finance")).toHaveCount(0);
  await expect(customer.locator("html")).toHaveAttribute("data-same-document", "yes");
});
