/**
 * Stands in for the `server-only` package outside Next.js. Next.js resolves
 * `import "server-only"` to nothing in server code and fails the build when a
 * client component reaches it; plain Node (the tsx scripts, through
 * tsconfig.scripts.json) and Vitest (vitest.config.ts) load this empty module
 * instead, since the package itself throws unless loaded as a React Server
 * Component.
 */
export {};
