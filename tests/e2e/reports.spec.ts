import fs from "node:fs";
import { expect, gotoReady, signInViaApi, test } from "./fixtures";

/**
 * A manager reads the reports: headline figures and charts for the last 30
 * days, a longer range by weeks, a report as a table, and a CSV download
 * with every row. Agents are turned away.
 */
const manager = { email: "manager@frontdesk.example", password: "frontdesk" };

test("a manager changes the range, reads charts and a table, and downloads a CSV", async ({ page }) => {
  await signInViaApi(page, manager.email, manager.password);
  await gotoReady(page, "/desk/reports");
  const volume = page.getByRole("region", { name: "Ticket volume" });
  await expect(page.getByRole("region", { name: "Headline figures" })).toContainText("Created");
  await expect(volume.getByRole("img", { name: /tickets created and solved/ })).toBeVisible();
  await expect(volume.locator(".recharts-bar-rectangle").first()).toBeVisible();

  await page.getByLabel("Range", { exact: true }).selectOption("90d");
  await expect(page).toHaveURL(/range=90d/);
  await expect(page.getByLabel("Group", { exact: true })).toHaveValue("week");
  await expect(page.getByText(/ to .* · times in /)).toContainText(/\d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}/);

  await volume.getByRole("button", { name: "Show table" }).click();
  const table = volume.getByRole("table");
  await expect(table.getByRole("columnheader", { name: "Created" })).toBeVisible();
  const rows = await table.locator("tbody tr").count();
  expect(rows).toBeGreaterThanOrEqual(13);

  const [download] = await Promise.all([page.waitForEvent("download"), volume.getByRole("link", { name: "Download CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^volume-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = fs.readFileSync(await download.path(), "utf8").trim().split(/\r\n/);
  expect(csv[0]).toBe("Period,Created,Solved");
  expect(csv).toHaveLength(rows + 1);

  await page.getByLabel("Range", { exact: true }).selectOption("custom");
  // Custom dates apply as soon as both are valid: there is no Apply button.
  await page.getByLabel("From", { exact: true }).fill("2026-01-01");
  await expect(page).toHaveURL(/range=custom.*from=2026-01-01/);
  await expect(page.getByRole("region", { name: "Agents" }).getByRole("table")).toBeVisible();
});

test("agents cannot open the reports or download them", async ({ page }) => {
  await signInViaApi(page, "alex@frontdesk.example", "frontdesk");
  await page.goto("/desk/reports");
  await expect(page).not.toHaveURL(/\/desk\/reports/);
  const response = await page.request.get(`/api/reports/volume?input=${encodeURIComponent(JSON.stringify({ from: "2026-01-01", to: "2026-01-31", timeZone: "UTC" }))}`);
  expect(response.status()).toBe(403);
});
