import "server-only";
import { z } from "zod";
import { apiScopes } from "@/db/schema";
import { apiTokenLimits } from "@/server/api-tokens/token-rules";

/**
 * Inputs of the API tokens router, also used by `npm run api:token`, so the
 * settings page and the command line refuse the same things in the same words.
 * Which scopes a role may use is a domain rule (createApiToken), not a shape.
 */

const { nameMaxLength, maxExpiryDays } = apiTokenLimits;

export const createApiTokenInput = z.object({
  name: z.string().trim().min(1, "Name the token, e.g. after the system that will use it.").max(nameMaxLength, `Keep the name under ${nameMaxLength} characters.`),
  scopes: z
    .array(z.enum(apiScopes, { error: (issue) => `"${String(issue.input)}" is not a scope. Scopes are ${apiScopes.join(", ")}.` }), "Choose at least one scope.")
    .min(1, "Choose at least one scope.")
    .max(apiScopes.length, "Choose each scope at most once."),
  expiresInDays: z
    .number({ error: "Enter the expiry as a whole number of days." })
    .int("Enter the expiry as a whole number of days.")
    .min(1, "A token lasts at least 1 day.")
    .max(maxExpiryDays, `A token lasts at most ${maxExpiryDays} days (about ten years).`)
    .nullish(),
});

export const revokeApiTokenInput = z.object({ tokenId: z.uuid("Reload the page and try again.") });

export const listAllApiTokensInput = z.object({
  cursor: z.string().max(300).optional(),
  limit: z.number().int().min(1).max(100).default(25),
});
