/**
 * One embedded PGlite folder, one process: lockFolder refuses a folder whose
 * lock names a live process (and says which), takes over a lock left by a
 * dead one, and a real second process (the db:migrate script) is turned away
 * while this process has the folder open. Needs no shared test database.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import { FolderInUseError, lockFolder } from "@/db/folder-lock";
import { tsxCommand } from "@/scripts/tsx-command";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "frontdesk-lock-"));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  fs.rmSync(root, { recursive: true, force: true });
});

const lockHolderPid = (folder: string) => (JSON.parse(fs.readFileSync(`${folder}.lock`, "utf8")) as { pid: number }).pid;

/** A live process that does nothing, to stand in for another owner of the folder. */
async function spawnIdleProcess(): Promise<ChildProcess & { pid: number }> {
  const child = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"], { stdio: "ignore" });
  children.push(child);
  await new Promise<void>((resolve, reject) => child.once("spawn", resolve).once("error", reject));
  if (child.pid === undefined) throw new Error("child has no pid");
  return child as ChildProcess & { pid: number };
}

/** Runs a command to completion and collects its exit code and output. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: process.cwd(), env, stdio: ["ignore", "pipe", "pipe"] });
    children.push(child);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("folder lock", () => {
  it("refuses a folder held by a live process and takes over once it has died", async () => {
    const folder = path.join(root, "locked");
    const release = lockFolder(folder);
    expect(lockHolderPid(folder)).toBe(process.pid);
    // A second open in the same process is refused too: two PGlite instances
    // on one folder corrupt it just as two processes would.
    expect(() => lockFolder(folder)).toThrow(/in use by this same process/);

    // Another process now holds the lock. Releasing our old handle must not
    // remove a lock that is no longer ours.
    const other = await spawnIdleProcess();
    fs.writeFileSync(`${folder}.lock`, JSON.stringify({ pid: other.pid, command: "other-process" }));
    release();
    expect(lockHolderPid(folder)).toBe(other.pid);
    let refusal: unknown;
    try {
      lockFolder(folder);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(FolderInUseError);
    expect((refusal as Error).message).toContain(`pid ${other.pid}`);
    expect((refusal as Error).message).toContain("in use by another process");
    expect(lockHolderPid(folder)).toBe(other.pid);

    // That process dies without cleaning up: its lock is stale and is taken over.
    const exited = new Promise((resolve) => other.once("exit", resolve));
    other.kill("SIGKILL");
    await exited;
    const releaseAgain = lockFolder(folder);
    expect(lockHolderPid(folder)).toBe(process.pid);
    releaseAgain();
    expect(fs.existsSync(`${folder}.lock`)).toBe(false);
  });

  it("turns a second process away from an open PGlite folder", { timeout: 60_000 }, async () => {
    const dataDir = path.join(root, "data");
    const pgliteDir = path.join(dataDir, "pglite"); // what server/env.ts + scripts/open-database.ts resolve for DATA_DIR
    const database = await openDatabase({ pgliteDir });
    try {
      expect(lockHolderPid(pgliteDir)).toBe(process.pid);
      const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
      delete env.DATABASE_URL;
      const result = await run(...tsxCommand(process.cwd(), "scripts/db-migrate.ts"), env);
      expect(result.stderr).toContain("in use by another process");
      expect(result.stderr).toContain(`pid ${process.pid}`);
      expect(result.code).toBe(1);
      // The refused process leaves our lock alone.
      expect(lockHolderPid(pgliteDir)).toBe(process.pid);
    } finally {
      await database.close();
    }
    expect(fs.existsSync(`${pgliteDir}.lock`)).toBe(false);
  });
});
