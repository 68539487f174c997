import "server-only";
import { expectedFailureOf } from "./error-response";

/**
 * For pages whose query string reaches a procedure (`?q=`, `?cursor=`): the
 * procedure's refusal of that input (a malformed page link, a NUL byte)
 * becomes a message the page shows in place of its list, where it used to
 * reach the error page as a 500. Other failures are rethrown as they were.
 */
export type QueryResult<T> = { ok: true; value: T } | { ok: false; message: string };

export async function refusedQueryOr<T>(load: Promise<T>): Promise<QueryResult<T>> {
  try {
    return { ok: true, value: await load };
  } catch (error) {
    const failure = expectedFailureOf(error);
    if (failure?.status === 400) return { ok: false, message: failure.message };
    throw error;
  }
}
