/**
 * Advisory class: a disabled user's live session. Sessions are JWTs that
 * stay valid until they expire, so disabling an account must take effect on
 * the next request anyway: the request context re-reads the user and finds
 * none. Each person first uses their session (the control), an admin then
 * disables them, and the same session is refused by every procedure and
 * route handler, exactly as if signed out.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as downloadRoute } from "@/app/api/attachments/[id]/route";
import { GET as liveRoute } from "@/app/api/live/route";
import { POST as uploadRoute } from "@/app/api/attachments/route";
import { GET as reportCsvRoute } from "@/app/api/reports/[name]/route";
import { canSignInByEmail } from "@/server/auth/email-link";
import { uploadAttachment } from "@/server/attachments/upload";
import { createRequestContext } from "@/server/context";
import { appRouter } from "@/server/routers/_app";
import { createCallerFactory } from "@/server/trpc";
import { attemptPasswordSignIn } from "@/server/users/credentials";
import type { SessionUser } from "@/server/users/session-user";
import { callerFor, createCategory, createUser, testPassword } from "../support/factories";
import { endRequestSessions, presentSessionOf, routeParams } from "../support/request-session";
import { useTestDatabase } from "../support/test-db";
import { codeOf } from "../support/trpc-errors";

vi.mock("@/server/auth/index", async () => (await import("../support/request-session")).authModule());
vi.mock("@/server/db", async () => (await import("../support/request-session")).dbModule());
vi.mock("@/server/attachments/storage", async (original) => (await import("../support/request-session")).storageModule(await original()));

const createCaller = createCallerFactory(appRouter);
const procedurePaths = Object.keys(appRouter._def.procedures).sort();
const roles = ["customer", "agent", "manager", "admin"] as const;

/** Calls a procedure of the caller by its dotted path. */
function call(caller: ReturnType<typeof createCaller>, procedure: string, input: unknown): Promise<unknown> {
  const fn = procedure.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
  return (fn as (input: unknown) => Promise<unknown>)(input);
}

describe("advisory: disabled user's live session", async () => {
  const { db } = await useTestDatabase();
  const people = {} as Record<(typeof roles)[number], SessionUser>;
  let admin: SessionUser;
  let number = 0;
  let fileId = "";

  beforeAll(async () => {
    admin = await createUser(db, { role: "admin" });
    for (const role of roles) people[role] = await createUser(db, { role });
    const { category } = await createCategory(db);
    const file = await uploadAttachment(db, people.customer, { name: "receipt.txt", bytes: new TextEncoder().encode("receipt") });
    ({ number } = await callerFor(db, people.customer).tickets.create({ subject: "Before I was disabled", body: "Written while the account was active.", categoryId: category.id, attachmentIds: [file.id] }));
    fileId = file.id;
  });
  afterAll(endRequestSessions);

  /** The tRPC caller a request with this person's session cookie gets. */
  const requestCaller = async (user: SessionUser | null) => {
    presentSessionOf(db, user?.id ?? null);
    return createCaller(await createRequestContext());
  };
  const today = new Date().toISOString().slice(0, 10);
  const csvRequest = () =>
    reportCsvRoute(new Request(`http://localhost/api/reports/summary?input=${encodeURIComponent(JSON.stringify({ from: today, to: today, timeZone: "UTC" }))}`), routeParams({ name: "summary" }));
  const downloadRequest = () => downloadRoute(new Request(`http://localhost/api/attachments/${fileId}`), routeParams({ id: fileId }));
  const uploadRequest = () => {
    const form = new FormData();
    form.set("file", new File(["more"], "more.txt", { type: "text/plain" }));
    return uploadRoute(new Request("http://localhost/api/attachments", { method: "POST", body: form }));
  };

  it("serves each live session before the account is disabled (the control)", async () => {
    for (const role of roles) {
      const caller = await requestCaller(people[role]);
      expect(await caller.auth.me(), role).toMatchObject({ id: people[role].id, role });
      expect(await codeOf(caller.tickets.get({ number })), role).toBe("OK");
    }
    presentSessionOf(db, people.customer.id);
    const download = await downloadRequest();
    expect(download.status).toBe(200);
    await download.arrayBuffer();
    presentSessionOf(db, people.manager.id);
    expect((await csvRequest()).status).toBe(200);
    expect(await attemptPasswordSignIn(db, { email: people.agent.email, password: testPassword, address: null })).toMatchObject({ id: people.agent.id });
    expect(await canSignInByEmail(db, people.agent.email)).toBe(true);
  });

  it("refuses every procedure to the same sessions once the accounts are disabled, as if signed out", async () => {
    for (const role of roles) await callerFor(db, admin).admin.users.setDisabled({ userId: people[role].id, disabled: true });
    const signedOut = await requestCaller(null);
    const answers = new Map<string, string>();
    for (const procedure of procedurePaths) answers.set(procedure, await codeOf(call(signedOut, procedure, undefined)));
    expect([...answers.values()].filter((code) => code === "UNAUTHORIZED").length).toBeGreaterThan(procedurePaths.length / 2);

    for (const role of roles) {
      const caller = await requestCaller(people[role]);
      expect(await caller.auth.me(), role).toBeNull();
      for (const procedure of procedurePaths) {
        expect(await codeOf(call(caller, procedure, undefined)), `${role} ${procedure}`).toBe(answers.get(procedure));
      }
      expect(await codeOf(caller.tickets.get({ number })), role).toBe("UNAUTHORIZED");
      expect(await codeOf(caller.tickets.reply({ number, body: "Still here?" })), role).toBe("UNAUTHORIZED");
    }
  });

  it("refuses the route handlers to a disabled session", async () => {
    presentSessionOf(db, people.customer.id);
    // Downloads answer a visitor with no session as they answer any reader who may not see the file (public articles' images are open to all).
    expect((await downloadRequest()).status).toBe(404);
    expect((await uploadRequest()).status).toBe(401);
    presentSessionOf(db, people.manager.id);
    expect((await csvRequest()).status).toBe(401);
    for (const role of roles) {
      presentSessionOf(db, people[role].id);
      expect((await liveRoute(new Request("http://localhost/api/live"))).status, role).toBe(401);
    }
  });

  it("lets a disabled account start no new session, by password or by email link", async () => {
    for (const role of roles) {
      expect(await attemptPasswordSignIn(db, { email: people[role].email, password: testPassword, address: null }), role).toBeNull();
      expect(await canSignInByEmail(db, people[role].email), role).toBe(false);
    }
  });
});
