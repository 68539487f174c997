import { demoAgent, expect, gotoReady, signInViaApi, signUpViaApi, test, trpcMutation, trpcQueryText } from "./fixtures";

/**
 * Merging from the desk ticket page: the target is checked before anything
 * is asked (a missing one is refused in place, no dialog); a good one opens a
 * dialog with its number, subject, requester, status and last update, and a
 * warning when the requesters differ; confirming merges and lands on the
 * target with an Undo, which puts the duplicate back as it was.
 */
test("an agent previews the target, is warned about a different requester, merges, and undoes it", async ({ browser, newCustomer }) => {
  const ann = await (await browser.newContext()).newPage();
  const bob = await (await browser.newContext()).newPage();
  await signUpViaApi(ann, newCustomer);
  const other = { ...newCustomer, name: `${newCustomer.name} Other`, email: newCustomer.email.replace("@", ".other@") };
  await signUpViaApi(bob, other);
  const categories = JSON.parse(await trpcQueryText(ann, "categories.list", undefined)) as { result: { data: { json: { id: string }[] } } };
  const categoryId = categories.result.data.json[0]?.id;
  const duplicate = await trpcMutation<{ number: number }>(ann, "tickets.create", { subject: "Card declined at checkout", body: "My card is declined.", categoryId });
  const original = await trpcMutation<{ number: number }>(bob, "tickets.create", { subject: "Checkout refuses every card", body: "No card works.", categoryId });

  const agent = await (await browser.newContext()).newPage();
  await signInViaApi(agent, demoAgent.email, demoAgent.password);
  await gotoReady(agent, `/desk/tickets/${duplicate.number}`);
  const target = agent.getByLabel("Merge this duplicate into ticket");

  await test.step("a ticket that does not exist is refused before any dialog", async () => {
    await target.fill("999999999");
    await agent.getByRole("button", { name: "Merge…" }).click();
    await expect(agent.getByRole("alert").filter({ hasText: "#999999999 does not exist" })).toBeVisible();
    await expect(agent.getByRole("dialog")).toHaveCount(0);
  });

  const dialog = agent.getByRole("dialog", { name: `Merge #${duplicate.number} into #${original.number}?` });
  await test.step("a good target is previewed, with a warning that the requesters differ", async () => {
    await target.fill(`#${original.number}`);
    await agent.getByRole("button", { name: "Merge…" }).click();
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText(`#${original.number} Checkout refuses every card`);
    await expect(dialog).toContainText(other.name);
    await expect(dialog).toContainText("New");
    await expect(dialog).toContainText(/just now|minute/);
    await expect(dialog.locator("[data-merge-warning]")).toContainText("Different requesters");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();
  });

  await test.step("confirming merges and lands on the target, with an Undo", async () => {
    await agent.getByRole("button", { name: "Merge…" }).click();
    await dialog.getByRole("button", { name: `Merge into #${original.number}` }).click();
    await expect(agent).toHaveURL(new RegExp(`/desk/tickets/${original.number}`));
    const toast = agent.locator("[data-toast]").filter({ hasText: `Merged #${duplicate.number} into #${original.number}` });
    await expect(toast).toBeVisible();
    await toast.getByRole("button", { name: "Undo" }).click();
    await expect(agent).toHaveURL(new RegExp(`/desk/tickets/${duplicate.number}`));
    await expect(agent.getByText("The merge into #" + original.number + " was undone")).toBeVisible();
    await expect(agent.getByLabel("Merge this duplicate into ticket")).toBeVisible();
  });
});
