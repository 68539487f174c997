import crypto from "node:crypto";
import type { Page } from "@playwright/test";
import { demoAgent, expect, gotoReady, signInViaApi, signUpViaApi, test, trpcMutation, trpcQueryText } from "./fixtures";

/**
 * On a 390 × 844 phone no main page scrolls sideways: every page of the
 * portal, sign-in and sign-up, the desk (queue and ticket), reports, every
 * admin page, API tokens and the API reference, each visited as the role
 * that uses it. A failure names the page and the elements that stick out
 * past the right edge, so the fix can start from there.
 */
const seededAdmin = { email: "admin@frontdesk.example", password: "frontdesk" };
const width = 390;

test.use({ viewport: { width, height: 844 }, isMobile: true, hasTouch: true });

/** Elements whose right edge passes the viewport, innermost first (a short description each). */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate((limit) => {
    const describe = (el: Element) => {
      const id = el.id ? `#${el.id}` : "";
      const cls = typeof el.className === "string" && el.className ? `.${el.className.trim().split(/\s+/).slice(0, 4).join(".")}` : "";
      return `${el.tagName.toLowerCase()}${id}${cls} (right ${Math.round(el.getBoundingClientRect().right)} px)`;
    };
    // Inside a box that scrolls or clips sideways (a wide table in its scroller), sticking out is fine;
    // but an absolutely positioned element (an sr-only label) is clipped only by its containing block or above.
    const clipped = (el: Element) => {
      let up = el.parentElement;
      if (getComputedStyle(el).position === "absolute") {
        while (up && up !== document.body && getComputedStyle(up).position === "static") up = up.parentElement;
      }
      for (; up && up !== document.body; up = up.parentElement) {
        if (getComputedStyle(up).overflowX !== "visible") return true;
      }
      return false;
    };
    const wide = [...document.body.querySelectorAll("*")].filter((el) => {
      const box = el.getBoundingClientRect();
      return box.width > 0 && box.right > limit + 1 && getComputedStyle(el).position !== "fixed" && !clipped(el);
    });
    // Innermost: those with no overflowing child are where the width comes from.
    return wide.filter((el) => !wide.some((other) => other !== el && el.contains(other))).slice(0, 8).map(describe);
  }, width);
}

async function fitsThePhone(page: Page, path: string) {
  await test.step(path, async () => {
    await gotoReady(page, path);
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    const offenders = scrollWidth > width ? await overflowing(page) : [];
    expect.soft(scrollWidth, `${path} is ${scrollWidth} px wide: ${offenders.join(", ")}`).toBeLessThanOrEqual(width);
  });
}

async function queryJson<T>(page: Page, path: string, input: unknown): Promise<T> {
  return (JSON.parse(await trpcQueryText(page, path, input)) as { result: { data: { json: T } } }).result.data.json;
}

test("signed out: sign-in, sign-up, forgot password and the API reference fit a phone", async ({ page }) => {
  for (const path of ["/signin", "/signup", "/signin/forgot-password", "/api/docs"]) await fitsThePhone(page, path);
});

test("a customer's portal fits a phone: the ticket list, a new ticket and a ticket", async ({ page, newCustomer }) => {
  await signUpViaApi(page, newCustomer);
  const categories = await queryJson<{ id: string }[]>(page, "categories.list", undefined);
  const created = await trpcMutation<{ number: number }>(page, "tickets.create", {
    subject: "A long subject line that keeps going to see whether it wraps on a narrow phone screen",
    body: "A first message with a long unbroken token: https://example.com/a/very/long/path/that/does/not/break/anywhere/at/all/0123456789abcdef",
    categoryId: categories[0]?.id,
  });
  for (const path of ["/tickets", "/tickets/new", `/tickets/${created.number}`]) await fitsThePhone(page, path);
});

test("an agent's desk fits a phone: the queue, a ticket page and API tokens", async ({ browser, newCustomer }) => {
  const customer = await (await browser.newContext()).newPage();
  await signUpViaApi(customer, newCustomer);
  const categories = await queryJson<{ id: string }[]>(customer, "categories.list", undefined);
  const created = await trpcMutation<{ number: number }>(customer, "tickets.create", {
    subject: "Printing fails on the second page of every long report we export",
    body: "Steps: open a report, export it, print it. The second page is blank. Log: https://example.com/reports/exports/2026/12/a-very-long-unbroken-path-0123456789abcdef",
    categoryId: categories[0]?.id,
  });
  const agent = await (await browser.newContext({ viewport: { width, height: 844 }, isMobile: true, hasTouch: true })).newPage();
  await signInViaApi(agent, demoAgent.email, demoAgent.password);
  // The ticket page's body (thread, composer, properties) is fixed in ticket-workspace.tsx.
  for (const path of ["/desk", "/desk?view=all", `/desk/tickets/${created.number}`, "/settings/tokens"]) await fitsThePhone(agent, path);
});

test("reports and every admin page fit a phone", async ({ page }) => {
  test.setTimeout(120_000);
  await signInViaApi(page, seededAdmin.email, seededAdmin.password);
  const id = crypto.randomUUID().slice(0, 8);
  const { endpoint } = await trpcMutation<{ endpoint: { id: string } }>(page, "admin.webhooks.create", {
    url: `https://hooks.example.com/frontdesk/${id}/a-rather-long-path-for-the-receiver`,
    description: "CRM sync",
    events: ["ticket.created"],
  });
  const mail = await queryJson<{ items: { id: string }[] }>(page, "admin.mailbox.list", { limit: 1 });
  const pages = [
    "/desk/reports",
    "/desk/admin/users",
    "/desk/admin/teams",
    "/desk/admin/categories",
    "/desk/admin/fields",
    "/desk/admin/sla",
    "/desk/admin/canned-responses",
    "/desk/admin/automations",
    "/desk/admin/organizations",
    "/desk/admin/webhooks",
    `/desk/admin/webhooks/${endpoint.id}`,
    "/desk/admin/mailboxes",
    "/desk/admin/mailbox",
    ...(mail.items[0] ? [`/desk/admin/mailbox/${mail.items[0].id}`] : []),
    "/desk/admin/settings",
    "/settings/tokens",
  ];
  for (const path of pages) await fitsThePhone(page, path);
});
