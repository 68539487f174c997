import { expect, gotoReady, signUpViaApi, test } from "./fixtures";

/** Sign-in errors as a person meets them: a wrong password, then too many of them from one network (that network is shut out of the account; its owner elsewhere is not). */
test("wrong passwords are refused, and after ten from one address even the right one waits there", async ({ page, newCustomer }) => {
  await signUpViaApi(page, newCustomer);
  await page.context().clearCookies();

  await gotoReady(page, "/signin");
  await page.getByLabel("Email", { exact: true }).fill(newCustomer.email);
  await page.getByLabel("Password").fill("not my password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("That email and password do not match an active account.")).toBeVisible();
  await expect(page.getByLabel("Email", { exact: true })).toHaveValue(newCustomer.email);

  // Nine more failures through Auth.js's endpoint, from the same address, spend this address's budget for the account.
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
  await expect(page.getByText("Too many failed sign-ins from your network. Wait 15 minutes, or get a sign-in link by email below.")).toBeVisible();
  await expect(page).toHaveURL(/\/signin/);
});
