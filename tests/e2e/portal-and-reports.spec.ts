import { billingFields, categoryId, expect, gotoReady, signInViaApi, signUpViaApi, test, trpcMutation } from "./fixtures";

/**
 * The portal after a ticket is in (the welcome goes once the customer
 * replies, and the reply is confirmed), the portal list's open/closed
 * filter with counts, and the reports' custom dates (no Apply, keyboard
 * friendly, still in the URL) and previous-period comparison.
 */
const manager = { email: "manager@frontdesk.example", password: "frontdesk" };

test("the welcome banner goes once the customer replies, and the reply is confirmed", async ({ page, newCustomer }) => {
  await signUpViaApi(page, newCustomer);
  const { number } = await trpcMutation<{ number: number }>(page, "tickets.create", {
    subject: "Invoice PDF is blank",
    body: "The PDF of my last invoice opens as a blank page.",
    categoryId: await categoryId(page, "Billing"),
    ...billingFields,
  });
  await gotoReady(page, `/tickets/${number}?created=1`);
  await expect(page.getByText(`your ticket #${number} is in`)).toBeVisible();

  await page.getByLabel("Your reply").fill("It happens in Firefox too.");
  await page.getByRole("button", { name: "Send reply" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Reply sent" })).toBeVisible();
  await expect(page.getByText("It happens in Firefox too.")).toBeVisible();
  await expect(page.getByText(`your ticket #${number} is in`)).toHaveCount(0);
  await expect(page).not.toHaveURL(/created=1/);

  // Even a link that kept ?created=1 no longer brings it back.
  await gotoReady(page, `/tickets/${number}?created=1`);
  await expect(page.getByText(`your ticket #${number} is in`)).toHaveCount(0);
  // Starting the next reply puts the confirmation away.
  await page.getByLabel("Your reply").fill("And in Safari.");
  await expect(page.getByText("Reply sent")).toHaveCount(0);
});

test("a customer's half-written reply survives reload, is cleared on send, and sign-out forgets it", async ({ page, newCustomer }) => {
  await signUpViaApi(page, newCustomer);
  const { number } = await trpcMutation<{ number: number }>(page, "tickets.create", {
    subject: "Export to CSV stops at row 1000",
    body: "Exports of larger lists stop at the thousandth row.",
    categoryId: await categoryId(page, "Billing"),
    ...billingFields,
  });
  await gotoReady(page, `/tickets/${number}`);
  await page.getByLabel("Your reply").fill("It also happens with");
  await page.reload();
  await expect(page.getByLabel("Your reply")).toHaveValue("It also happens with");
  await gotoReady(page, "/tickets");
  await gotoReady(page, `/tickets/${number}`);
  await expect(page.getByLabel("Your reply")).toHaveValue("It also happens with");

  await page.getByLabel("Your reply").fill("It also happens with the XLSX export.");
  await page.getByRole("button", { name: "Send reply" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Reply sent" })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Your reply")).toHaveValue("");

  // A shared computer: signing out leaves no draft behind in the browser.
  await page.getByLabel("Your reply").fill("Private detail: my account number is 4471");
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/tickets"));
  const stored = await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith("frontdesk:reply-draft:")));
  expect(stored).toEqual([]);
});

test("the portal list filters open and closed tickets, with counts", async ({ page, newCustomer }) => {
  await signUpViaApi(page, newCustomer);
  const category = await categoryId(page, "Billing");
  const open = await trpcMutation<{ number: number }>(page, "tickets.create", { subject: "Still waiting on a refund", body: "The refund has not arrived yet.", categoryId: category, ...billingFields });
  const solved = await trpcMutation<{ number: number }>(page, "tickets.create", { subject: "Wrong VAT number", body: "Please fix the VAT number on my invoice.", categoryId: category, ...billingFields });
  await trpcMutation(page, "tickets.solve", { number: solved.number });

  await gotoReady(page, "/tickets");
  const filter = page.getByRole("navigation", { name: "Open or closed" });
  await expect(filter.getByRole("link", { name: "Open (1)" })).toBeVisible();
  await filter.getByRole("link", { name: "Closed (1)" }).click();
  await expect(page).toHaveURL(/state=closed/);
  await expect(filter.getByRole("link", { name: "Closed (1)" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("link", { name: /Wrong VAT number/ })).toBeVisible();
  await expect(page.getByRole("link", { name: /Still waiting on a refund/ })).toHaveCount(0);

  await filter.getByRole("link", { name: "Open (1)" }).click();
  await expect(page).toHaveURL(/state=open/);
  await expect(page.getByRole("link", { name: /Still waiting on a refund/ })).toBeVisible();
  await expect(page.getByRole("link", { name: /Wrong VAT number/ })).toHaveCount(0);
  expect(open.number).not.toBe(solved.number);
});

test("custom report dates apply as soon as both are valid, from the keyboard, into the URL", async ({ page }) => {
  await signInViaApi(page, manager.email, manager.password);
  await gotoReady(page, "/desk/reports");
  await page.getByLabel("Range", { exact: true }).selectOption("custom");
  await expect(page).toHaveURL(/range=custom/);
  await expect(page.getByRole("button", { name: "Apply" })).toHaveCount(0);

  // Arrow keys step the focused part of the date; the reports follow, and focus stays in the field.
  const from = page.getByLabel("From", { exact: true });
  await from.focus();
  await page.keyboard.press("ArrowDown");
  const stepped = await from.inputValue();
  await expect(page).toHaveURL(new RegExp(`from=${stepped}`));
  await expect(from).toBeFocused();
  await expect(page.getByRole("status").filter({ hasText: `${stepped} to ` })).toBeVisible();

  // Both dates typed: applied without any button, and the URL is the view to share.
  await from.fill("2026-02-01");
  await page.getByLabel("To", { exact: true }).fill("2026-02-28");
  await expect(page).toHaveURL(/range=custom.*from=2026-02-01.*to=2026-02-28|range=custom.*to=2026-02-28.*from=2026-02-01/);
  await gotoReady(page, page.url());
  await expect(page.getByLabel("From", { exact: true })).toHaveValue("2026-02-01");
  await expect(page.getByText("2026-02-01 to 2026-02-28")).toBeVisible();

  // An end before the start says so and changes nothing.
  await page.getByLabel("To", { exact: true }).fill("2026-01-15");
  await expect(page.getByText("The end date is before the start date.")).toBeVisible();
  await page.waitForTimeout(800);
  await expect(page).toHaveURL(/to=2026-02-28/);
});

test("summary tiles show the change against the previous period in words", async ({ page }) => {
  await signInViaApi(page, manager.email, manager.password);
  await gotoReady(page, "/desk/reports");
  const tiles = page.getByRole("region", { name: "Headline figures" });
  await expect(tiles).toContainText("Created");
  // The arrow only repeats the words; "(better)" or "(worse)" says whether it is good news, colour only repeats that.
  await expect(tiles.getByText(/(Up|Down) .+ vs previous 30 days|No change vs previous 30 days|Nothing to compare with in the previous 30 days/).first()).toBeVisible();
  await page.getByLabel("Range", { exact: true }).selectOption("7d");
  await expect(tiles.getByText(/vs previous 7 days|in the previous 7 days/).first()).toBeVisible();
});
