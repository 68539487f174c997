import crypto from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, gotoReady, signInViaApi, test } from "./fixtures";

/**
 * Webhook endpoints in the browser: the seeded admin adds an endpoint (a bad
 * address is refused beside its field), sees and copies its signing secret
 * once (never again after a reload), sends a test event that shows in the
 * delivery log as waiting or delivered, rotates the secret (a new one, shown
 * once), and deletes the endpoint. The address is unique per run and never
 * resolves, so nothing leaves the machine.
 */
const seededAdmin = { email: "admin@frontdesk.example", password: "frontdesk" };

test("an admin adds a webhook endpoint, sees its secret once, sends a test event and deletes it", async ({ page, context }) => {
  test.setTimeout(90_000);
  const url = `https://hooks.example.test/e2e-${crypto.randomUUID().slice(0, 8)}`;
  let secret = "";

  await test.step("a bad address is refused beside its field", async () => {
    await signInViaApi(page, seededAdmin.email, seededAdmin.password);
    await gotoReady(page, "/desk/admin/webhooks");
    await page.locator("summary", { hasText: "Add an endpoint" }).click();
    const form = page.getByRole("form", { name: "New endpoint" });
    await form.getByLabel("Address (URL)").fill("ftp://files.example.test/in");
    await form.getByRole("button", { name: "Add endpoint" }).click();
    await expect(form.getByLabel("Address (URL)")).toHaveAttribute("aria-invalid", "true");
    await expect(form).toContainText("The address must start with https://");
    await expect(page.getByRole("heading", { name: url, exact: true })).toHaveCount(0);
  });

  await test.step("the endpoint is added and its secret shown once, with a copy button", async () => {
    const form = page.getByRole("form", { name: "New endpoint" });
    await form.getByLabel("Address (URL)").fill(url);
    await form.getByLabel("Description (optional)").fill("E2E receiver");
    await form.getByRole("checkbox", { name: /Ticket updated/ }).check();
    await form.getByRole("button", { name: "Add endpoint" }).click();
    await expect(form.getByRole("status")).toHaveText("Endpoint added and switched on.");

    const secretBox = page.getByLabel("Signing secret", { exact: true });
    await expect(secretBox).toHaveValue(/^whsec_[A-Za-z0-9+/]{43}=$/);
    secret = await secretBox.inputValue();
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.getByRole("button", { name: "Copy secret" }).click();
    await expect(page.getByText("Copied to the clipboard.")).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);

    const item = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: url, exact: true }) });
    await expect(item).toContainText("ticket.created");
    await expect(item).toContainText("ticket.updated");
    await expect(item).toContainText("No deliveries yet");

    await page.reload();
    await expect(page.getByRole("heading", { name: url, exact: true })).toBeVisible();
    expect(await page.content()).not.toContain(secret);
  });

  await test.step("a test event shows in the delivery log as waiting or delivered", async () => {
    await page.getByRole("link", { name: url }).click();
    await expect(page.getByRole("heading", { level: 2, name: url })).toBeVisible();
    await page.getByRole("button", { name: "Send test event" }).click();
    await expect(page.getByText("Test event queued: it appears in the log below.")).toBeVisible();
    const row = page.getByRole("list", { name: "Deliveries" }).getByRole("listitem").filter({ hasText: "webhook.test" });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(/Waiting|Sending|Delivered/);
    await row.getByText("Details").click();
    await expect(row).toContainText(/msg_[A-Za-z0-9_-]{22}/);
  });

  await test.step("rotating asks first, then shows a new secret once", async () => {
    await page.getByRole("button", { name: "Rotate secret" }).click();
    await page.getByRole("group", { name: /Make a new signing secret/ }).getByRole("button", { name: "Rotate secret" }).click();
    const secretBox = page.getByLabel("Signing secret", { exact: true });
    await expect(secretBox).toHaveValue(/^whsec_/);
    expect(await secretBox.inputValue()).not.toBe(secret);
    await expect(page.getByText(/also signed with the previous secret until it expires (in 24 hours|tomorrow)/)).toBeVisible();

    // axe over the page with everything on it: the endpoint, the secret panel and the log.
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  });

  await test.step("deleting asks first and returns to the list without the endpoint", async () => {
    await page.getByRole("button", { name: "Delete endpoint" }).click();
    await page.getByRole("group", { name: /Delete .* and its delivery log/ }).getByRole("button", { name: "Delete endpoint" }).click();
    await expect(page).toHaveURL(/\/desk\/admin\/webhooks$/);
    await expect(page.getByRole("heading", { name: url, exact: true })).toHaveCount(0);
  });
});
