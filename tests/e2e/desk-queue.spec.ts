import crypto from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import { demoAgent, expect, gotoReady, signInViaApi, test, ticketOpener, trpcMutation, trpcQueryText } from "./fixtures";

/**
 * The desk queue as an agent works it: results and Undo in a toast after a
 * bulk edit and after a property change or `s`, links that remember the
 * queue, filters that apply at once (and still work without JavaScript),
 * search that stays in its view, an unknown view that says so, My open
 * without waiting tickets, and a j/k cursor that a resting mouse leaves alone.
 */
async function agentPage(browser: Browser, options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const page = await (await browser.newContext(options)).newPage();
  await signInViaApi(page, demoAgent.email, demoAgent.password);
  return page;
}

const newWord = (prefix: string) => `${prefix}${crypto.randomUUID().slice(0, 8)}`;

const ticketsWith = ticketOpener((word, n) => ({ subject: `Card declined ${word} ${n}`, body: `A card payment was declined at checkout (${word}).` }));

async function setProperties(page: Page, number: number, changes: Record<string, unknown>): Promise<void> {
  const text = await (await page.request.get(`/api/trpc/tickets.get?input=${encodeURIComponent(JSON.stringify({ json: { number } }))}`)).text();
  const version = (JSON.parse(text) as { result: { data: { json: { ticket: { version: number } } } } }).result.data.json.ticket.version;
  await trpcMutation(page, "desk.update", { number, version, changes });
}

const toasts = (page: Page) => page.getByRole("region", { name: "Notifications" }).getByRole("status");
const row = (page: Page, number: number) => page.getByRole("row", { name: new RegExp(`#${number}\\b`) });

test("a bulk edit says what it did in a toast, and Undo puts every ticket back", async ({ browser }) => {
  const agent = await agentPage(browser);
  const word = newWord("bulk");
  const [a, b, c] = await ticketsWith(agent, word, 3);
  // Merging closes c: a bulk edit has to skip it.
  await trpcMutation(agent, "desk.merge", { sourceNumber: c, targetNumber: a });

  await gotoReady(agent, `/desk?q=${word}`);
  for (const n of [a!, b!, c!]) await row(agent, n).getByRole("checkbox").check();
  await agent.locator("#bulk-priority").selectOption("urgent");
  await agent.getByRole("button", { name: "Apply" }).click();

  const result = toasts(agent).filter({ hasText: "Updated 2 tickets" });
  await expect(result).toContainText(`skipped #${c} (closed)`);
  for (const n of [a!, b!]) await expect(row(agent, n)).toContainText("Urgent");

  await result.getByRole("button", { name: "Undo" }).click();
  await expect(toasts(agent).filter({ hasText: "Undid the change on 2 tickets" })).toBeVisible();
  for (const n of [a!, b!]) await expect(row(agent, n)).not.toContainText("Urgent");
});

test("a property change and s (solve) say Saved, with an Undo that restores the previous values", async ({ browser }) => {
  const agent = await agentPage(browser);
  const [number] = await ticketsWith(agent, newWord("save"), 1);
  await gotoReady(agent, `/desk/tickets/${number}`);
  const priority = agent.locator("#prop-priority");
  const status = agent.locator("#prop-status");
  const before = { priority: await priority.inputValue(), status: await status.inputValue() };

  await priority.selectOption("high");
  const saved = toasts(agent).filter({ hasText: "Saved" });
  await expect(saved).toContainText("Priority: High");
  await saved.getByRole("button", { name: "Undo" }).click();
  await expect(toasts(agent).filter({ hasText: "Undone" })).toBeVisible();
  await expect(priority).toHaveValue(before.priority);

  // Shortcuts wait while focus is in a field.
  await agent.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await agent.keyboard.press("s");
  const solved = toasts(agent).filter({ hasText: "Status: Solved" });
  await expect(solved).toContainText("Saved");
  await expect(status).toHaveValue("solved");
  // The toast waits while the pointer rests on it, well past its 8 seconds.
  await solved.hover();
  await agent.waitForTimeout(9000);
  await solved.getByRole("button", { name: "Undo" }).click();
  await expect(status).toHaveValue(before.status);
});

test("queue links carry the exact queue the ticket was opened from, by mouse and by keyboard", async ({ browser }) => {
  const agent = await agentPage(browser);
  const word = newWord("back");
  const [number] = await ticketsWith(agent, word, 1);
  const queue = `/desk?view=open&q=${word}&status=new`;
  await gotoReady(agent, queue);

  await row(agent, number!).getByRole("link").click();
  await expect(agent).toHaveURL(new RegExp(`/desk/tickets/${number}\\?`));
  expect(new URL(agent.url()).searchParams.get("from")).toBe(queue);

  await gotoReady(agent, queue);
  await agent.keyboard.press("o");
  await expect(agent).toHaveURL(new RegExp(`/desk/tickets/${number}\\?`));
  expect(new URL(agent.url()).searchParams.get("from")).toBe(queue);
});

test("filters apply as soon as they are chosen, and still work without JavaScript", async ({ browser }) => {
  const agent = await agentPage(browser);
  await gotoReady(agent, "/desk?view=open");
  await agent.locator("#filter-priority").selectOption("urgent");
  await expect(agent).toHaveURL(/[?&]priority=urgent/);
  await agent.locator("#filter-status").selectOption("pending");
  await expect(agent).toHaveURL(/[?&]status=pending/);
  await expect(agent).toHaveURL(/[?&]priority=urgent/);
  await expect(agent.getByRole("button", { name: "Filter" })).toHaveCount(0);

  const plain = await agentPage(browser, { javaScriptEnabled: false });
  await plain.goto("/desk?view=open");
  await plain.locator("#filter-priority").selectOption("urgent");
  await plain.getByRole("button", { name: "Filter" }).click();
  await expect(plain).toHaveURL(/view=open.*priority=urgent|priority=urgent.*view=open/);
});

test("a search typed in a view stays in that view, says so, and offers to search everything", async ({ browser }) => {
  const agent = await agentPage(browser);
  const word = newWord("scope");
  const [waiting, other] = await ticketsWith(agent, word, 2);
  await setProperties(agent, waiting!, { status: "pending" });

  await gotoReady(agent, "/desk?view=pending");
  await agent.locator("#desk-search").fill(word);
  await agent.locator("#desk-search").press("Enter");
  await expect(agent).toHaveURL(new RegExp(`view=pending.*q=${word}`));
  await expect(agent.getByText("Searching only Pending")).toBeVisible();
  await expect(row(agent, waiting!)).toBeVisible();
  await expect(row(agent, other!)).toHaveCount(0);

  await agent.getByRole("link", { name: "Search all tickets" }).click();
  await expect(agent.getByText("Searching all tickets.")).toBeVisible();
  await expect(row(agent, waiting!)).toBeVisible();
  await expect(row(agent, other!)).toBeVisible();
});

test("an unknown view says there is no such view instead of showing My open", async ({ browser }) => {
  const agent = await agentPage(browser);
  await gotoReady(agent, "/desk?view=mine_open_typo");
  await expect(agent.getByRole("heading", { name: "No such view" })).toBeVisible();
  await expect(agent.getByRole("main").getByRole("link", { name: "My open tickets" })).toBeVisible();
  await expect(agent.getByRole("heading", { name: "My open tickets" })).toHaveCount(0);
});

test("My open lists the new and open tickets assigned to me, not pending or on hold ones", async ({ browser }) => {
  const agent = await agentPage(browser);
  const word = newWord("mine");
  const [open, pending, onHold] = await ticketsWith(agent, word, 3);
  const options = JSON.parse(await trpcQueryText(agent, "desk.options", undefined)) as { result: { data: { json: { agents: { id: string; name: string }[] } } } };
  const myId = options.result.data.json.agents.find((a) => a.name === demoAgent.name)?.id;
  await setProperties(agent, open!, { assigneeId: myId, status: "open" });
  await setProperties(agent, pending!, { assigneeId: myId, status: "pending" });
  await setProperties(agent, onHold!, { assigneeId: myId, status: "on_hold" });

  await gotoReady(agent, `/desk?view=mine&q=${word}`);
  await expect(row(agent, open!)).toBeVisible();
  await expect(row(agent, pending!)).toHaveCount(0);
  await expect(row(agent, onHold!)).toHaveCount(0);
});

test("a resting mouse does not move the j/k cursor when the list scrolls under it", async ({ browser }) => {
  const agent = await agentPage(browser);
  const word = newWord("rest");
  await ticketsWith(agent, word, 25);
  await gotoReady(agent, `/desk?q=${word}&sort=created_asc`);
  const rows = agent.locator("tbody tr");
  await expect(rows).toHaveCount(25);

  // The pointer comes to rest over the third row, then only the keyboard moves.
  const third = await rows.nth(2).boundingBox();
  await agent.mouse.move(third!.x + third!.width / 2, third!.y + third!.height / 2, { steps: 3 });
  await expect(rows.nth(2)).toHaveAttribute("aria-current", "true");
  const frames = () => agent.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  for (let i = 3; i <= 20; i++) {
    await agent.keyboard.press("j");
    await frames();
  }
  await agent.waitForTimeout(300);
  await expect(rows.nth(20)).toHaveAttribute("aria-current", "true");
  await expect(agent.locator('tbody tr[aria-current="true"]')).toHaveCount(1);

  // A pointer that really moves still takes the cursor.
  const box = await rows.nth(18).boundingBox();
  await agent.mouse.move(box!.x + box!.width / 2, box!.y + box!.height / 2, { steps: 3 });
  await expect(rows.nth(18)).toHaveAttribute("aria-current", "true");
});
