import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Db } from "@/db/types";

/**
 * Route handlers and the request context under test, as production runs
 * them. A test file mocks Auth.js's `auth` (the session cookie, a JWT that
 * carries only the user id), the app's `getDb` and the attachments' storage
 * folder to read from here:
 *
 *   vi.mock("@/server/auth/index", async () => (await import("../support/request-session")).authModule());
 *   vi.mock("@/server/db", async () => (await import("../support/request-session")).dbModule());
 *   vi.mock("@/server/attachments/storage", async (original) =>
 *     (await import("../support/request-session")).storageModule(await original()));
 *
 * Everything after the cookie (loading the user, roles, scoping) is the real code.
 */
export const requestSession: { db: Db | undefined; userId: string | null } = { db: undefined, userId: null };

/** Where uploads and downloads keep bytes in these tests. */
export const routeStorageRoot = fs.mkdtempSync(path.join(os.tmpdir(), "frontdesk-routes-"));

/** For the file's afterAll: the session ends and the stored bytes go. */
export function endRequestSessions(): void {
  requestSession.db = undefined;
  requestSession.userId = null;
  fs.rmSync(routeStorageRoot, { recursive: true, force: true });
}

/** The next requests carry a valid session for this user id (null: no cookie). */
export function presentSessionOf(db: Db, userId: string | null): void {
  requestSession.db = db;
  requestSession.userId = userId;
}

export function authModule() {
  return { auth: async () => (requestSession.userId ? { user: { id: requestSession.userId } } : null) };
}

export function dbModule() {
  return {
    getDb: async () => {
      if (!requestSession.db) throw new Error("Call presentSessionOf(db, …) before a request.");
      return requestSession.db;
    },
  };
}

export function storageModule<T extends object>(original: T): T & { defaultStorageRoot: string } {
  return { ...original, defaultStorageRoot: routeStorageRoot };
}

/** A route's context argument for a dynamic segment. */
export function routeParams<T extends Record<string, string>>(params: T): { params: Promise<T> } {
  return { params: Promise.resolve(params) };
}
