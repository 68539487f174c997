import crypto from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import { demoAgent, expect, gotoReady, signInViaApi, test, ticketOpener, trpcMutation, waitForHydration } from "./fixtures";

/**
 * Custom fields in the queue's bulk-edit bar, on the demo's fields: an agent
 * selects tickets, sets the agent-only drop-down "Root cause" with the
 * properties panel's own control (a merged, closed ticket is skipped and
 * named), then sets and clears the text field "Order number"; a field picked
 * with no value says what to do instead of sending nothing.
 */
async function agentPage(browser: Browser, viewport?: { width: number; height: number }): Promise<Page> {
  const page = await (await browser.newContext(viewport ? { viewport } : {})).newPage();
  await signInViaApi(page, demoAgent.email, demoAgent.password);
  return page;
}

const newWord = (prefix: string) => `${prefix}${crypto.randomUUID().slice(0, 8)}`;
const toasts = (page: Page) => page.getByRole("region", { name: "Notifications" }).getByRole("status");
const row = (page: Page, number: number) => page.getByRole("row", { name: new RegExp(`#${number}\\b`) });

const ticketsWith = ticketOpener((word, n) => ({ subject: `Refund missing ${word} ${n}`, body: `A refund has not arrived after two weeks (${word}).` }));

async function selectInQueue(page: Page, word: string, numbers: number[]) {
  await gotoReady(page, `/desk?q=${word}`);
  await waitForHydration(page);
  for (const n of numbers) await row(page, n).getByRole("checkbox").check();
}

test("a bulk edit sets a drop-down field on the selected tickets and skips a closed one", async ({ browser }) => {
  const agent = await agentPage(browser);
  const word = newWord("bulkcf");
  const [a, b, c] = await ticketsWith(agent, word, 3);
  await trpcMutation(agent, "desk.merge", { sourceNumber: c, targetNumber: a });

  await selectInQueue(agent, word, [a!, b!, c!]);
  const bar = agent.getByRole("region", { name: "Bulk actions" });
  await bar.getByLabel("Custom field").selectOption({ label: "Root cause" });
  await bar.getByRole("button", { name: "Apply" }).click();
  await expect(bar.getByRole("alert")).toHaveText("Choose a value for Root cause, or choose Clear.");

  await bar.locator("#bulk-field-value").selectOption({ label: "Configuration" });
  await bar.getByRole("button", { name: "Apply" }).click();
  await expect(toasts(agent).filter({ hasText: "Updated 2 tickets" })).toContainText(`skipped #${c} (closed)`);

  await gotoReady(agent, `/desk/tickets/${b}`);
  await expect(agent.getByTestId("desk-custom-fields").getByLabel(/Root cause/)).toHaveValue("configuration");
});

test("a bulk edit sets a text field, then clears it", async ({ browser }) => {
  const agent = await agentPage(browser);
  const word = newWord("bulktext");
  const [a, b] = await ticketsWith(agent, word, 2);

  await selectInQueue(agent, word, [a!, b!]);
  const bar = agent.getByRole("region", { name: "Bulk actions" });
  await bar.getByLabel("Custom field").selectOption({ label: "Order number" });
  await bar.locator("#bulk-field-value").fill("ORD-880011");
  await bar.locator("#bulk-field-value").press("Enter");
  await bar.getByRole("button", { name: "Apply" }).click();
  await expect(toasts(agent).filter({ hasText: "Updated 2 tickets" })).toBeVisible();

  await gotoReady(agent, `/desk/tickets/${a}`);
  await expect(agent.getByTestId("desk-custom-fields").getByLabel("Order number")).toHaveValue("ORD-880011");

  await selectInQueue(agent, word, [a!, b!]);
  await bar.getByLabel("Custom field").selectOption({ label: "Order number" });
  await bar.getByLabel("Set or clear Order number").selectOption("Clear");
  await expect(bar.locator("#bulk-field-value")).toHaveCount(0);
  await bar.getByRole("button", { name: "Apply" }).click();
  await expect(toasts(agent).filter({ hasText: "Updated 2 tickets" })).toBeVisible();

  await gotoReady(agent, `/desk/tickets/${b}`);
  await expect(agent.getByTestId("desk-custom-fields").getByLabel("Order number")).toHaveValue("");
});

test("the bar with a field picked fits a desktop and a phone", async ({ browser }, testInfo) => {
  for (const [name, viewport] of [
    ["desktop", { width: 1280, height: 800 }],
    ["phone", { width: 390, height: 844 }],
  ] as const) {
    const agent = await agentPage(browser, viewport);
    const word = newWord("bulkshot");
    const numbers = await ticketsWith(agent, word, 2);
    await selectInQueue(agent, word, numbers);
    const bar = agent.getByRole("region", { name: "Bulk actions" });
    await bar.getByLabel("Custom field").selectOption({ label: "Device" });
    await expect(bar.locator("#bulk-field-value")).toBeVisible();
    const overflow = await agent.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await bar.screenshot({ path: testInfo.outputPath(`bulk-bar-${name}.png`) });
    await agent.context().close();
  }
});
