import crypto from "node:crypto";
import type { AddressInfo } from "node:net";
import AxeBuilder from "@axe-core/playwright";
import { SMTPServer } from "smtp-server";
import { expect, gotoReady, signInViaApi, test } from "./fixtures";

/**
 * Mailboxes in the browser: the seeded admin connects a mailbox (missing IMAP
 * settings are refused beside their fields), its password never comes back
 * to the page, "Test connection" logs in to a real SMTP server started here
 * on loopback (and says there is no IMAP server to test for pushed mail),
 * then the mailbox is switched off and deleted after a confirmation.
 */
const seededAdmin = { email: "admin@frontdesk.example", password: "frontdesk" };

test("an admin connects a mailbox, tests its SMTP login, switches it off and deletes it", async ({ page }) => {
  test.setTimeout(90_000);
  const id = crypto.randomUUID().slice(0, 8);
  const address = `desk-${id}@example.test`;
  const password = `smtp-password-${id}`;
  const logins: string[] = [];
  const smtp = new SMTPServer({
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      logins.push(auth.username ?? "");
      if (auth.password === password) callback(null, { user: auth.username });
      else callback(new Error("Invalid username or password"));
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  const port = (smtp.server.address() as AddressInfo).port;

  try {
    await test.step("missing IMAP settings are refused beside their fields", async () => {
      await signInViaApi(page, seededAdmin.email, seededAdmin.password);
      await gotoReady(page, "/desk/admin/mailboxes");
      await expect(page.getByRole("navigation", { name: "Admin sections" }).getByRole("link", { name: "Outgoing mail" })).toHaveAttribute("href", "/desk/admin/mailbox");
      await page.locator("summary", { hasText: "Connect a mailbox" }).click();
      const form = page.getByRole("form", { name: "New mailbox" });
      await form.getByLabel("Email address").fill(address);
      await form.getByLabel("Display name").fill(`Desk ${id}`);
      await form.getByRole("button", { name: "Connect mailbox" }).click();
      await expect(form.getByLabel("IMAP server")).toHaveAttribute("aria-invalid", "true");
      await expect(form).toContainText("Enter the IMAP server, like imap.gmail.com.");
    });

    await test.step("a pushed mailbox sending over SMTP is connected; its password never comes back", async () => {
      const form = page.getByRole("form", { name: "New mailbox" });
      await form.getByLabel("How mail arrives").selectOption("push");
      await expect(form.getByLabel("IMAP server")).toHaveCount(0);
      await form.getByLabel("How replies are sent").selectOption("smtp");
      await form.getByLabel("SMTP server").fill("127.0.0.1");
      await form.getByLabel("Port").fill(String(port));
      await form.getByLabel("Security").selectOption("none");
      await form.getByLabel("Username").fill("desk");
      await form.getByLabel("Password").fill(password);
      await form.getByRole("button", { name: "Connect mailbox" }).click();
      await expect(form.getByRole("status")).toHaveText(`${address} is connected and switched on.`);
      await page.reload();
      const item = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: address, exact: true }) });
      await expect(item).toContainText("Pushed to Frontdesk");
      await expect(item).toContainText("SMTP · 127.0.0.1");
      expect(await page.content()).not.toContain(password);
    });

    await test.step("Test connection logs in to the SMTP server and says IMAP is not used", async () => {
      await page.getByRole("link", { name: address }).click();
      await expect(page.getByRole("heading", { level: 2, name: address })).toBeVisible();
      expect(await page.content()).not.toContain(password);
      await page.getByRole("button", { name: "Test connection" }).click();
      const result = page.getByRole("status").filter({ hasText: "SMTP" });
      await expect(result).toContainText(`Works: Connected to 127.0.0.1:${port} and logged in as desk.`);
      await expect(result).toContainText("Not tested: Mail is pushed");
      expect(logins).toContain("desk");

      const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
      expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
    });

    await test.step("switched off, then deleted after a confirmation", async () => {
      await page.getByRole("button", { name: "Switch off" }).click();
      await expect(page.getByText("Switched off: it is not read")).toBeVisible();
      await expect(page.getByRole("button", { name: "Switch on" })).toBeVisible();
      await page.getByRole("button", { name: "Delete mailbox" }).click();
      await page.getByRole("group", { name: /Delete desk-/ }).getByRole("button", { name: "Delete mailbox" }).click();
      await page.waitForURL("**/desk/admin/mailboxes");
      await expect(page.getByRole("heading", { name: address, exact: true })).toHaveCount(0);
    });
  } finally {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  }
});
