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

/** Calls a tRPC mutation over HTTP with the page's cookies (superjson wire format). */
export async function trpcMutation<T = unknown>(page: Page, path: string, input: unknown): Promise<T> {
  const response = await page.request.post(`/api/trpc/${path}`, { data: { json: input } });
  const body = (await response.json()) as { result?: { data?: { json?: T } }; error?: { json?: { message?: string } } };
  if (!response.ok()) throw new Error(`${path} failed (${response.status()}): ${body.error?.json?.message ?? "unknown error"}`);
  return body.result?.data?.json as T;
}

/** Calls a tRPC query over HTTP with the page's cookies; resolves to the raw response text. */
export async function trpcQueryText(page: Page, path: string, input: unknown): Promise<string> {
  const response = await page.request.get(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`);
  return response.text();
}

/** A customer account made through the API and signed in on this page. */
export async function signUpViaApi(page: Page, customer: { name: string; email: string; password: string }): Promise<void> {
  await trpcMutation(page, "auth.signUp", customer);
  await signInViaApi(page, customer.email, customer.password);
}

/** The demo's Billing form requires an order number of customers: tickets.create input that fills it in. */
export const billingFields = { customFields: { order_number: "ORD-000042" } } as const;

/** The id of a category by name, as the new-ticket form lists them. */
export async function categoryId(page: Page, name: string): Promise<string> {
  const text = await trpcQueryText(page, "categories.list", undefined);
  const list = (JSON.parse(text) as { result: { data: { json: { id: string; name: string }[] } } }).result.data.json;
  const found = list.find((c) => c.name === name);
  if (!found) throw new Error(`No category named ${name}`);
  return found.id;
}

/**
 * A spec's way to open Billing tickets whose subjects share a word, as the signed-in agent
 * (agents are not rate-limited). Every ticket it opens is solved after each test, so other
 * specs' queues (Unassigned, oldest first, 25 to a page) do not fill up with them. Call it once,
 * at the top level of the spec: it registers that afterEach hook.
 */
export function ticketOpener(text: (word: string, n: number) => { subject: string; body: string }) {
  const opened: number[] = [];
  test.afterEach(async ({ browser }) => {
    if (opened.length === 0) return;
    const page = await (await browser.newContext()).newPage();
    await signInViaApi(page, demoAgent.email, demoAgent.password);
    await trpcMutation(page, "desk.bulkUpdate", { numbers: opened.splice(0), changes: { status: "solved" } });
    await page.context().close();
  });
  return async function ticketsWith(page: Page, word: string, count: number): Promise<number[]> {
    const category = await categoryId(page, "Billing");
    const numbers: number[] = [];
    for (let n = 1; n <= count; n++) {
      const ticket = await trpcMutation<{ number: number }>(page, "tickets.create", { ...text(word, n), categoryId: category });
      numbers.push(ticket.number);
      opened.push(ticket.number);
    }
    return numbers;
  };
}
