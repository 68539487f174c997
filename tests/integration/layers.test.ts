/**
 * The server-only rule (see eslint.config.mjs): every module under server/
 * and db/ starts with `import "server-only"`, except db/schema (plain table
 * definitions that drizzle-kit loads outside Next.js). Next.js then fails
 * the build if a client component reaches one of them; code the browser
 * needs lives in lib/. ESLint checks what may import what; this checks the
 * marker is there, which no import rule can.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

function modulesUnder(folder: string): string[] {
  return fs
    .readdirSync(path.join(root, folder), { recursive: true, encoding: "utf8" })
    .filter((file) => /\.tsx?$/.test(file))
    .map((file) => path.join(folder, file));
}

/** The first import statement of a module, or null when it has none. */
function firstImport(source: string): string | null {
  return source.match(/^import\b.*$/m)?.[0] ?? null;
}

const serverOnlyModules = [...modulesUnder("server"), ...modulesUnder("db")].filter(
  (file) => !file.startsWith(path.join("db", "schema")) && !file.startsWith(path.join("db", "migrations")),
);

describe("layers: server-only", () => {
  it("finds the modules it checks", () => {
    expect(serverOnlyModules).toContain(path.join("db", "client.ts"));
    expect(serverOnlyModules).toContain(path.join("server", "env.ts"));
    expect(serverOnlyModules.length).toBeGreaterThan(100);
  });

  it("every module under server/ and db/ (but db/schema) starts with import \"server-only\"", () => {
    const missing = serverOnlyModules.filter((file) => firstImport(fs.readFileSync(path.join(root, file), "utf8")) !== 'import "server-only";');
    expect(missing).toEqual([]);
  });

  it("db/schema imports nothing from server/ (drizzle-kit loads it in plain Node)", () => {
    const offenders = modulesUnder(path.join("db", "schema")).filter((file) => /from "(@\/server|\.\.\/\.\.\/server)/.test(fs.readFileSync(path.join(root, file), "utf8")));
    expect(offenders).toEqual([]);
  });
});
