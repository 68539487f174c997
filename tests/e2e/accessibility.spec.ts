import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { demoAgent, expect, gotoReady, signInViaApi, test } from "./fixtures";

/**
 * axe-core over the main pages of each shell, in light and dark themes:
 * no serious or critical WCAG 2.1 A/AA violations.
 */
async function expectAccessible(page: Page, path: string) {
  await gotoReady(page, path);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join("; ")})`);
  expect(serious, `${path} in this theme`).toEqual([]);
}

for (const colorScheme of ["light", "dark"] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme });

    test("public and customer pages", async ({ page }) => {
      await expectAccessible(page, "/signin");
      await expectAccessible(page, "/signup");
      await expectAccessible(page, "/api/docs");
      await signInViaApi(page, "dana.whitfield@northwind.example", "frontdesk");
      await expectAccessible(page, "/tickets");
      await expectAccessible(page, "/tickets/new");
      await expectAccessible(page, "/settings/tokens");
      await gotoReady(page, "/tickets");
      const href = await page.locator("tbody a").first().getAttribute("href");
      await expectAccessible(page, href ?? "/tickets");
    });

    test("desk pages", async ({ page }) => {
      await signInViaApi(page, demoAgent.email, demoAgent.password);
      await expectAccessible(page, "/desk?view=open");
      await gotoReady(page, "/desk?view=open");
      const href = await page.locator("tbody a").first().getAttribute("href");
      await expectAccessible(page, href ?? "/desk");
    });

    test("manager and admin pages", async ({ page }) => {
      await signInViaApi(page, "admin@frontdesk.example", "frontdesk");
      await expectAccessible(page, "/desk/reports");
      await expectAccessible(page, "/desk/admin/users");
      await expectAccessible(page, "/desk/admin/settings");
      await expectAccessible(page, "/desk/admin/sla");
      await expectAccessible(page, "/desk/admin/organizations");
      await expectAccessible(page, "/desk/admin/webhooks");
      await expectAccessible(page, "/desk/admin/fields");
      await expectAccessible(page, "/settings/tokens");
    });
  });
}
