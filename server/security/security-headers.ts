import "server-only";

/**
 * The browser-side second line of defence: the headers every response carries.
 * proxy.ts sets them on every request; nothing else decides them. Pages get a
 * script policy with a fresh nonce (Next.js reads it from the request's CSP
 * header and stamps its own scripts); everything else — tRPC, route handlers,
 * downloads, CSV, static files — gets a policy that runs nothing at all.
 */

export type SecurityHeaderOptions = {
  /** The app's public URL: HSTS is sent only when it is https. */
  appUrl: string;
  /** Development needs eval for React's error overlays; production never does. */
  development: boolean;
  /** Operators who embed or extend the app can watch violations before enforcing. */
  reportOnly: boolean;
};

/** A fresh, unguessable nonce for one page render. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/** The policy for an HTML page: scripts only from us and only with this render's nonce. */
export function pageContentSecurityPolicy(nonce: string, options: Pick<SecurityHeaderOptions, "appUrl" | "development">): string {
  const https = new URL(options.appUrl).protocol === "https:";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ""}`,
    // React and Recharts set style attributes; a style cannot run code, and a
    // nonce here would switch 'unsafe-inline' off for those attributes.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "media-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/**
 * The policy for anything that is not a page (JSON, CSV, downloads): nothing
 * in it may run, load or be framed, and a file opened in a tab is sandboxed
 * as if it came from another origin. It replaces any policy a route handler
 * sets, so it carries the download's sandbox itself.
 */
export const nonPageContentSecurityPolicy =
  "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; sandbox";

/**
 * Route handlers that set their own policy, because the general one cannot
 * fit what they serve: an attachment download (server/attachments/
 * download-response.ts) opens a PDF in the browser's viewer, which refuses
 * to start in a sandboxed document. Every answer of these routes, errors
 * included, carries a policy of its own.
 */
export function setsOwnContentSecurityPolicy(method: string, pathname: string): boolean {
  return method === "GET" && /^\/api\/attachments\/[^/]+$/.test(pathname);
}

/** The name of the CSP header in force: enforcing, or report-only when the operator asks. */
export function contentSecurityPolicyHeaderName(reportOnly: boolean): string {
  return reportOnly ? "Content-Security-Policy-Report-Only" : "Content-Security-Policy";
}

/** Headers that are the same on every response. */
export function constantSecurityHeaders(appUrl: string): Record<string, string> {
  const headers: Record<string, string> = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    // For browsers that predate frame-ancestors.
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
  };
  if (new URL(appUrl).protocol === "https:") headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
  return headers;
}
