import "server-only";

/** The one row an INSERT … RETURNING or a by-key lookup must produce. */
export function single<T>(rows: T[], what: string): T {
  const [row] = rows;
  if (row === undefined) throw new Error(`Expected one ${what} row, got none`);
  return row;
}

/** `db.execute()` yields `{ rows }` on PGlite and an array on postgres-js. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
