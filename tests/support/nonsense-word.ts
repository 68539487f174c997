import crypto from "node:crypto";

/**
 * A word no dictionary stems and no other test uses, for search tests: letters only, so the
 * full-text parser keeps it whole, and tickets of other tests can never match it.
 */
export function nonsenseWord(): string {
  const letters = "bcdfghjklmnpqrstvwxz";
  return `zq${Array.from(crypto.getRandomValues(new Uint8Array(10)), (n) => letters[n % letters.length]).join("")}`;
}
