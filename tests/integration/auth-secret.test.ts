/**
 * The session-signing secret: production refuses to run without one; in
 * development one is generated once, kept private in the data folder and
 * reused, so restarts keep everyone signed in.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { getAuthSecret, MissingSecretError } from "@/server/auth/secret";

const folder = fs.mkdtempSync(path.join(os.tmpdir(), "frontdesk-secret-"));
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

describe("auth secret", () => {
  it("refuses production without AUTH_SECRET", () => {
    expect(() => getAuthSecret({ NODE_ENV: "production", AUTH_SECRET: undefined }, folder)).toThrow(MissingSecretError);
    expect(fs.existsSync(path.join(folder, "auth-secret"))).toBe(false);
  });

  it("uses the configured secret as given", () => {
    const secret = "s".repeat(40);
    expect(getAuthSecret({ NODE_ENV: "production", AUTH_SECRET: secret }, folder)).toBe(secret);
  });

  it("generates a development secret once, private to the owner, and reuses it", () => {
    const dir = path.join(folder, "nested", "data");
    const first = getAuthSecret({ NODE_ENV: "development", AUTH_SECRET: undefined }, dir);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(fs.statSync(path.join(dir, "auth-secret")).mode & 0o077).toBe(0);
    expect(getAuthSecret({ NODE_ENV: "development", AUTH_SECRET: undefined }, dir)).toBe(first);
  });
});
