/**
 * The production server the benchmark measures: `next start` on a free
 * loopback port in its own process group (so stopping it stops its children
 * too), with background jobs off and the demo seed disabled. The load and
 * crash tests start it too, with their own variables on top (`env`) and
 * `kill()` to end it the hard way.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

/** A fixed, bench-only secret: sessions signed with it are worth nothing elsewhere. */
const BENCH_AUTH_SECRET = "frontdesk-bench-only-secret-not-for-production-use";

export interface BenchServer {
  baseUrl: string;
  stop(): Promise<void>;
  /** SIGKILL to the whole process group: a crash, with no chance to finish anything. */
  kill(): Promise<void>;
  /** The last lines the server printed. */
  output(): string;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

export async function freePort(from: number): Promise<number> {
  for (let port = from; port < from + 100; port += 1) if (await portIsFree(port)) return port;
  throw new Error(`No free port in ${from}–${from + 99}.`);
}

export function hasProductionBuild(root: string): boolean {
  return fs.existsSync(path.join(root, ".next", "BUILD_ID"));
}

export async function startBenchServer(options: {
  root: string;
  port: number;
  databaseUrl: string;
  timeoutMs?: number;
  /** Set on top of the defaults (e.g. BACKGROUND_JOBS=inline and a mail provider for the crash test). */
  env?: Record<string, string>;
}): Promise<BenchServer> {
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const output: string[] = [];
  const child: ChildProcess = spawn(path.join(options.root, "node_modules", ".bin", "next"), ["start", "-p", String(options.port), "-H", "127.0.0.1"], {
    cwd: options.root,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: options.databaseUrl,
      AUTH_SECRET: BENCH_AUTH_SECRET,
      APP_URL: baseUrl,
      DEMO_SEED: "never",
      BACKGROUND_JOBS: "external",
      ...options.env,
    },
  });
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 200) output.shift();
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  let exited: number | null = null;
  child.once("exit", (code) => (exited = code ?? -1));

  const stop = async () => {
    if (exited !== null || child.pid === undefined) return;
    const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    }, 5000);
    await gone;
    clearTimeout(timer);
  };

  const kill = async () => {
    if (exited !== null || child.pid === undefined) return;
    const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      return;
    }
    await gone;
  };

  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  for (;;) {
    if (exited !== null) throw new Error(`next start exited with code ${exited} before it answered:\n${output.join("").slice(-3000)}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`next start did not answer within ${(options.timeoutMs ?? 120_000) / 1000} s:\n${output.join("").slice(-3000)}`);
    }
    try {
      const response = await fetch(`${baseUrl}/api/auth/csrf`);
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { baseUrl, stop, kill, output: () => output.join("") };
}
