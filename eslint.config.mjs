import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/*
 * Layers, held by the tools:
 * - server-only: every module under server/ and db/ starts with
 *   `import "server-only"`, except db/schema (table definitions that
 *   drizzle-kit loads in plain Node). Next.js fails the build when a client
 *   component reaches one; tests/integration/layers.test.ts checks the line is
 *   there. Vitest and the tsx scripts (tsconfig.scripts.json) map the package
 *   to scripts/server-only-stub.ts.
 * - lib/ is pure code shared with the browser: it imports only lib/ and packages.
 * - components never import app/; server/ never imports app/ or components/;
 *   db/ never imports server/, app/ or components/.
 * - A "use client" module imports nothing from server/ or db/ but types.
 * Relative paths that climb into a forbidden folder count too.
 */

/** A restricted-import pattern for a top-level folder, by alias or by a relative path. */
const folder = (name, message) => ({ regex: `^(@/|(\\.\\./)+)${name}(/|$)`, message });

const appMessage = "app/ holds routes and pages only; move what is shared into components/, server/ or lib/.";
const componentsMessage = "server/ and db/ do not render UI: return data and let app/ or components/ render it.";
const serverMessage = "db/ is the schema, migrations and client; logic that uses them lives in server/.";

/** Value imports from server/ or db/ in a "use client" module: types are erased, anything else would ship to the browser. */
const clientImports = {
  meta: {
    type: "problem",
    messages: { serverValue: "A client component may import only types from {{source}}; move pure code it needs to lib/." },
    schema: [],
  },
  create(context) {
    const isClient = context.sourceCode.ast.body.some(
      (node) => node.type === "ExpressionStatement" && node.directive === "use client",
    );
    if (!isClient) return {};
    const forbidden = /^(@\/|(\.\.\/)+)(server|db)(\/|$)/;
    const check = (node) => {
      if (!node.source || !forbidden.test(node.source.value)) return;
      if (node.importKind === "type" || node.exportKind === "type") return;
      const specifiers = node.specifiers ?? [];
      if (specifiers.length > 0 && specifiers.every((s) => s.importKind === "type" || s.exportKind === "type")) return;
      context.report({ node, messageId: "serverValue", data: { source: node.source.value } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
  },
};

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    files: ["components/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [folder("app", appMessage)] }] },
  },
  {
    files: ["server/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [folder("app", appMessage), folder("components", componentsMessage)] }],
    },
  },
  {
    files: ["db/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [folder("server", serverMessage), folder("app", appMessage), folder("components", componentsMessage)] },
      ],
    },
  },
  {
    files: ["lib/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "server-only", message: "lib/ is shared with the browser; server-only code belongs in server/." }],
          patterns: ["server", "db", "app", "components"].map((name) =>
            folder(name, "lib/ is pure code shared with the browser: it imports only lib/ and packages."),
          ),
        },
      ],
    },
  },
  {
    files: ["app/**", "components/**"],
    plugins: { layers: { rules: { "client-imports": clientImports } } },
    rules: { "layers/client-imports": "error" },
  },
  globalIgnores([".next/**", ".data/**", "node_modules/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "db/migrations/**"]),
]);
