import crypto from "node:crypto";
import type { Page } from "@playwright/test";
import { billingFields, categoryId, demoAgent, expect, gotoReady, signInViaApi, signUpViaApi, test, trpcMutation } from "./fixtures";

/**
 * The automations admin in the browser: the seeded admin is shown what an
 * incomplete rule lacks, then adds "when created · subject contains <word> →
 * set priority Urgent, add a tag, add an internal note"; a customer's ticket
 * with the word arrives urgent, tagged and noted, and the agent sees the rule
 * named on the timeline; once the admin moves the rule and switches it off, a
 * second ticket with the word arrives untouched. The word and tag are unique
 * per run, and the subjects avoid the demo rules' words (outage, refund, …).
 */
const seededAdmin = { email: "admin@frontdesk.example", password: "frontdesk" };

test("an admin's automation rule sets priority, tag and note on new tickets, and stops once switched off", async ({ browser, newCustomer }) => {
  test.setTimeout(120_000);
  const id = crypto.randomUUID().slice(0, 8);
  const word = `zq${id}`;
  const tag = `auto-${id}`;
  const note = `Rule note ${id}: check the contract before replying.`;
  const ruleName = `Flag ${word} tickets`;
  const admin = await (await browser.newContext()).newPage();
  const customer = await (await browser.newContext()).newPage();
  const agent = await (await browser.newContext()).newPage();

  const ruleItem = () => admin.getByRole("listitem").filter({ has: admin.getByRole("heading", { name: ruleName }) });
  const rulePosition = async () => Number((await ruleItem().getByRole("heading").textContent())?.match(/^\s*(\d+)\./)?.[1]);
  const openTicket = async (subject: string) => {
    const created = await trpcMutation<{ number: number }>(customer, "tickets.create", {
      subject,
      body: `Could you explain the line about ${word} on last month's invoice?`,
      categoryId: await categoryId(customer, "Billing"),
      ...billingFields,
    });
    return created.number;
  };
  const details = (page: Page) => page.getByRole("complementary", { name: "Ticket details" });

  await test.step("the admin is shown what an incomplete rule lacks", async () => {
    await signInViaApi(admin, seededAdmin.email, seededAdmin.password);
    await gotoReady(admin, "/desk/admin/automations");
    await admin.locator("summary", { hasText: "Add a rule" }).click();
    const form = admin.getByRole("form", { name: "New rule" });
    await form.getByLabel("Name", { exact: true }).fill(ruleName);
    await form.getByRole("button", { name: "Add rule" }).click();

    const conditionValue = form.getByLabel(/^Condition 1 value/);
    await expect(form.getByRole("group", { name: "Condition 1" })).toContainText("Enter at least one word or phrase");
    await expect(conditionValue).toHaveAttribute("aria-invalid", "true");
    await expect(form.getByRole("group", { name: "Action 1" })).toContainText("Enter at least one tag");
    await expect(form.getByRole("status")).toBeEmpty();
    await expect(ruleItem()).toHaveCount(0);
  });

  await test.step("the admin completes the rule: subject contains the word → urgent, a tag, an internal note", async () => {
    const form = admin.getByRole("form", { name: "New rule" });
    await expect(form.getByRole("checkbox", { name: "When a ticket is created" })).toBeChecked();
    await expect(form.getByLabel("Condition 1 looks at")).toHaveValue("subject");
    await form.getByLabel(/^Condition 1 value/).fill(word);

    await form.getByLabel("Action 1 does").selectOption({ label: "Set priority" });
    await form.getByLabel("Action 1 value").selectOption({ label: "Urgent" });
    await form.getByRole("button", { name: "Add action" }).click();
    await form.getByLabel(/^Action 2 value/).fill(tag);
    await form.getByRole("button", { name: "Add action" }).click();
    await form.getByLabel("Action 3 does").selectOption({ label: "Add internal note" });
    await form.getByLabel(/^Action 3 value/).fill(note);
    await form.getByRole("button", { name: "Add rule" }).click();

    await expect(form.getByRole("status")).toHaveText(`“${ruleName}” is saved and switched on.`);
    await expect(form.getByRole("group", { name: "Condition 1" })).not.toContainText("Enter at least one");
    await expect(ruleItem()).toContainText(`When created · subject contains ${word} → set priority Urgent, add tags ${tag}, add internal note`);
  });

  let first = 0;
  await test.step("a new customer opens a ticket with the word in its subject", async () => {
    await signUpViaApi(customer, newCustomer);
    first = await openTicket(`Question about ${word} on my invoice`);
  });

  await test.step("the agent sees it urgent, tagged and noted, with the rule named on the timeline", async () => {
    await signInViaApi(agent, demoAgent.email, demoAgent.password);
    await gotoReady(agent, `/desk/tickets/${first}`);
    await expect(agent.getByLabel("Priority", { exact: true }).locator("option:checked")).toHaveText("Urgent");
    await expect(agent.getByRole("button", { name: `Remove tag ${tag}` })).toBeVisible();
    await expect(agent.getByRole("article", { name: "Internal note by Frontdesk" })).toContainText(note);
    await expect(details(agent)).toContainText(`changed priority from Normal to Urgent (automation "${ruleName}")`);
    await expect(details(agent)).toContainText(`set tags to ${tag} (automation "${ruleName}")`);
  });

  await test.step("the admin moves the rule up one place, then switches it off", async () => {
    await gotoReady(admin, "/desk/admin/automations");
    const before = await rulePosition();
    expect(before).toBeGreaterThan(1);
    await ruleItem().getByRole("button", { name: `Move ${ruleName} up` }).click();
    await expect.poll(rulePosition).toBe(before - 1);

    // A click, not uncheck(): the box shows the saved state only once the page has refreshed.
    await ruleItem().getByRole("checkbox", { name: "Active" }).click();
    await expect(ruleItem().getByRole("heading")).toContainText("Off");
    await gotoReady(admin, "/desk/admin/automations");
    await expect(ruleItem().getByRole("checkbox", { name: "Active" })).not.toBeChecked();
    expect(await rulePosition()).toBe(before - 1);
  });

  await test.step("a second ticket with the word arrives untouched", async () => {
    const second = await openTicket(`Another question about ${word}`);
    await gotoReady(agent, `/desk/tickets/${second}`);
    await expect(agent.getByRole("heading", { name: new RegExp(`Another question about ${word}`) })).toBeVisible();
    await expect(agent.getByLabel("Priority", { exact: true }).locator("option:checked")).toHaveText("Normal");
    await expect(agent.getByRole("button", { name: /^Remove tag / })).toHaveCount(0);
    await expect(agent.getByRole("article", { name: /^Internal note/ })).toHaveCount(0);
    await expect(details(agent)).not.toContainText("(automation");
  });

  await admin.context().close();
  await customer.context().close();
  await agent.context().close();
});
