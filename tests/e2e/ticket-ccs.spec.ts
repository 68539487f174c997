import AxeBuilder from "@axe-core/playwright";
import type { Browser } from "@playwright/test";
import { billingFields, categoryId, demoAgent, expect, gotoReady, signInViaApi, signUpViaApi, test, trpcMutation } from "./fixtures";

/**
 * CCs and followers on the ticket pages (issue 15): an agent on a phone, in
 * dark mode, with the keyboard only, follows a ticket and copies someone on
 * it; the change is on the timeline; the person copied opens the ticket in
 * the portal and sees who is copied, and a stranger still cannot.
 */
async function customerPage(browser: Browser, customer: { name: string; email: string; password: string }) {
  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await signUpViaApi(page, customer);
  return page;
}

test("an agent follows and copies someone by keyboard at 390 px in dark mode; the CC reads the ticket, a stranger cannot", async ({ browser, newCustomer }) => {
  const requester = await customerPage(browser, newCustomer);
  const created = await trpcMutation<{ number: number }>(requester, "tickets.create", {
    subject: "Please copy my colleague on this",
    body: "My colleague should get the replies too.",
    categoryId: await categoryId(requester, "Billing"),
    ...billingFields,
  });
  const colleague = { name: `Dana ${newCustomer.email.slice(6, 14)}`, email: newCustomer.email.replace("casey.", "dana."), password: `${newCustomer.password}-dana` };
  const colleaguePage = await customerPage(browser, colleague);

  const agentContext = await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: "dark" });
  const agent = await agentContext.newPage();
  await signInViaApi(agent, demoAgent.email, demoAgent.password);
  await gotoReady(agent, `/desk/tickets/${created.number}`);
  const panel = agent.getByRole("region", { name: "CCs and followers" });

  const follow = panel.getByRole("button", { name: /^Follow/ });
  await follow.focus();
  await agent.keyboard.press("Enter");
  await expect(panel.getByRole("button", { name: /^Unfollow/ })).toHaveAttribute("aria-pressed", "true");
  await expect(panel.getByText("You follow this ticket.")).toBeVisible();

  await panel.getByLabel("Copy someone on public replies").focus();
  await agent.keyboard.type(colleague.email);
  await agent.keyboard.press("Enter");
  await expect(panel.getByText(colleague.email)).toBeVisible();
  await expect(agent.getByText(`added CC ${colleague.email}`)).toBeVisible();
  // Our own address is refused, in words.
  await panel.getByLabel("Copy someone on public replies").fill("support@frontdesk.local");
  await agent.keyboard.press("Enter");
  await expect(panel.getByRole("alert")).toContainText("one of our own addresses");

  // Nothing in the panel is wider than the phone.
  const box = await panel.boundingBox();
  expect(box && box.x + box.width).toBeLessThanOrEqual(390);
  const results = await new AxeBuilder({ page: agent }).include("section[aria-labelledby='ticket-people-heading']").withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(results.violations).toEqual([]);

  await gotoReady(colleaguePage, `/tickets/${created.number}`);
  await expect(colleaguePage.getByRole("heading", { name: "Please copy my colleague on this" })).toBeVisible();
  await gotoReady(requester, `/tickets/${created.number}`);
  await expect(requester.getByText(`Copied: ${colleague.name} (${colleague.email})`)).toBeVisible();

  const stranger = await customerPage(browser, { ...newCustomer, email: newCustomer.email.replace("casey.", "sam."), name: "Sam Stranger" });
  const response = await stranger.goto(`/tickets/${created.number}`);
  expect(response?.status()).toBe(404);
});
