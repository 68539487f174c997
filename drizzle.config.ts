import { defineConfig } from "drizzle-kit";

// Only `drizzle-kit generate` uses this file: migrations are applied by the
// app itself (db/migrate.ts), on PGlite and on PostgreSQL alike.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
  casing: "snake_case",
});
