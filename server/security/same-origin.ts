import "server-only";

/**
 * Cross-site request defence in depth: a state-changing request that a browser
 * sends from another site is refused, whatever cookies it carries. SameSite=Lax
 * cookies already stop most of these; this check does not rely on them.
 */

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Doors that authenticate without cookies (a bearer secret, a signature or an
 * API token), so a browser elsewhere gains nothing by calling them.
 */
const COOKIELESS_PREFIXES = ["/api/inbound/", "/api/webhooks/", "/api/v1/"];

type OriginCheckInput = {
  method: string;
  pathname: string;
  /** The `Origin` header, if the browser sent one. */
  origin: string | null;
  /** The `Sec-Fetch-Site` header, if the browser sent one. */
  fetchSite: string | null;
  /** The origins this app answers on: its configured public URL and the one the request was addressed to. */
  ownOrigins: readonly string[];
};

/** Why a request is refused as cross-site, or null when it may go on. */
export function crossSiteRefusal(input: OriginCheckInput): string | null {
  if (SAFE_METHODS.has(input.method.toUpperCase())) return null;
  if (COOKIELESS_PREFIXES.some((prefix) => input.pathname.startsWith(prefix))) return null;
  if (input.origin !== null) {
    // "null" is what a sandboxed frame or a privacy-redirected form sends.
    if (!input.ownOrigins.includes(input.origin)) return "This request came from another site and was refused.";
    return null;
  }
  if (input.fetchSite === "cross-site" || input.fetchSite === "same-site") {
    return "This request came from another site and was refused.";
  }
  // Neither header: not a modern browser (curl, a server, a test). Cookies
  // still decide who it is; there is no victim browser to protect.
  return null;
}

/** The origin of a URL (scheme, host and port), or null when it does not parse. */
export function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
