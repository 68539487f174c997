import crypto from "node:crypto";
import { expect, gotoReady, signInViaApi, test } from "./fixtures";

/**
 * The admin area end to end, in two browsers: the seeded admin adds an agent
 * (after the form points out a short password); the agent signs in and opens
 * the desk; the admin disables the agent, and the agent's very next page load
 * lands on the sign-in page.
 */
const seededAdmin = { email: "admin@frontdesk.example", password: "frontdesk" };

test("an admin adds an agent who can work the desk, and disabling them stops their session at once", async ({ browser }) => {
  const id = crypto.randomUUID().slice(0, 8);
  const agent = { name: `Robin Agent ${id}`, email: `robin.${id}@example.test`, password: `pw-${id}-secret` };
  const adminContext = await browser.newContext();
  const agentContext = await browser.newContext();
  const admin = await adminContext.newPage();
  const agentPage = await agentContext.newPage();
  const agentRow = () => admin.getByRole("row", { name: new RegExp(agent.name) });

  await test.step("admin adds the agent, after fixing what the form points out", async () => {
    await signInViaApi(admin, seededAdmin.email, seededAdmin.password);
    await gotoReady(admin, "/desk/admin");
    await expect(admin).toHaveURL(/\/desk\/admin\/users$/);
    await expect(admin.getByRole("link", { name: "Users" })).toHaveAttribute("aria-current", "page");

    await admin.locator("summary", { hasText: "Add a staff member" }).click();
    const form = admin.getByRole("form", { name: "Add a staff member" });
    await form.getByLabel("Name", { exact: true }).fill(agent.name);
    await form.getByLabel("Email", { exact: true }).fill(agent.email);
    await form.getByLabel("Initial password").fill("short");
    await form.getByRole("button", { name: "Add staff member" }).click();
    await expect(form.getByText("Use at least 8 characters.")).toBeVisible();

    await form.getByLabel("Initial password").fill(agent.password);
    await form.getByRole("button", { name: "Add staff member" }).click();
    await expect(form.getByRole("status")).toContainText(`${agent.name} was added as an agent`);

    await gotoReady(admin, `/desk/admin/users?kind=staff&q=${encodeURIComponent(agent.email)}`);
    await expect(agentRow()).toContainText(agent.email);
  });

  await test.step("the agent signs in and opens the desk", async () => {
    await signInViaApi(agentPage, agent.email, agent.password);
    await gotoReady(agentPage, "/desk");
    await expect(agentPage).toHaveURL(/\/desk/);
    await expect(agentPage.getByRole("banner").getByText(agent.name)).toBeVisible();
  });

  await test.step("admin disables the agent, confirming first", async () => {
    await agentRow().getByRole("button", { name: "Disable" }).click();
    const confirm = admin.getByRole("group", { name: `Disable ${agent.name}? They are signed out at once.` });
    await confirm.getByRole("button", { name: "Disable" }).click();
    await expect(agentRow().getByRole("button", { name: "Enable" })).toBeVisible();
    await expect(agentRow().getByText("Disabled", { exact: true })).toBeVisible();
  });

  await test.step("the agent's next page load goes to sign-in", async () => {
    await agentPage.goto("/desk");
    await expect(agentPage).toHaveURL(/\/signin/);
  });

  await adminContext.close();
  await agentContext.close();
});
