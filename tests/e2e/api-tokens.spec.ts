import { expect, gotoReady, signUpViaApi, test } from "./fixtures";

/**
 * A new customer creates an API token on /settings/tokens: the secret is
 * shown once (focus lands on it), opens the API, and is gone from the page
 * once dismissed and after a reload; revoking it (confirmed first) closes the
 * API to it at once.
 */
test("a customer creates a token, sees it once, uses it, and revokes it", async ({ page, newCustomer }) => {
  const name = `Monitoring ${newCustomer.name}`;
  const row = () => page.getByRole("region", { name: "Your tokens" }).getByRole("row", { name: new RegExp(name) });
  let token = "";

  await test.step("the page starts empty and says what to do", async () => {
    await signUpViaApi(page, newCustomer);
    await gotoReady(page, "/tickets");
    await page.getByRole("link", { name: "API tokens" }).click();
    await expect(page).toHaveURL(/\/settings\/tokens$/);
    await expect(page.getByRole("heading", { name: "No tokens yet" })).toBeVisible();
    // A customer is offered only the ticket scopes.
    await expect(page.getByRole("checkbox")).toHaveCount(2);
  });

  await test.step("creating it shows the secret once", async () => {
    const form = page.getByRole("form", { name: "Create a token" });
    await form.getByRole("button", { name: "Create token" }).click();
    await expect(form.getByText("Name the token")).toBeVisible();

    await form.getByLabel("Name", { exact: true }).fill(name);
    await form.getByRole("checkbox", { name: /tickets:write/ }).check();
    await form.getByRole("button", { name: "Create token" }).click();
    await expect(page.getByRole("heading", { name: `Token “${name}” created` })).toBeFocused();
    await expect(page.getByText("you will not see it again")).toBeVisible();
    token = await page.getByRole("textbox", { name: "Your new token" }).inputValue();
    expect(token).toMatch(/^fd_[A-Za-z0-9_-]{43}$/);
    await expect(row()).toContainText(token.slice(0, 10));
    await expect(row()).toContainText("Active");
  });

  await test.step("the token opens the API as its owner", async () => {
    const response = await page.request.get("/api/v1/tickets", { headers: { Authorization: `Bearer ${token}` } });
    expect(response.status()).toBe(200);
  });

  await test.step("once dismissed, the secret is nowhere on the page, not even after a reload", async () => {
    await page.getByRole("button", { name: "I have stored it" }).click();
    await expect(page.getByRole("textbox", { name: "Your new token" })).toHaveCount(0);
    expect(await page.content()).not.toContain(token);
    await gotoReady(page, "/settings/tokens");
    await expect(row()).toBeVisible();
    expect(await page.content()).not.toContain(token);
  });

  await test.step("revoking asks first, then closes the API to it", async () => {
    await row().getByRole("button", { name: "Revoke" }).click();
    await page.getByRole("group", { name: `Revoke “${name}”? Anything using it stops working at once.` }).getByRole("button", { name: "Revoke" }).click();
    await expect(row()).toContainText("Revoked");
    await expect(row().getByRole("button", { name: "Revoke" })).toHaveCount(0);
    const response = await page.request.get("/api/v1/tickets", { headers: { Authorization: `Bearer ${token}` } });
    expect(response.status()).toBe(401);
  });
});
