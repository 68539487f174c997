import { expect, gotoReady, signInViaApi, test } from "./fixtures";

/** A manager adds a category, renames it and moves it up, on the desk's knowledge page. */
const manager = { email: "manager@frontdesk.example", password: "frontdesk" };

test("a manager renames a category and moves it up", async ({ page }) => {
  const name = `Hubs ${Date.now()}`;
  const renamed = `${name} and bridges`;
  await signInViaApi(page, manager.email, manager.password);
  await gotoReady(page, "/desk/knowledge");
  await page.getByRole("textbox", { name: "New category" }).fill(name);
  await page.getByRole("button", { name: "Add category" }).click();
  const nameField = page.getByLabel(`Name of category ${name}`);
  await expect(nameField).toBeVisible();
  // Added last: it cannot move further down.
  await expect(page.getByRole("button", { name: `Move ${name} down` })).toBeDisabled();

  await nameField.fill(renamed);
  await page.getByRole("form", { name: `Rename category ${name}` }).getByRole("button", { name: "Rename" }).click();
  await expect(page.getByLabel(`Name of category ${renamed}`)).toBeVisible();
  await page.getByRole("button", { name: `Move ${renamed} up` }).click();
  await expect(page.getByRole("button", { name: `Move ${renamed} down` })).toBeEnabled();
});
