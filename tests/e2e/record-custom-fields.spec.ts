import crypto from "node:crypto";
import type { Page } from "@playwright/test";
import { demoAgent, expect, gotoReady, signInViaApi, test, trpcMutation, trpcQueryText } from "./fixtures";

const seededAdmin = { email: "admin@frontdesk.example", password: "frontdesk" };

/**
 * A seeded open ticket of an organization, found through the desk's own procedures (the queue's
 * first page fills up with other specs' tickets, so reading it finds none). `page` is an admin's.
 */
async function ticketWithOrganization(page: Page): Promise<number> {
  const organizations = JSON.parse(await trpcQueryText(page, "admin.organizations.list", undefined)) as { result: { data: { json: { id: string }[] } } };
  for (const { id } of organizations.result.data.json) {
    const queue = JSON.parse(await trpcQueryText(page, "desk.queue", { view: "open", filters: { organizationId: id }, limit: 1 })) as { result?: { data: { json: { items: { number: number }[] } } } };
    const number = queue.result?.data.json.items[0]?.number;
    if (number) {
      await gotoReady(page, `/desk/tickets/${number}`);
      return number;
    }
  }
  throw new Error("No seeded open ticket has an organization");
}

/**
 * People's and organizations' custom fields beside a ticket: an agent fills
 * in the requester's with the properties panel's controls (a bad value is
 * refused at its field), reads the organization's; an admin fills those in.
 */
test("an agent fills in the requester's fields and reads the organization's", async ({ browser }) => {
  const id = crypto.randomUUID().slice(0, 6);
  const admin = await (await browser.newContext()).newPage();
  await signInViaApi(admin, seededAdmin.email, seededAdmin.password);
  const field = (target: "user" | "organization", key: string, type: string, label: string, extra = {}) =>
    trpcMutation(admin, "admin.customFields.create", { target, key: `${key}_${id}`, type, label: `${label} ${id}`, helpText: "", options: [], requiredForCustomers: false, requiredOnSolve: false, agentOnly: false, ...extra });
  await field("user", "account", "text", "Account");
  await field("user", "plan", "dropdown", "Plan", { options: [{ label: "Gold", active: true }, { label: "Silver", active: true }] });
  await field("user", "seats", "number", "Seats", { agentOnly: true });
  await field("organization", "region", "dropdown", "Region", { options: [{ label: "EMEA", active: true }, { label: "APAC", active: true }] });

  const number = await ticketWithOrganization(admin);
  const adminFields = admin.getByTestId("requester-fields");
  await adminFields.getByLabel(`Region ${id}`).selectOption({ label: "EMEA" });
  await expect(admin.getByText(`Region ${id} changed`)).toBeVisible();

  const agent = await (await browser.newContext()).newPage();
  await signInViaApi(agent, demoAgent.email, demoAgent.password);
  await gotoReady(agent, `/desk/tickets/${number}`);
  const panel = agent.getByTestId("requester-fields");
  await panel.getByLabel(`Account ${id}`).fill("ACME-7");
  await panel.getByLabel(`Account ${id}`).press("Enter");
  await expect(agent.getByText(`Account ${id} changed`)).toBeVisible();
  await panel.getByLabel(`Plan ${id}`).selectOption({ label: "Gold" });
  await expect(agent.getByText(`Plan ${id} changed`)).toBeVisible();

  const seats = panel.getByLabel(new RegExp(`^Seats ${id}`));
  await seats.fill("many");
  await seats.press("Enter");
  await expect(panel.getByText(`Seats ${id} must be a number.`)).toBeVisible();
  await expect(seats).toHaveAttribute("aria-invalid", "true");

  // The organization's values read (agents do not edit organizations); the person's stay after a reload.
  await expect(panel.getByRole("definition").filter({ hasText: "EMEA" })).toBeVisible();
  await gotoReady(agent, `/desk/tickets/${number}`);
  await expect(panel.getByLabel(`Account ${id}`)).toHaveValue("ACME-7");
  await expect(panel.getByLabel(`Plan ${id}`)).toHaveValue(/gold/);
  await expect(panel.getByLabel(new RegExp(`^Seats ${id}`))).toHaveValue("");
});
