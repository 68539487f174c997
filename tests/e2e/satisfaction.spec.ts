import crypto from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "@playwright/test";
import { billingFields, categoryId, demoAgent, expect, gotoReady, signInViaApi, signUpViaApi, test, trpcMutation, trpcQueryText } from "./fixtures";

/**
 * "How did we do?" end to end: an agent solves a customer's ticket; the
 * solved email in the admin's mailbox carries Good and Bad links; fetching a
 * link records nothing, opening it in a browser (signed out) records the
 * choice and takes a comment; the agent sees both on the ticket; the
 * customer changes the rating to Bad from their ticket page.
 */
async function signedInPage(browser: Browser, email: string, password: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInViaApi(page, email, password);
  return page;
}

/** No serious or critical WCAG 2.1 A/AA violations on the page as it is now (as tests/e2e/accessibility.spec.ts checks). */
async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`);
  expect(serious, page.url()).toEqual([]);
}

test("a customer rates a solved ticket from the email link and from the portal, and the agent sees it", async ({ browser, page: customer, newCustomer }) => {
  const word = `csat${crypto.randomUUID().slice(0, 6)}`;
  const subject = `Report export times out ${word}`;
  await signUpViaApi(customer, newCustomer);
  const { number } = await trpcMutation<{ number: number }>(customer, "tickets.create", {
    subject,
    body: "The monthly report export never finishes.",
    categoryId: await categoryId(customer, "Billing"),
    ...billingFields,
  });

  const agent = await signedInPage(browser, demoAgent.email, demoAgent.password);
  const satisfactionPanel = () => agent.getByRole("region", { name: "Satisfaction" });

  await test.step("the agent solves the ticket", async () => {
    await gotoReady(agent, `/desk/tickets/${number}`);
    await agent.getByLabel("Status").selectOption("solved");
    await expect(agent.getByRole("complementary", { name: "Ticket details" })).toContainText("changed status from New to Solved");
    await gotoReady(agent, `/desk/tickets/${number}`);
    await expect(satisfactionPanel()).toContainText("Not rated yet.");
  });

  let goodLink = "";
  let badLink = "";
  await test.step("the solved email in the admin mailbox asks how we did", async () => {
    const admin = await signedInPage(browser, "admin@frontdesk.example", "frontdesk");
    await gotoReady(admin, "/desk/admin/mailbox");
    const row = admin.locator("tbody tr").filter({ hasText: newCustomer.email }).filter({ hasText: `[#${number}] Solved:` }).first();
    await row.getByRole("link").click();
    await expect(admin.getByRole("heading", { name: `[#${number}] Solved: ${subject}` })).toBeVisible();
    const text = (await admin.locator("pre").textContent()) ?? "";
    expect(text).toContain("How did we do?");
    goodLink = /https?:\/\/\S+\/rate\/\S+\?score=good/.exec(text)?.[0] ?? "";
    badLink = /https?:\/\/\S+\/rate\/\S+\?score=bad/.exec(text)?.[0] ?? "";
    expect(goodLink, "the plain-text email carries the Good link").not.toBe("");
    expect(badLink, "the plain-text email carries the Bad link").not.toBe("");
    await admin.context().close();
  });

  await test.step("fetching a link, as a mail scanner would, records nothing", async () => {
    const fetched = await agent.request.get(badLink);
    expect(fetched.status()).toBe(200);
    await gotoReady(agent, `/desk/tickets/${number}`);
    await expect(satisfactionPanel()).toContainText("Not rated yet.");
  });

  // Issue 6's "done when": the rating shows up in the manager's satisfaction trend.
  const manager = await signedInPage(browser, "manager@frontdesk.example", "frontdesk");
  const today = new Date().toISOString().slice(0, 10);
  const goodToday = async () => {
    const input = { from: today, to: today, timeZone: "UTC", bucket: "day" };
    const text = await trpcQueryText(manager, "reports.satisfaction", input);
    return (JSON.parse(text) as { result: { data: { json: { rows: { good: number }[] } } } }).result.data.json.rows[0]!.good;
  };
  const goodBefore = await goodToday();

  await test.step("opening the Good link in a browser, signed out, records it and takes a comment", async () => {
    const visitor = await (await browser.newContext()).newPage();
    await gotoReady(visitor, goodLink);
    await expect(visitor.getByRole("heading", { level: 1, name: `How did we do on #${number} ‘${subject}’?` })).toBeVisible();
    await expect(visitor.getByRole("button", { name: "Good", exact: true })).toHaveAttribute("aria-pressed", "true");
    await expect(visitor.getByText("Thanks, you rated this good.")).toBeVisible();
    await visitor.getByLabel("Tell us more (optional)").fill("Fixed within the hour, thank you!");
    await visitor.getByRole("button", { name: "Send comment" }).click();
    await expect(visitor.getByText("Thanks, we have your comment.")).toBeVisible();
    await expectAccessible(visitor);
    await visitor.context().close();
  });

  await test.step("the agent sees the rating and the comment on the ticket", async () => {
    await gotoReady(agent, `/desk/tickets/${number}`);
    await expect(satisfactionPanel()).toContainText("Good");
    await expect(satisfactionPanel()).toContainText("Fixed within the hour, thank you!");
    await expect(agent.getByRole("complementary", { name: "Ticket details" })).toContainText("rated the support good");
  });

  await test.step("the manager sees the rating in the satisfaction trend", async () => {
    await gotoReady(manager, "/desk/reports?range=7d");
    const card = manager.getByRole("region", { name: "Customer satisfaction" });
    await expect(card.getByRole("img", { name: /Satisfaction ratings per period/ })).toBeVisible();
    await card.getByRole("button", { name: "Show table" }).click();
    const todayRow = card.locator("tbody tr").last();
    await expect(todayRow.locator("td").nth(1)).toHaveText(String(goodBefore + 1));
  });

  await test.step("the customer changes the rating to Bad from their ticket page", async () => {
    await gotoReady(customer, `/tickets/${number}`);
    const widget = customer.getByRole("region", { name: `How did we do on #${number} ‘${subject}’?` });
    await expect(widget.getByRole("button", { name: "Good", exact: true })).toHaveAttribute("aria-pressed", "true");
    await widget.getByRole("button", { name: "Bad", exact: true }).click();
    await expect(widget.getByText("Thanks, you rated this bad.")).toBeVisible();
    await expect(widget.getByRole("button", { name: "Bad", exact: true })).toHaveAttribute("aria-pressed", "true");
    await widget.getByLabel("Tell us more (optional)").fill("It timed out again the next day.");
    await widget.getByRole("button", { name: "Send comment" }).click();
    await expect(widget.getByText("Thanks, we have your comment.")).toBeVisible();
    await expectAccessible(customer);

    await gotoReady(agent, `/desk/tickets/${number}`);
    await expect(satisfactionPanel()).toContainText("Bad");
    await expect(satisfactionPanel()).toContainText("It timed out again the next day.");
    await expect(agent.getByRole("complementary", { name: "Ticket details" })).toContainText("rated the support bad");
  });

  await agent.context().close();
  await manager.context().close();
});

test("a broken rating link says so, without signing in", async ({ page }) => {
  await gotoReady(page, "/rate/not-a-real-token?score=good");
  await expect(page.getByRole("heading", { level: 1, name: "This rating link does not work" })).toBeVisible();
  await expect(page.getByText(/rating link is not valid/)).toBeVisible();
  await expectAccessible(page);
});
