import crypto from "node:crypto";
import { expect, test as base, type Page } from "@playwright/test";

/** Opens a page and waits until React has hydrated it (see HydrationMarker). */
export async function gotoReady(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await waitForHydration(page);
}

export async function waitForHydration(page: Page): Promise<void> {
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}

/** Signs in through Auth.js's credentials endpoint, as a form post would. */
export async function signInViaApi(page: Page, email: string, password: string): Promise<void> {
  const csrf = await page.request.get("/api/auth/csrf");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await page.request.post("/api/auth/callback/credentials", {
    form: { email, password, csrfToken, callbackUrl: "/" },
    maxRedirects: 0,
  });
  expect(response.status(), "credentials sign-in should redirect").toBe(302);
  expect(response.headers().location ?? "", "sign-in must not bounce back with an error").not.toContain("error");
}

export const demoAgent = { email: "alex@frontdesk.example", password: "frontdesk", name: "Alex Morgan" };

/** A brand-new customer identity per test, so tests never share state. */
export const test = base.extend<{ newCustomer: { name: string; email: string; password: string } }>({
  newCustomer: async ({}, provide) => {
    const id = crypto.randomUUID().slice(0, 8);
    await provide({ name: `Casey ${id}`, email: `casey.${id}@example.test`, password: `pw-${id}-secret` });
  },
});

export { expect };
