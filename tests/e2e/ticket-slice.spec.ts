import { demoAgent, expect, gotoReady, signInViaApi, test, waitForHydration } from "./fixtures";

/**
 * The walking skeleton, end to end in two browsers: a new customer signs up
 * and opens a ticket; an agent finds it in Unassigned and replies; the
 * customer sees the reply.
 */
test("a customer's ticket reaches an agent, and the agent's reply reaches the customer", async ({ browser, newCustomer }) => {
  const customerContext = await browser.newContext();
  const agentContext = await browser.newContext();
  const customer = await customerContext.newPage();
  const agent = await agentContext.newPage();
  const subject = `Export button does nothing ${newCustomer.email.slice(6, 14)}`;

  await test.step("customer signs up", async () => {
    await gotoReady(customer, "/signup");
    await customer.getByLabel("Your name").fill(newCustomer.name);
    await customer.getByLabel("Email").fill(newCustomer.email);
    await customer.getByLabel("Password").fill(newCustomer.password);
    await customer.getByRole("button", { name: "Create account" }).click();
    // The same answer for a new or a taken address, so sign-up never tells who has an account.
    await expect(customer).toHaveURL(/\/signup\/check-email$/);
    await customer.getByRole("link", { name: "Go to sign in" }).click();
    await waitForHydration(customer);
    await customer.getByLabel("Email", { exact: true }).fill(newCustomer.email);
    await customer.getByLabel("Password").fill(newCustomer.password);
    await customer.getByRole("button", { name: "Sign in" }).click();
    await expect(customer).toHaveURL(/\/tickets$/);
    await expect(customer.getByRole("heading", { name: "No tickets yet" })).toBeVisible();
  });

  const number = await test.step("customer opens a ticket, after fixing what the form points out", async () => {
    await customer.getByRole("link", { name: "Open your first ticket" }).click();
    await expect(customer).toHaveURL(/\/tickets\/new$/);
    await waitForHydration(customer);
    await customer.getByRole("button", { name: "Submit ticket" }).click();
    await expect(customer.getByText("Write a subject of at least 3 characters.")).toBeVisible();
    await expect(customer.getByText("Choose a category.")).toBeVisible();

    await customer.getByLabel("Subject").fill(subject);
    await customer.getByLabel("Category").selectOption({ label: "Billing" });
    await customer.getByLabel("Order number").fill("ORD-000042");
    await customer.getByLabel("Description").fill("When I click **Export** on my board, nothing happens.\n\n- Chrome\n- Team plan");
    await customer.getByRole("button", { name: "Submit ticket" }).click();
    await expect(customer.getByRole("heading", { name: subject })).toBeVisible();
    await expect(customer.getByText(/your ticket #\d+ is in/)).toBeVisible();
    const match = /\/tickets\/(\d+)/.exec(customer.url());
    expect(match).not.toBeNull();
    await expect(customer.getByRole("strong")).toHaveText("Export");

    await gotoReady(customer, "/tickets");
    await expect(customer.getByRole("link", { name: new RegExp(subject) })).toBeVisible();
    return Number(match![1]);
  });

  await test.step("agent finds it in Unassigned and replies publicly", async () => {
    await signInViaApi(agent, demoAgent.email, demoAgent.password);
    await gotoReady(agent, "/desk?view=unassigned");
    await expect(agent.getByRole("heading", { name: "Unassigned" })).toBeVisible();
    await agent.getByRole("link", { name: new RegExp(subject) }).click();
    await expect(agent).toHaveURL(new RegExp(`/desk/tickets/${number}(\\?from=|$)`));
    await waitForHydration(agent);
    await expect(agent.getByRole("heading", { name: subject })).toBeVisible();
    await agent.getByPlaceholder("Reply to the requester…").fill("Thanks for the report! A fix for the export button is rolling out today.");
    await agent.getByRole("button", { name: "Send reply" }).click();
    await expect(agent.getByRole("article", { name: `Message from ${demoAgent.name}` })).toContainText("rolling out today");
  });

  await test.step("customer sees the reply", async () => {
    await gotoReady(customer, `/tickets/${number}`);
    await expect(customer.getByRole("article", { name: `Message from ${demoAgent.name}` })).toContainText("rolling out today");
    await expect(customer.getByText("Open", { exact: true })).toBeVisible();
  });

  await customerContext.close();
  await agentContext.close();
});

test("each shell keeps out those without the role", async ({ page }) => {
  await page.goto("/tickets");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Ftickets$/);
  await page.goto("/desk");
  await expect(page).toHaveURL(/\/signin/);

  await signInViaApi(page, demoAgent.email, demoAgent.password);
  await page.goto("/desk/reports");
  await expect(page).toHaveURL(/\/desk\?denied=1$/);
  await expect(page.getByText("That page needs a role you do not have.")).toBeVisible();
  await page.goto("/desk/admin");
  await expect(page).toHaveURL(/\/desk\?denied=1$/);
});
