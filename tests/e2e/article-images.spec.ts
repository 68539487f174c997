import { tinyPng } from "../support/tiny-png";
import { demoAgent, expect, gotoReady, signInViaApi, test } from "./fixtures";

/**
 * An image in a help-center article, end to end: an agent adds one to a
 * draft from the editor (a non-image is refused, saying why), a manager
 * publishes, and an anonymous visitor sees the image on the article page,
 * loaded from our own download route under the page's CSP.
 */
const manager = { email: "manager@frontdesk.example", password: "frontdesk" };

test("an agent adds an image to an article that a visitor then sees", async ({ page, browser, baseURL }) => {
  const title = `Where the reset button is ${Date.now()}`;
  await signInViaApi(page, demoAgent.email, demoAgent.password);
  await gotoReady(page, "/desk/knowledge/new");
  await expect(page.getByText("Save the draft to add images.")).toBeVisible();
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Who can read it").selectOption("public");
  const body = page.getByLabel("Body", { exact: true });
  await body.fill("The button is on the back:\n\nHold it for five seconds.");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page).toHaveURL(/\/desk\/knowledge\/\d+\?created=1/);
  const id = /\/desk\/knowledge\/(\d+)/.exec(page.url())?.[1];

  // The cursor after "back:", then the image goes in there.
  await body.focus();
  await body.evaluate((textarea: HTMLTextAreaElement) => textarea.setSelectionRange(textarea.value.indexOf(":") + 1, textarea.value.indexOf(":") + 1));
  await page.getByLabel("Add image").setInputFiles({ name: "back of the hub.png", mimeType: "image/png", buffer: tinyPng() });
  await expect(body).toHaveValue(/^The button is on the back:!\[back of the hub\]\(\/api\/attachments\/[0-9a-f-]{36}\)\n\nHold it/);
  await page.getByLabel("Add image").setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("not an image") });
  await expect(page.getByRole("alert").filter({ hasText: "Only images can go in an article" })).toBeVisible();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();

  await signInViaApi(page, manager.email, manager.password);
  await gotoReady(page, `/desk/knowledge/${id}`);
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByRole("complementary", { name: "Revisions" })).toContainText(/published by/i);

  const visitor = await browser.newContext({ baseURL });
  const reader = await visitor.newPage();
  await gotoReady(reader, `/help/articles/${id}`);
  const image = reader.getByRole("img", { name: "back of the hub" });
  await expect(image).toHaveAttribute("src", /^\/api\/attachments\/[0-9a-f-]{36}$/);
  await expect.poll(() => image.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth)).toBe(1);
  await visitor.close();
});
