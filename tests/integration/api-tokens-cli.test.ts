/**
 * `npm run api:token` as a real process: it prints a token as the last line
 * of stdout that authenticateToken accepts, refuses an unknown person, a
 * disabled one and a scope their role cannot use with exit code 1, and, on
 * the embedded database, says what to do when the app holds the folder.
 *
 * On PGlite the script gets a folder of its own, loaded from the migrated
 * snapshot; with TEST_DATABASE_URL it uses that database like the tests do.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openDatabase, type OpenedDatabase } from "@/db/client";
import { authenticateToken } from "@/server/api-tokens/authenticate-token";
import { tsxCommand } from "@/scripts/tsx-command";
import type { SessionUser } from "@/server/users/session-user";
import { createUser } from "../support/factories";
import { onPostgres } from "../support/test-db";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "frontdesk-api-token-"));
const pgliteDir = path.join(root, "pglite"); // what DATA_DIR=root resolves to in server/env.ts and the script
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** Runs the script to completion with these arguments, against the test's database. */
function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: root };
  if (onPostgres) env.DATABASE_URL = process.env.TEST_DATABASE_URL;
  else delete env.DATABASE_URL;
  const [command, baseArgs] = tsxCommand(process.cwd(), "scripts/api-token.ts");
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...baseArgs, ...args], { cwd: process.cwd(), env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** The test's own handle on the script's database (on PGlite, only while the script is not running). */
async function openShared(): Promise<OpenedDatabase> {
  if (onPostgres) return openDatabase({ url: process.env.TEST_DATABASE_URL ?? "" });
  return openDatabase({ pgliteDir });
}

describe("npm run api:token", { timeout: 120_000 }, () => {
  const people = {} as { agent: SessionUser; disabled: SessionUser };

  beforeAll(async () => {
    if (!onPostgres) {
      // A folder holding the migrated snapshot, so the script only checks the migrations.
      const { PGlite } = await import("@electric-sql/pglite");
      const seeded = await PGlite.create(pgliteDir, { loadDataDir: new Blob([fs.readFileSync(inject("pgliteSnapshot"))]) });
      await seeded.close();
    }
    const database = await openShared();
    try {
      people.agent = await createUser(database.db, { role: "agent" });
      people.disabled = await createUser(database.db, { disabled: true });
    } finally {
      await database.close();
    }
  }, 120_000);

  it("prints a token as the last line of stdout, which authenticates as that person with those scopes", async () => {
    const result = await runCli(["--email", people.agent.email.toUpperCase(), "--name", "Monitoring", "--scopes", "tickets:write, tickets:read", "--expires-days", "7"]);
    expect(result.stderr).toContain('Created API token "Monitoring"');
    expect(result.code).toBe(0);
    const token = result.stdout.trimEnd().split("\n").at(-1) ?? "";
    expect(token).toMatch(/^fd_/);

    const database = await openShared();
    try {
      const caller = await authenticateToken(database.db, token, null);
      expect(caller).toMatchObject({ scopes: ["tickets:read", "tickets:write"], user: { id: people.agent.id, role: "agent" } });
    } finally {
      await database.close();
    }
  });

  it("refuses an unknown person, a disabled one, a scope their role cannot use and a bad argument, with exit code 1", async () => {
    const cases: { args: string[]; says: string }[] = [
      { args: ["--email", "nobody-here@example.test", "--name", "x", "--scopes", "tickets:read"], says: "No one has the email address nobody-here@example.test" },
      { args: ["--email", people.disabled.email, "--name", "x", "--scopes", "tickets:read"], says: "is disabled" },
      { args: ["--email", people.agent.email, "--name", "x", "--scopes", "tickets:read,admin"], says: "admin is not allowed" },
      { args: ["--email", people.agent.email, "--name", "x", "--scopes", "tickets:raed"], says: '"tickets:raed" is not a scope' },
      { args: ["--email", people.agent.email, "--name", "x", "--scopes", "tickets:read", "--expires-days", "soon"], says: "--expires-days" },
      { args: ["--email", people.agent.email, "--scopes", "tickets:read"], says: "Missing --name" },
    ];
    for (const { args, says } of cases) {
      const result = await runCli(args);
      expect(result.stderr, args.join(" ")).toContain(says);
      expect(result.code, args.join(" ")).toBe(1);
      expect(result.stdout).not.toMatch(/fd_/);
    }
  });

  it.skipIf(onPostgres)("says to stop the app (or use the settings page) while the app holds the embedded database", async () => {
    const database = await openShared();
    try {
      const result = await runCli(["--email", people.agent.email, "--name", "x", "--scopes", "tickets:read"]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`pid ${process.pid}`);
      expect(result.stderr).toContain("npm run dev");
      expect(result.stderr).toContain("/settings/tokens");
    } finally {
      await database.close();
    }
  });
});
