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
  /**
   * The hosts (name and port) this app answers on: its configured public URL's
   * and the one the request was addressed to (`Host`, or `X-Forwarded-Host`
   * from a proxy). A page elsewhere cannot set these on a victim's request
   * without a CORS preflight, which this app never grants.
   */
  ownHosts: readonly string[];
};

/** Why a request is refused as cross-site, or null when it may go on. */
export function crossSiteRefusal(input: OriginCheckInput): string | null {
  if (SAFE_METHODS.has(input.method.toUpperCase())) return null;
  if (COOKIELESS_PREFIXES.some((prefix) => input.pathname.startsWith(prefix))) return null;
  if (input.origin !== null) {
    // "null" (a sandboxed frame, a privacy-redirected form) has no host and is refused.
    const host = hostOf(input.origin);
    if (host === null || !input.ownHosts.includes(host)) return "This request came from another site and was refused.";
    return null;
  }
  if (input.fetchSite === "cross-site" || input.fetchSite === "same-site") {
    return "This request came from another site and was refused.";
  }
  // Neither header: not a modern browser (curl, a server, a test). Cookies
  // still decide who it is; there is no victim browser to protect.
  return null;
}

/** The host (name and port) of a URL or origin, lower-cased, or null when it does not parse. */
export function hostOf(url: string): string | null {
  return URL.canParse(url) ? new URL(url).host || null : null;
}
