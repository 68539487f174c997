import { expect, gotoReady, signUpViaApi, test, waitForHydration } from "./fixtures";

/**
 * Deflection in the portal: typing a subject on the new-ticket form shows
 * the help-center articles that match it (never an internal one), each a
 * link that opens the article in a new tab.
 */
test("typing a subject suggests matching articles", async ({ page, newCustomer }) => {
  await signUpViaApi(page, newCustomer);
  await gotoReady(page, "/tickets/new");
  await waitForHydration(page);
  await page.getByLabel("Subject").fill("Hub blinking red light");
  const suggestions = page.getByRole("region", { name: "Articles that may answer this" });
  const article = suggestions.getByRole("link", { name: /Lumen Hub shows a blinking red light/ });
  await expect(article).toBeVisible();
  await expect(article).toHaveAttribute("target", "_blank");
  await expect(article).toHaveAttribute("href", /^\/help\/articles\/\d+-lumen-hub-shows-a-blinking-red-light$/);
  // "Escalating a suspected outage" is internal: a customer never sees it, whatever they type.
  await page.getByLabel("Subject").fill("Escalating a suspected outage");
  await expect(suggestions.getByRole("link", { name: /Escalating a suspected outage/ })).toHaveCount(0);
});
