import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { demoAgent, expect, gotoReady, signInViaApi, test } from "./fixtures";

/**
 * The help center end to end: an anonymous visitor searches, opens an
 * article and marks it helpful; an agent drafts an article that a visitor
 * cannot see until a manager publishes it.
 */
const manager = { email: "manager@frontdesk.example", password: "frontdesk" };

test("an anonymous visitor searches, opens an article and marks it helpful", async ({ page }) => {
  const response = await page.goto("/help");
  expect(response?.status()).toBe(200);
  await expect(page).toHaveTitle("Help center · Frontdesk");
  await expect(page.getByRole("list", { name: "Categories" })).toContainText("Billing");
  await page.waitForSelector("html[data-hydrated]", { state: "attached" });

  await page.getByRole("searchbox", { name: "Search the help center" }).first().fill("refund");
  await page.getByRole("button", { name: "Search" }).first().click();
  await expect(page).toHaveURL(/\/help\/search\?q=refund/);
  await expect(page.locator("mark").first()).toHaveText(/refund/i);
  // Agents-only articles never show to visitors.
  await expect(page.getByRole("main")).not.toContainText("Approving refunds over 500 euros");

  await page.getByRole("link", { name: "Our refund policy" }).click();
  await expect(page).toHaveURL(/\/help\/articles\/\d+-our-refund-policy$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Our refund policy");
  await page.waitForSelector("html[data-hydrated]", { state: "attached" });
  await page.getByRole("group", { name: "Was this helpful?" }).getByRole("button", { name: "Yes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Glad it helped" })).toBeVisible();
  await page.getByLabel("Tell us more (optional)").fill("Clear and short.");
  await page.getByRole("button", { name: "Send comment" }).click();
  await expect(page.getByText("Thanks, we have your comment.")).toBeVisible();
});

test("an agent drafts an article that a manager publishes", async ({ page, browser, baseURL }) => {
  const title = `Pairing two hubs ${Date.now()}`;
  await signInViaApi(page, demoAgent.email, demoAgent.password);
  await gotoReady(page, "/desk/knowledge/new");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Who can read it").selectOption("public");
  await page.getByLabel("Body", { exact: true }).fill("Hold **both** reset buttons for five seconds.");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByLabel("Preview", { exact: true }).locator("strong")).toHaveText("both");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page).toHaveURL(/\/desk\/knowledge\/\d+\?created=1/);
  const id = /\/desk\/knowledge\/(\d+)/.exec(page.url())?.[1];
  await expect(page.getByRole("button", { name: "Publish" })).toHaveCount(0);

  // Not published yet: a visitor gets a 404.
  const visitor = await browser.newContext({ baseURL });
  const hidden = await visitor.request.get(`/help/articles/${id}`);
  expect(hidden.status()).toBe(404);

  await signInViaApi(page, manager.email, manager.password);
  await gotoReady(page, `/desk/knowledge/${id}`);
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByRole("complementary", { name: "Revisions" })).toContainText(/published by/i);

  const shown = await visitor.request.get(`/help/articles/${id}`);
  expect(shown.status()).toBe(200);
  expect(shown.url()).toMatch(/\/help\/articles\/\d+-pairing-two-hubs-\d+$/);
  expect(await shown.text()).toContain(title);
  await visitor.close();
});

async function seriousViolations(page: Page, path: string): Promise<string[]> {
  await gotoReady(page, path);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${path}: ${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(" ")).slice(0, 3).join("; ")})`);
}

for (const colorScheme of ["light", "dark"] as const) {
  test(`help-center and desk knowledge pages pass axe (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    const found: string[] = [];
    found.push(...(await seriousViolations(page, "/help")));
    found.push(...(await seriousViolations(page, "/help/search?q=password")));
    const article = await page.locator("main ol a").first().getAttribute("href");
    found.push(...(await seriousViolations(page, article ?? "/help")));
    found.push(...(await seriousViolations(page, "/help/categories/1")));
    // A manager's list also has the category and section forms.
    await signInViaApi(page, manager.email, manager.password);
    found.push(...(await seriousViolations(page, "/desk/knowledge")));
    found.push(...(await seriousViolations(page, "/desk/knowledge/new")));
    expect(found).toEqual([]);
  });
}

test("a search with no result and an article view show in the manager's Help center reports", async ({ page, browser, baseURL }) => {
  const missing = `zqnothing${Date.now().toString(36)}`;
  const visitor = await browser.newContext({ baseURL });
  const visitorPage = await visitor.newPage();
  await visitorPage.goto(`/help/search?q=${missing}`);
  await expect(visitorPage.getByRole("heading", { name: "No articles match" })).toBeVisible();
  await visitor.close();

  await signInViaApi(page, manager.email, manager.password);
  await gotoReady(page, "/desk/reports");
  const section = page.getByRole("region", { name: "Help center" });
  await expect(section.getByRole("region", { name: "Searches with no result" })).toContainText(missing);
  await expect(section.getByRole("region", { name: "Deflection" })).toBeVisible();
  const results = await new AxeBuilder({ page }).include("section[aria-labelledby='help-center-reports']").withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);

  // Each size and theme on a fresh load (charts drawn for a wide window keep their width after a resize).
  // On a phone the section's tables scroll inside their cards; the page does not widen.
  // Screenshots for a person to look at, when asked for (E2E_SCREENSHOTS=<folder>).
  const folder = process.env.E2E_SCREENSHOTS;
  for (const colorScheme of ["light", "dark"] as const) {
    for (const width of [1280, 390]) {
      await page.emulateMedia({ colorScheme });
      await page.setViewportSize({ width, height: 900 });
      await gotoReady(page, "/desk/reports");
      await expect(section.getByRole("region", { name: "Searches with no result" })).toContainText(missing);
      const wide = await page.evaluate((limit) => {
        const all = [...document.body.querySelectorAll("*")].filter((el) => el.getBoundingClientRect().right > limit + 1);
        return all.filter((el) => !all.some((o) => o !== el && el.contains(o))).slice(0, 6).map((el) => `${el.tagName} ${String(el.className).slice(0, 80)} ${Math.round(el.getBoundingClientRect().right)}`);
      }, width);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), wide.join(" | ")).toBeLessThanOrEqual(width);
      if (folder) await section.screenshot({ path: `${folder}/help-center-reports-${width}-${colorScheme}.png` });
    }
  }
});
