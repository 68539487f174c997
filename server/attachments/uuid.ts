import "server-only";

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids from a URL or a request are checked before they reach a uuid column (PostgreSQL would fail the query). */
export function isUuid(value: string): boolean {
  return uuidPattern.test(value);
}
