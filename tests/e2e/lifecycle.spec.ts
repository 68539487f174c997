import crypto from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import { billingFields, categoryId, demoAgent, expect, gotoReady, signInViaApi, signUpViaApi, test, trpcMutation, trpcQueryText } from "./fixtures";

/**
 * A ticket's life in the browser: an agent works it from the queue to
 * solved with the keyboard alone; the customer's reply reopens it; internal
 * notes never reach the customer.
 */
async function customerWithTicket(browser: Browser, word: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const id = crypto.randomUUID().slice(0, 8);
  const customer = { name: `Robin ${id}`, email: `robin.${id}@example.test`, password: `pw-${id}-secret` };
  await signUpViaApi(page, customer);
  const ticket = await trpcMutation<{ number: number }>(page, "tickets.create", {
    subject: `Invoice export fails ${word}`,
    body: `Exporting invoice INV-${id} to CSV gives an empty file. Reference ${word}.`,
    categoryId: await categoryId(page, "Billing"),
    ...billingFields,
  });
  return { page, customer, number: ticket.number, close: () => context.close() };
}

async function agentPage(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInViaApi(page, demoAgent.email, demoAgent.password);
  return page;
}

test("an agent takes a ticket from the queue to solved with the keyboard alone", async ({ browser }) => {
  const word = `kb${crypto.randomUUID().slice(0, 6)}`;
  const { number, close } = await customerWithTicket(browser, word);
  const agent = await agentPage(browser);

  await gotoReady(agent, `/desk?q=${word}`);
  await expect(agent.getByRole("link", { name: new RegExp(word) })).toBeVisible();
  await agent.keyboard.press("o");
  await expect(agent).toHaveURL(new RegExp(`/desk/tickets/${number}(\\?from=|$)`));
  await agent.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await expect(agent.getByRole("heading", { name: new RegExp(word) })).toBeVisible();

  await agent.keyboard.press("a");
  await expect(agent.getByLabel("Assignee")).toHaveValue(/.+/);
  await expect(agent.getByLabel("Assignee").locator("option:checked")).toHaveText(new RegExp(`^${demoAgent.name}`));

  await agent.keyboard.press("r");
  await expect(agent.getByLabel("Your reply")).toBeFocused();
  await agent.keyboard.type("The export is fixed now; please try again.");
  await agent.keyboard.press("Control+Enter");
  await expect(agent.getByRole("article", { name: `Message from ${demoAgent.name}` })).toContainText("export is fixed");

  // Esc leaves the composer; single-key shortcuts work again outside it.
  await agent.keyboard.press("Escape");
  await expect(agent.getByLabel("Your reply")).not.toBeFocused();
  await agent.keyboard.press("s");
  await expect(agent.getByLabel("Status").locator("option:checked")).toHaveText("Solved");
  await expect(agent.getByRole("complementary", { name: "Ticket details" })).toContainText("changed status from Open to Solved");
  await close();
});

test("a customer's reply reopens a solved ticket", async ({ browser }) => {
  const word = `re${crypto.randomUUID().slice(0, 6)}`;
  const { page: customer, number, close } = await customerWithTicket(browser, word);
  const agent = await agentPage(browser);
  await trpcMutation(agent, "tickets.reply", { number, body: "Done, it works again.", kind: "public", status: "solved" });

  await gotoReady(customer, `/tickets/${number}`);
  await expect(customer.getByText("Solved", { exact: true }).first()).toBeVisible();
  await customer.getByLabel("Your reply").fill("Sorry, it broke again this morning.");
  await customer.getByRole("button", { name: "Send reply" }).click();
  await expect(customer.getByRole("article").last()).toContainText("broke again");
  await expect(customer.getByText("Open", { exact: true }).first()).toBeVisible();
  await close();
});

test("a customer never sees an internal note", async ({ browser }) => {
  const word = `nt${crypto.randomUUID().slice(0, 6)}`;
  const secret = `secret${crypto.randomUUID().slice(0, 8)}`;
  const { page: customer, number, close } = await customerWithTicket(browser, word);
  const agent = await agentPage(browser);

  await gotoReady(agent, `/desk/tickets/${number}`);
  await agent.keyboard.press("n");
  await agent.keyboard.type(`Customer is on the legacy plan (${secret}).`);
  await agent.keyboard.press("Control+Enter");
  await expect(agent.getByRole("article", { name: `Internal note by ${demoAgent.name}` })).toContainText(secret);

  await gotoReady(customer, `/tickets/${number}`);
  await expect(customer.getByRole("heading", { name: new RegExp(word) })).toBeVisible();
  await expect(customer.locator("body")).not.toContainText(secret);
  expect(await customer.content()).not.toContain(secret);
  expect(await trpcQueryText(customer, "tickets.get", { number })).not.toContain(secret);
  expect(await trpcQueryText(customer, "tickets.search", { query: secret, limit: 25 })).not.toContain(`"number":${number}`);
  await close();
});
