/**
 * npm run api:token -- --email <user> --name <label> --scopes tickets:read,tickets:write [--expires-days N]
 *
 * Creates an API token for an existing, enabled person, by the same rules as
 * /settings/tokens (createApiToken: scopes their role may use, at most 50 live
 * tokens). What was created goes to stderr; stdout gets the token alone, as
 * its last line, so `TOKEN=$(npm run -s api:token -- …)` captures just it.
 * Exits 1 with a reason on stderr for anything it refuses.
 *
 * On the embedded database this needs the .data folder to itself: PGlite
 * allows one process per folder, so stop `npm run dev` / `npm start` first
 * (or create the token on the settings page while the app runs).
 */
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { apiScopes, users } from "@/db/schema";
import { createApiToken } from "@/server/api-tokens/manage-tokens";
import { isAppError } from "@/server/errors";
import { createApiTokenInput } from "@/server/routers/api-tokens.schema";
import { loadActiveUser } from "@/server/users/session-user";
import { openScriptDatabase } from "./open-database";

const usage =
  "Usage: npm run api:token -- --email <user> --name <label> --scopes tickets:read,tickets:write [--expires-days N]\n" +
  `Scopes: ${apiScopes.join(", ")}. Without --expires-days the token does not expire.`;

/** A refusal: the reason (and usage, when the arguments were wrong) on stderr, exit code 1. */
class Refusal extends Error {}

function parseFlags() {
  try {
    return parseArgs({
      options: {
        email: { type: "string" },
        name: { type: "string" },
        scopes: { type: "string" },
        "expires-days": { type: "string" },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new Refusal(`${(error as Error).message}\n${usage}`);
  }
}

function readArguments() {
  const values = parseFlags();
  const missing = (["email", "name", "scopes"] as const).filter((key) => !values[key]);
  if (missing.length > 0) throw new Refusal(`Missing ${missing.map((key) => `--${key}`).join(", ")}.\n${usage}`);

  const email = z.email().safeParse(values.email?.trim().toLowerCase());
  if (!email.success) throw new Refusal(`--email: "${values.email}" is not an email address.`);
  const days = values["expires-days"];
  // Number("") is 0 and Number("1e3") is 1000: only plain digits are days.
  const expiresInDays = days === undefined ? null : /^\d{1,6}$/.test(days.trim()) ? Number(days.trim()) : Number.NaN;
  const input = createApiTokenInput.safeParse({
    name: values.name,
    scopes: (values.scopes ?? "")
      .split(",")
      .map((scope) => scope.trim())
      .filter(Boolean),
    expiresInDays,
  });
  if (!input.success) {
    const { fieldErrors } = z.flattenError(input.error);
    const flag: Record<string, string> = { name: "--name", scopes: "--scopes", expiresInDays: "--expires-days" };
    throw new Refusal(
      Object.entries(fieldErrors)
        .map(([field, messages]) => `${flag[field] ?? field}: ${messages?.[0] ?? "invalid"}`)
        .join("\n"),
    );
  }
  return { email: email.data, input: input.data };
}

/** The configured database, migrated; an embedded one held by the running app is refused with what to do. */
async function main(): Promise<string> {
  const { email, input } = readArguments();
  const database = await openScriptDatabase({
    whenHeld:
      "The embedded database allows one process at a time: if `npm run dev` or `npm start` is running, " +
      "stop it, run this again, then start the app again; or create the token at /settings/tokens in the running app.",
  });
  try {
    const [person] = await database.db
      .select({ id: users.id, disabledAt: users.disabledAt })
      .from(users)
      .where(eq(users.email, email))
      .limit(1);
    if (!person) throw new Refusal(`No one has the email address ${email}. Check the spelling, or create the account first.`);
    const owner = person.disabledAt ? null : await loadActiveUser(database.db, person.id);
    if (!owner) throw new Refusal(`${email} is disabled; a disabled person's tokens do not work. Enable the account first.`);
    try {
      const created = await createApiToken(database.db, owner, input);
      const expires = created.expiresAt ? `expires ${created.expiresAt.toISOString()}` : "does not expire";
      console.error(`Created API token "${created.name}" (${created.prefix}…) for ${owner.name} <${owner.email}> (role: ${owner.role}).`);
      console.error(`Scopes: ${created.scopes.join(", ")}; ${expires}.`);
      console.error("This is the only time the token is shown: store it now (it is kept only as a hash).");
      return created.token;
    } catch (error) {
      if (!isAppError(error)) throw error;
      const details = Object.values(error.fieldErrors ?? {}).flatMap((messages) => messages ?? []);
      throw new Refusal(details.length > 0 ? details.join("\n") : error.message);
    }
  } finally {
    await database.close();
  }
}

try {
  const token = await main();
  process.stdout.write(`${token}\n`);
} catch (error) {
  if (!(error instanceof Refusal)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
