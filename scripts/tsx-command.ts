import path from "node:path";

/**
 * The command that runs a repository script as `npm run …` does: tsx with
 * tsconfig.scripts.json, which maps `server-only` to an empty module (the
 * package itself throws outside Next.js's server build). For scripts and
 * tests that start another script in a child process.
 */
export function tsxCommand(root: string, script: string): [string, string[]] {
  return [path.join(root, "node_modules", ".bin", "tsx"), ["--tsconfig", "tsconfig.scripts.json", script]];
}
