import { expect, gotoReady, test } from "./fixtures";

/**
 * The sign-in page offers the email link to someone who forgot their
 * password, and the sign-up form keeps what was typed after an error,
 * password included.
 */
test("'Forgot password?' offers the email sign-in link", async ({ page }) => {
  await gotoReady(page, "/signin");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  await expect(page.getByText(/one-time link that signs you in/)).toBeVisible();
  const email = page.getByLabel("Email", { exact: true });
  await expect(email).toBeFocused();
  await email.fill("dana.whitfield@northwind.example");
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
});

test("a sign-up error keeps the password that was typed", async ({ page, newCustomer }) => {
  await gotoReady(page, "/signup");
  await page.getByLabel("Your name").fill(newCustomer.name);
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password").fill(newCustomer.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Password")).toHaveValue(newCustomer.password);
  await expect(page.getByLabel("Email")).toHaveValue("not-an-email");

  // Fixing the address is all it takes now.
  await page.getByLabel("Email").fill(newCustomer.email);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/signup\/check-email/);
});
