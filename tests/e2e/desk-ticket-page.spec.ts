import type { Browser, Page } from "@playwright/test";
import { billingFields, categoryId, demoAgent, expect, gotoReady, signInViaApi, signUpViaApi, test, trpcMutation, trpcQueryText } from "./fixtures";

/**
 * The agent's ticket page (issue 14): drafts that survive reload and
 * navigation for their writer only, the way back to the exact queue, j / k
 * and "Send and next" through it, and a layout that fits a 390 px phone.
 */
const otherAgent = { email: "sam@frontdesk.example", password: "frontdesk" };

async function agentPage(browser: Browser, options: { viewport?: { width: number; height: number } } = {}): Promise<Page> {
  const page = await (await browser.newContext(options)).newPage();
  await signInViaApi(page, demoAgent.email, demoAgent.password);
  return page;
}

/** `count` new tickets from one new customer, tagged so a queue filter shows exactly them. */
async function taggedTickets(browser: Browser, customer: { name: string; email: string; password: string }, count: number) {
  const page = await (await browser.newContext()).newPage();
  await signUpViaApi(page, customer);
  const billing = await categoryId(page, "Billing");
  const numbers: number[] = [];
  for (let i = 1; i <= count; i++) {
    const created = await trpcMutation<{ number: number }>(page, "tickets.create", { subject: `Invoice ${i} of ${customer.email.slice(6, 14)}: the annual Team plan renewal was charged twice on the statement`, body: "The invoice shows a charge twice, please check.", categoryId: billing, ...billingFields });
    numbers.push(created.number);
  }
  const tag = `walk-${customer.email.slice(6, 14)}`;
  const agent = await agentPage(browser);
  for (const number of numbers) {
    const detail = JSON.parse(await trpcQueryText(agent, "tickets.get", { number })) as { result: { data: { json: { ticket: { version: number } } } } };
    await trpcMutation(agent, "desk.update", { number, version: detail.result.data.json.ticket.version, changes: { addTags: [tag] } });
  }
  return { numbers, tag };
}

const composer = (page: Page) => page.getByRole("textbox", { name: /Your reply|Internal note/ });

test("a draft survives reload and navigation, keeps its kind, is cleared on send, and is never shown to another agent", async ({ browser, newCustomer }) => {
  const { numbers } = await taggedTickets(browser, newCustomer, 1);
  const number = numbers[0]!;
  const page = await agentPage(browser);

  await gotoReady(page, `/desk/tickets/${number}`);
  await composer(page).fill("Half a reply that must not be lost");
  await page.reload();
  await expect(composer(page)).toHaveValue("Half a reply that must not be lost");

  await gotoReady(page, "/desk?view=open");
  await gotoReady(page, `/desk/tickets/${number}`);
  await expect(composer(page)).toHaveValue("Half a reply that must not be lost");

  // A note stays a note: it must never come back as a public reply.
  await page.getByRole("radiogroup", { name: "Reply type" }).getByText("Internal note").click();
  await composer(page).fill("Checking with finance first.");
  await page.reload();
  await expect(composer(page)).toHaveValue("Checking with finance first.");
  await expect(page.getByRole("radio", { name: /Internal note/ })).toBeChecked();

  await page.getByRole("button", { name: "Add note" }).click();
  await expect(page.getByRole("article", { name: `Internal note by ${demoAgent.name}` })).toContainText("Checking with finance");
  await expect(composer(page)).toHaveValue("");
  await page.reload();
  await expect(composer(page)).toHaveValue("");

  // Another agent on the same browser sees nothing of it, and the stored draft is gone.
  await composer(page).fill("Alex's private draft");
  await signInViaApi(page, otherAgent.email, otherAgent.password);
  await gotoReady(page, `/desk/tickets/${number}`);
  await expect(composer(page)).toHaveValue("");
  const stored = await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith("frontdesk:reply-draft:")).map((key) => localStorage.getItem(key)));
  expect(stored.join(" ")).not.toContain("Alex's private draft");
});

test("j / k walk the queue the ticket was opened from, Esc and Back go to that exact queue, Send and next opens the next ticket", async ({ browser, newCustomer }) => {
  const { tag } = await taggedTickets(browser, newCustomer, 3);
  const page = await agentPage(browser);
  const queue = `/desk?view=open&tag=${tag}`;
  await gotoReady(page, queue);
  // The queue's own order, as the agent sees it.
  const links = page.getByRole("main").locator('a[href^="/desk/tickets/"]');
  await expect(links.first()).toBeVisible();
  const hrefs = await links.evaluateAll((anchors) => anchors.map((a) => a.getAttribute("href") ?? ""));
  const order = [...new Set(hrefs.map((href) => Number(/\/desk\/tickets\/(\d+)/.exec(href)?.[1])))];
  expect(order).toHaveLength(3);
  const [first, second, third] = order;
  const ticketUrl = (n: number | undefined) => new RegExp(`/desk/tickets/${n}\\?from=${encodeURIComponent(queue)}$`);

  await gotoReady(page, `/desk/tickets/${first}?from=${encodeURIComponent(queue)}`);
  await expect(page.getByRole("link", { name: /Back to the queue/ })).toHaveAttribute("href", queue);
  await page.keyboard.press("j");
  await expect(page).toHaveURL(ticketUrl(second));
  await page.keyboard.press("j");
  await expect(page).toHaveURL(ticketUrl(third));
  await page.keyboard.press("k");
  await expect(page).toHaveURL(ticketUrl(second));
  await page.keyboard.press("Escape");
  await expect(page).toHaveURL((url) => `${url.pathname}${url.search}` === queue);

  await gotoReady(page, `/desk/tickets/${first}?from=${encodeURIComponent(queue)}`);
  await composer(page).fill("Sorted, the duplicate is refunded.");
  await page.getByRole("button", { name: "Send and next" }).click();
  await expect(page).toHaveURL(ticketUrl(second));
  await gotoReady(page, `/desk/tickets/${first}`);
  await expect(page.getByRole("article", { name: `Message from ${demoAgent.name}` })).toContainText("duplicate is refunded");
});

test("the desk ticket page fits a 390 px phone: properties under the thread, text wrapped, Send reachable", async ({ browser, newCustomer }) => {
  // Two tickets, so the sidebar lists the other one (a long subject, truncated) under the requester.
  const { numbers } = await taggedTickets(browser, newCustomer, 2);
  const page = await agentPage(browser, { viewport: { width: 390, height: 844 } });
  await gotoReady(page, `/desk/tickets/${numbers[1]}`);
  await expect(page.getByRole("link", { name: new RegExp(`#${numbers[0]} Invoice 1`) })).toBeAttached();
  await page.screenshot({ path: "test-results/desk-ticket-390.png", fullPage: true });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, "the page scrolls sideways").toBeLessThanOrEqual(390);
  const thread = await page.getByRole("list", { name: "Conversation" }).boundingBox();
  const properties = await page.getByRole("heading", { name: "Properties" }).boundingBox();
  expect(properties!.y).toBeGreaterThan(thread!.y);
  const send = page.getByRole("button", { name: "Send reply" });
  await send.scrollIntoViewIfNeeded();
  const box = await send.boundingBox();
  expect(box!.x + box!.width).toBeLessThanOrEqual(390);
});
