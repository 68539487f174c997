import { demoAgent, expect, gotoReady, signInViaApi, signUpViaApi, test, waitForHydration } from "./fixtures";

const seededAdmin = { email: "admin@frontdesk.example", password: "frontdesk" };

/**
 * Custom fields end to end, on the demo's forms: an admin sees the fields
 * page; a customer opening a Billing ticket without the required order
 * number is stopped at that field (what they typed stays), then submits with
 * it; an agent reads the value in the desk's properties panel.
 */
test("an order number asked on the Billing form reaches the desk", async ({ browser, newCustomer }) => {
  const admin = await (await browser.newContext()).newPage();
  await signInViaApi(admin, seededAdmin.email, seededAdmin.password);
  await gotoReady(admin, "/desk/admin/fields");
  await expect(admin.getByRole("link", { name: "Fields", exact: true })).toHaveAttribute("aria-current", "page");
  await expect(admin.getByRole("heading", { name: "Ticket fields" })).toBeVisible();
  await expect(admin.locator('[data-field="order_number"]')).toContainText("required for customers");
  await expect(admin.locator('[data-form-category="Billing"]')).toContainText("Order number");

  const customer = await (await browser.newContext()).newPage();
  await signUpViaApi(customer, newCustomer);
  await gotoReady(customer, "/tickets/new");
  await waitForHydration(customer);
  const subject = `Charged twice for ${newCustomer.email.slice(6, 14)}`;
  await customer.getByLabel("Subject").fill(subject);
  await customer.getByLabel("Category").selectOption({ label: "Billing" });
  const orderNumber = customer.getByLabel("Order number (required)");
  await expect(orderNumber).toBeVisible();
  await customer.getByLabel("Description").fill("My card was charged twice for the same invoice.");
  await customer.getByRole("button", { name: "Submit ticket" }).click();
  await expect(customer.getByText("Fill in Order number.")).toBeVisible();
  await expect(orderNumber).toHaveAttribute("aria-invalid", "true");
  await expect(customer.getByLabel("Subject")).toHaveValue(subject);

  await orderNumber.fill("ORD-771042");
  await customer.getByRole("button", { name: "Submit ticket" }).click();
  await expect(customer.getByRole("heading", { name: subject })).toBeVisible();
  await expect(customer.getByRole("definition").filter({ hasText: "ORD-771042" })).toBeVisible();
  const number = Number(/\/tickets\/(\d+)/.exec(customer.url())?.[1]);

  const agent = await (await browser.newContext()).newPage();
  await signInViaApi(agent, demoAgent.email, demoAgent.password);
  await gotoReady(agent, `/desk/tickets/${number}`);
  const panel = agent.getByTestId("desk-custom-fields");
  await expect(panel.getByLabel("Order number")).toHaveValue("ORD-771042");
  await expect(panel.getByLabel(/Root cause/)).toBeVisible();
});
