/**
 * Throwaway PostgreSQL databases for the load, crash and multi-process tests:
 * created empty, migrated and seeded with the demo data by the project's own
 * seed script, dropped at the end. Also the accounts the load signs in with.
 */
import { spawn } from "node:child_process";
import postgres from "postgres";
import { tsxCommand } from "../tsx-command";

/** The demo seed gives every account this password (scripts/seed/demo-people.ts). */
export const DEMO_PASSWORD = "frontdesk";

export const DEFAULT_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres";

export interface LoadDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** Creates an empty database named `<prefix>_<time>_<pid>` next to the admin URL's. */
export async function createLoadDatabase(adminUrl: string, prefix: string): Promise<LoadDatabase> {
  const name = `${prefix}_${Date.now().toString(36)}_${process.pid}`;
  if (!/^[a-z][a-z0-9_]{0,62}$/.test(name)) throw new Error(`"${name}" is not a plain database name; use a lower-case --db-prefix.`);
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      const again = postgres(adminUrl, { max: 1, onnotice: () => {} });
      try {
        await again.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await again.end();
      }
    },
  };
}

/** Runs a repository script with tsx, bounded in time; rejects unless it exits 0. */
export function runScript(root: string, script: string, env: Record<string, string>, timeoutMs = 300_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(...tsxCommand(root, script), { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`${script} ended with ${signal ?? `code ${code}`}:\n${output}`));
    });
  });
}

/** Migrates and seeds the demo data (about 400 tickets) through `npm run db:seed`'s script. */
export async function seedDemoDatabase(root: string, databaseUrl: string): Promise<void> {
  await runScript(root, "scripts/db-seed.ts", { DATABASE_URL: databaseUrl });
}

export interface LoadAccounts {
  staff: string[];
  customers: string[];
  categoryIds: string[];
}

/**
 * The accounts to sign in with: the demo staff (found as the staff accounts
 * sharing the demo customers' password hash, which the seed computes once),
 * and `customers` new customer accounts for this run with that same hash:
 * each customer may open 20 tickets an hour, so a run brings its own.
 */
export async function prepareLoadAccounts(sql: postgres.Sql, runId: string, customers: number): Promise<LoadAccounts> {
  const [demo] = await sql<{ hash: string }[]>`
    select password_hash as hash from users where role = 'customer' and password_hash is not null and disabled_at is null order by created_at limit 1`;
  if (!demo) throw new Error("No demo customer with a password: seed the database with the demo data (npm run db:seed).");
  const staff = await sql<{ email: string }[]>`
    select email from users where role <> 'customer' and password_hash = ${demo.hash} and disabled_at is null order by email`;
  if (staff.length === 0) throw new Error("No demo staff account: seed the database with the demo data (npm run db:seed).");
  const rows = Array.from({ length: customers }, (_, i) => ({
    name: `Load Customer ${runId} ${i + 1}`,
    email: `load-${runId}-${i + 1}@load-test.example`,
    role: "customer",
    password_hash: demo.hash,
    email_verified: new Date(),
  }));
  if (rows.length > 0) await sql`insert into users ${sql(rows, "name", "email", "role", "password_hash", "email_verified")}`;
  const categories = await sql<{ id: string }[]>`select id from categories where archived_at is null order by position, name`;
  if (categories.length === 0) throw new Error("The database has no categories to open tickets in.");
  return { staff: staff.map((s) => s.email), customers: rows.map((r) => r.email), categoryIds: categories.map((c) => c.id) };
}

/** Tickets staff may reply to: open work from the seed, newest first. */
export async function replyableTickets(sql: postgres.Sql, limit = 200): Promise<number[]> {
  const rows = await sql<{ number: number }[]>`
    select number from tickets where status in ('new', 'open', 'pending') order by number desc limit ${limit}`;
  return rows.map((r) => r.number);
}
