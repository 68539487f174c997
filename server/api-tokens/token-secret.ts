import "server-only";
import { createHash, randomBytes } from "node:crypto";

/**
 * The shape of an API token: "fd_" and 43 characters of base64url (256
 * random bits). Only its SHA-256 is stored; its first characters are kept
 * visibly so people can tell their tokens apart.
 */
const TOKEN_PREFIX = "fd_";
const VISIBLE_LENGTH = 10;
const TOKEN_PATTERN = /^fd_[A-Za-z0-9_-]{43}$/;

export interface NewTokenSecret {
  token: string;
  prefix: string;
  secretHash: string;
}

export function hashTokenSecret(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function newTokenSecret(): NewTokenSecret {
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  return { token, prefix: token.slice(0, VISIBLE_LENGTH), secretHash: hashTokenSecret(token) };
}

/** Whether a string can be a token at all (checked before any database lookup). */
export function looksLikeToken(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}
