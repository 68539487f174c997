import "server-only";
import type { Sql } from "postgres";

/**
 * Drizzle sends every query through postgres-js unnamed, so each statement
 * with parameters costs two exchanges with the server (describe, then bind
 * and execute) and a fresh parse every time. On this kind of machine the
 * socket writes alone were the largest single cost of a ticket creation
 * (BENCHMARKS.md, "Where a write goes"). A statement the app sends again and
 * again is worth preparing once per connection; one whose text is new each
 * time (reports put their time spans into the text as constants) is not,
 * and postgres-js never forgets a prepared statement, so preparing those
 * would grow every connection without end. Hence: a text is prepared from
 * its REPEATS_BEFORE_PREPARING-th use, among at most MAX_TEXTS texts, and
 * only with a bounded parameter list (an IN list of each length is a text of
 * its own).
 *
 * The connection sets plan_cache_mode = force_custom_plan (db/client.ts), so
 * a prepared statement is still planned for its actual values: our data is
 * skewed (statuses, assignees), and a generic plan would be wrong for some.
 */
const REPEATS_BEFORE_PREPARING = 3;
const MAX_TEXTS = 2000;
const MAX_PARAMETERS = 64;

type UnsafeOptions = NonNullable<Parameters<Sql["unsafe"]>[2]>;

export function preparingRepeats(client: Sql): Sql {
  const uses = new Map<string, number>();

  function worthPreparing(text: string, parameters: readonly unknown[]): boolean {
    if (parameters.length === 0 || parameters.length > MAX_PARAMETERS) return false;
    const count = (uses.get(text) ?? 0) + 1;
    if (count === 1 && uses.size >= MAX_TEXTS) return false;
    if (count <= REPEATS_BEFORE_PREPARING) uses.set(text, count);
    return count >= REPEATS_BEFORE_PREPARING;
  }

  // Transactions and savepoints hand their callback a connection-bound client
  // of their own; it needs the same treatment, or nothing in a transaction
  // would be prepared.
  const wrap = (sql: Sql): Sql =>
    new Proxy(sql, {
      get(target, property, receiver) {
        if (property === "unsafe") {
          return (text: string, parameters: unknown[] = [], options: UnsafeOptions = {}) =>
            target.unsafe(text, parameters as never, worthPreparing(text, parameters) ? { ...options, prepare: true } : options);
        }
        if (property === "begin" || property === "savepoint") {
          const original = Reflect.get(target, property, receiver) as (...args: unknown[]) => unknown;
          return (...args: unknown[]) => {
            const callback = args.at(-1) as (inner: Sql) => unknown;
            return original.call(target, ...args.slice(0, -1), (inner: Sql) => callback(wrap(inner)));
          };
        }
        return Reflect.get(target, property, receiver);
      },
    });

  return wrap(client);
}
