import "server-only";
import { apiScopes, type ApiScope, type UserRole } from "@/lib/vocabularies";

/**
 * What a token may carry, by its owner's role. A scope only narrows what the
 * owner may do, so a scope the role can never use (users:write for an agent)
 * is refused at creation rather than sitting on the token as a false promise.
 */
const scopesByRole: Record<UserRole, readonly ApiScope[]> = {
  customer: ["tickets:read", "tickets:write"],
  agent: ["tickets:read", "tickets:write", "users:read"],
  manager: ["tickets:read", "tickets:write", "users:read", "reports:read"],
  admin: apiScopes,
};

/** The scopes a person with this role may put on a token, in the vocabulary's order. */
export function scopesAllowedFor(role: UserRole): readonly ApiScope[] {
  return scopesByRole[role];
}

/** The bounds of a token request; the input schema, the CLI and the settings form all read them from here. */
export const apiTokenLimits = {
  nameMaxLength: 100,
  maxExpiryDays: 3650,
  /** Live (neither revoked nor expired) tokens one person may hold. */
  maxLiveTokens: 50,
} as const;
