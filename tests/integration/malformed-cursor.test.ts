/**
 * A page link's cursor is input like any other. Garbage, a cursor of another
 * shape, a date PostgreSQL cannot read (year 0000), a sort key that is no
 * enum value, a NUL byte inside the decoded cursor: every list procedure
 * answers BAD_REQUEST with a message, never INTERNAL_SERVER_ERROR; and the
 * portal and desk list pages show that message instead of the error page.
 */
import { type ReactElement, isValidElement } from "react";
import { afterAll, describe, expect, it, vi } from "vitest";
import { ticketSorts } from "@/lib/vocabularies";
import { RefusedQuery } from "@/components/refused-query";
import { encodeCursor, INVALID_CURSOR_MESSAGE } from "@/lib/page-cursor";
import { callerFor, createCategory, createUser } from "../support/factories";
import { endRequestSessions, presentSessionOf } from "../support/request-session";
import { useTestDatabase } from "../support/test-db";
import { errorOf } from "../support/trpc-errors";

vi.mock("@/server/auth/index", async () => (await import("../support/request-session")).authModule());
vi.mock("@/server/db", async () => (await import("../support/request-session")).dbModule());

const base64url = (text: string) => Buffer.from(text).toString("base64url");
const id = crypto.randomUUID();

/** Cursors no list wrote, each of which used to fail somewhere (parsing, or in the query as a 500). */
const malformed: Record<string, string> = {
  "not base64 JSON": "%%%not-a-cursor",
  "JSON of another shape": base64url(JSON.stringify({ page: 2 })),
  "JSON that is not an object": base64url("[1,2,3]"),
  "year 0000": encodeCursor({ at: "0000-01-01T00:00:00.000000Z", id }),
  "a day no month has": base64url(JSON.stringify({ at: "2024-02-30T00:00:00.000000Z", id })),
  "a NUL byte in the sort key": base64url(JSON.stringify({ at: "2024-01-01T00:00:00.000000Z", id, key: "high\u0000" })),
  "a NUL byte in a name cursor": base64url(JSON.stringify({ name: "Al\u0000ex", id })),
};

/** Well formed, but its sort key is no priority: only the priority sort reads the key. */
const unknownPriority = encodeCursor({ at: "2024-01-01T00:00:00.000000Z", id, key: "catastrophic" });

describe("malformed list cursors", async () => {
  const { db } = await useTestDatabase();
  const { category } = await createCategory(db);
  const customer = await createUser(db);
  const agent = await createUser(db, { role: "agent" });
  const admin = await createUser(db, { role: "admin" });
  await callerFor(db, customer).tickets.create({ subject: "Cursor test ticket", body: "Something does not work.", categoryId: category.id });
  afterAll(endRequestSessions);

  async function expectRefused(call: Promise<unknown>, label: string) {
    const error = await errorOf(call);
    expect(error?.code, label).toBe("BAD_REQUEST");
    expect(error?.message, label).toMatch(/^That page link is no longer valid\./);
  }

  it("answers BAD_REQUEST with a message on every list, for every sort", async () => {
    for (const [label, cursor] of Object.entries(malformed)) {
      await expectRefused(callerFor(db, customer).tickets.list({ cursor }), `portal list: ${label}`);
      await expectRefused(callerFor(db, customer).tickets.search({ query: "cursor", cursor }), `portal search: ${label}`);
      for (const sort of ticketSorts) await expectRefused(callerFor(db, agent).desk.queue({ view: "open", sort, cursor }), `desk ${sort}: ${label}`);
      await expectRefused(callerFor(db, admin).admin.mailbox.list({ cursor }), `mailbox: ${label}`);
      await expectRefused(callerFor(db, admin).admin.users.list({ kind: "customers", cursor }), `users: ${label}`);
    }
    await expectRefused(callerFor(db, agent).desk.queue({ view: "open", sort: "priority_desc", cursor: unknownPriority }), "an unknown priority");
  });

  it("still pages with the cursors the lists write", async () => {
    await callerFor(db, customer).tickets.create({ subject: "Second cursor ticket", body: "Something else does not work.", categoryId: category.id });
    const first = await callerFor(db, customer).tickets.list({ limit: 1 });
    expect(first.nextCursor).not.toBeNull();
    const second = await callerFor(db, customer).tickets.list({ limit: 1, cursor: first.nextCursor ?? undefined });
    expect(second.items).toHaveLength(1);
    expect(second.items[0]?.id).not.toBe(first.items[0]?.id);
  });

  it("renders the portal and desk lists with the message instead of failing", async () => {
    const { default: PortalTicketsPage } = await import("@/app/(portal)/tickets/page");
    const { default: DeskQueuePage } = await import("@/app/desk/page");
    const pages = [
      { user: customer, render: (cursor: string) => PortalTicketsPage({ searchParams: Promise.resolve({ cursor }), params: Promise.resolve({}) }) },
      { user: customer, render: (cursor: string) => PortalTicketsPage({ searchParams: Promise.resolve({ q: "cursor", cursor }), params: Promise.resolve({}) }) },
      { user: agent, render: (cursor: string) => DeskQueuePage({ searchParams: Promise.resolve({ view: "open", sort: "priority_desc", cursor }), params: Promise.resolve({}) }) },
    ];
    for (const page of pages) {
      presentSessionOf(db, page.user.id);
      for (const [label, cursor] of Object.entries(malformed)) {
        const refusal = findElement(await page.render(cursor), RefusedQuery);
        expect(refusal?.props, label).toMatchObject({ message: INVALID_CURSOR_MESSAGE });
      }
      if (page.user === agent) expect(findElement(await page.render(unknownPriority), RefusedQuery)).not.toBeNull();
    }
  });
});

/** The first element of this component type in a rendered tree (server components return plain elements). */
function findElement<P>(node: unknown, type: (props: P) => unknown): ReactElement<P> | null {
  if (Array.isArray(node)) {
    for (const child of node) {
      const found = findElement(child, type);
      if (found) return found;
    }
    return null;
  }
  if (!isValidElement<{ children?: unknown }>(node)) return null;
  if (node.type === type) return node as unknown as ReactElement<P>;
  return findElement(node.props.children, type);
}
