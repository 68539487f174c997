import crypto from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import { categoryId, demoAgent, expect, gotoReady, signInViaApi, test, trpcMutation, waitForHydration } from "./fixtures";

/**
 * The desk's knowledge tools on a ticket: the reply composer's article-link
 * picker finds a published article of the demo's help center and inserts a
 * Markdown link to it where the agent writes, and "Turn into article" on a
 * solved ticket makes an internal draft from its subject and answer.
 */
async function agentPage(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInViaApi(page, demoAgent.email, demoAgent.password);
  return page;
}

const composer = (page: Page) => page.getByRole("textbox", { name: /Your reply|Internal note/ });

async function openTicket(page: Page, subject: string): Promise<number> {
  const ticket = await trpcMutation<{ number: number }>(page, "tickets.create", {
    subject,
    body: "Where can I download last month's invoice?",
    categoryId: await categoryId(page, "Billing"),
  });
  return ticket.number;
}

test("the composer's article picker inserts a link to a published article", async ({ browser }) => {
  const agent = await agentPage(browser);
  const number = await openTicket(agent, `Invoice copy ${crypto.randomUUID().slice(0, 8)}`);
  await gotoReady(agent, `/desk/tickets/${number}`);
  await waitForHydration(agent);

  await composer(agent).fill("Here is where to look: ");
  await agent.getByRole("button", { name: "Article link…" }).click();
  await agent.getByRole("searchbox", { name: "Search published articles" }).fill("invoices");
  await agent.getByRole("button", { name: /Where to find your invoices/ }).click();
  await expect(composer(agent)).toHaveValue(/Here is where to look: .*\[Where to find your invoices\]\([^)]+\)/);
  await expect(agent.getByRole("searchbox", { name: "Search published articles" })).toHaveCount(0);
  await trpcMutation(agent, "desk.bulkUpdate", { numbers: [number], changes: { status: "solved" } });
});

test("Turn into article makes a draft from a solved ticket", async ({ browser }) => {
  const agent = await agentPage(browser);
  const subject = `Download an invoice ${crypto.randomUUID().slice(0, 8)}`;
  const number = await openTicket(agent, subject);
  await trpcMutation(agent, "tickets.reply", { number, body: "Open Settings, then Billing, then Invoices, and press Download.", status: "solved" });

  await gotoReady(agent, `/desk/tickets/${number}`);
  await waitForHydration(agent);
  await agent.getByRole("button", { name: "Turn into article…" }).click();
  const section = agent.getByLabel("Section");
  await expect(section.locator("option").nth(1)).toBeAttached();
  await section.selectOption({ index: 1 });
  await agent.getByRole("button", { name: "Create draft" }).click();
  await agent.waitForURL(/\/desk\/knowledge\/\d+/);
  await expect(agent.getByText("Open Settings, then Billing, then Invoices").first()).toBeVisible();
  await expect(agent.locator(`input[value="${subject}"]`).or(agent.getByText(subject)).first()).toBeVisible();
});
