import { expect, gotoReady, signUpViaApi, test } from "./fixtures";

/** Sign-in errors as a person meets them: a wrong password, then too many of them. */
test("wrong passwords are refused, and after ten even the right one waits", async ({ page, newCustomer }) => {
  await signUpViaApi(page, newCustomer);
  await page.context().clearCookies();

  await gotoReady(page, "/signin");
  await page.getByLabel("Email", { exact: true }).fill(newCustomer.email);
  await page.getByLabel("Password").fill("not my password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("That email and password do not match an active account.")).toBeVisible();
  await expect(page.getByLabel("Email", { exact: true })).toHaveValue(newCustomer.email);

  // Nine more failures through Auth.js's endpoint spend the account's budget.
  for (let i = 0; i < 9; i++) {
    const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    await page.request.post("/api/auth/callback/credentials", {
      form: { email: newCustomer.email, password: `wrong-${i}`, csrfToken, callbackUrl: "/" },
      maxRedirects: 0,
    });
  }
  await gotoReady(page, "/signin");
  await page.getByLabel("Email", { exact: true }).fill(newCustomer.email);
  await page.getByLabel("Password").fill(newCustomer.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Too many sign-in attempts. Wait 15 minutes, then try again.")).toBeVisible();
  await expect(page).toHaveURL(/\/signin/);
});
