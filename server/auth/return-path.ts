import "server-only";
import { env } from "@/server/env";

/**
 * Where someone may be sent after signing in: a path on this app, nothing
 * else. Prefix checks on the raw string are not enough, because browsers
 * parse a Location the WHATWG way: "/\evil.example" and "/<TAB>/evil.example"
 * both mean "//evil.example". So the candidate is parsed exactly as a browser
 * would, against the app's origin (APP_URL), and only a same-origin result is
 * kept, as a path. Every door that accepts a return path uses this.
 */

const appOrigin = new URL(env.APP_URL).origin;
const MAX_LENGTH = 2_000;

/**
 * The same-origin path (pathname, query, fragment) a return-path candidate
 * points to, or `fallback`. `requestOrigin` is also accepted for absolute
 * URLs: Auth.js hands back URLs on the origin the request came in on.
 */
export function safeReturnPath(candidate: unknown, options: { fallback?: string; requestOrigin?: string } = {}): string {
  const fallback = options.fallback ?? "/";
  if (typeof candidate !== "string" || candidate === "" || candidate.length > MAX_LENGTH) return fallback;
  let url: URL;
  try {
    url = new URL(candidate, appOrigin);
  } catch {
    return fallback;
  }
  if (url.origin !== appOrigin && url.origin !== options.requestOrigin) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Dot segments can leave an empty first segment ("/.//evil.example" has the
  // path "//evil.example"), which a browser reads as another host.
  return isPlainPath(path) ? path : fallback;
}

/** A path that a browser resolves on our own origin, whatever origin that is. */
function isPlainPath(path: string): boolean {
  if (!path.startsWith("/") || path.startsWith("//")) return false;
  return new URL(path, "http://same.invalid").origin === "http://same.invalid";
}

/**
 * Auth.js's redirect callback: every URL it is about to send someone to
 * (callbackUrl from a form, a query, a cookie or a sign-in link) goes through
 * the same rule, and comes back absolute on the request's origin.
 */
export function authRedirect({ url, baseUrl }: { url: string; baseUrl: string }): string {
  const base = new URL(baseUrl).origin;
  const path = safeReturnPath(url, { requestOrigin: base });
  // An absolute URL on one of our origins keeps that origin: behind `next
  // start -H`, Auth.js's base can name another host than the one the browser
  // used (localhost for 127.0.0.1), and the session cookie lives on the latter.
  const named = URL.canParse(url) ? new URL(url).origin : null;
  const origin = named === appOrigin || named === base ? named : base;
  return `${origin}${path}`;
}
