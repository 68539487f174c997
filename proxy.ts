import { NextResponse, type NextRequest } from "next/server";
import { INVALID_CURSOR_MESSAGE, parseCursor } from "@/lib/page-cursor";
import { env } from "@/server/env";
import { crossSiteRefusal, hostOf } from "@/server/security/same-origin";
import {
  constantSecurityHeaders,
  contentSecurityPolicyHeaderName,
  createNonce,
  nonPageContentSecurityPolicy,
  pageContentSecurityPolicy,
  setsOwnContentSecurityPolicy,
} from "@/server/security/security-headers";

/**
 * Runs before every request: the one place that refuses cross-site writes,
 * NUL bytes and tampered list cursors in page addresses, and sets the
 * security headers on every response. It also passes the requested path to
 * server components: layouts cannot see the URL, and a sign-in redirect from a
 * layout should return the person to where they were going.
 */

const appHost = hostOf(env.APP_URL);
const cspHeader = contentSecurityPolicyHeaderName(env.CSP_REPORT_ONLY);
const constantHeaders = constantSecurityHeaders(env.APP_URL);
const development = env.NODE_ENV === "development";

/** Pages whose `cursor` parameter is a keyset cursor (lib/page-cursor.ts). */
const KEYSET_LIST_PAGES = new Set(["/tickets", "/desk"]);

/** Pages that live under /api/ (the API's own reference); everything else there is a route handler. */
const PAGES_UNDER_API = new Set(["/api/docs"]);

function isPage(pathname: string): boolean {
  return PAGES_UNDER_API.has(pathname) || (!pathname.startsWith("/api/") && !pathname.startsWith("/_next/"));
}

/** `policy` null: the route handler sets its own (setsOwnContentSecurityPolicy), which a header set here would replace. */
function withSecurityHeaders(response: NextResponse, policy: string | null): NextResponse {
  for (const [name, value] of Object.entries(constantHeaders)) response.headers.set(name, value);
  if (policy) response.headers.set(cspHeader, policy);
  return response;
}

function refusal(status: 400 | 403, message: string): NextResponse {
  const response = new NextResponse(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  return withSecurityHeaders(response, nonPageContentSecurityPolicy);
}

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  // PostgreSQL refuses NUL in text, so a page address with one (`?q=%00`) is
  // answered here; tRPC and route handlers refuse it in their own error shape.
  if (isPage(pathname) && /%00|\0/i.test(pathname + search)) {
    return refusal(400, "The address contains a NUL character, which is not allowed.");
  }

  // A tampered page link on a keyset list is a client error, said as one (the page itself cannot set a 400).
  const cursor = request.nextUrl.searchParams.get("cursor");
  if (cursor !== null && KEYSET_LIST_PAGES.has(pathname) && !parseCursor(cursor)) {
    return refusal(400, INVALID_CURSOR_MESSAGE);
  }

  const refused = crossSiteRefusal({
    method: request.method,
    pathname,
    origin: request.headers.get("origin"),
    fetchSite: request.headers.get("sec-fetch-site"),
    ownHosts: [appHost, request.headers.get("host"), request.headers.get("x-forwarded-host")?.split(",")[0]]
      .map((host) => host?.trim().toLowerCase())
      .filter((host): host is string => Boolean(host)),
  });
  if (refused) return refusal(403, refused);

  if (!isPage(pathname)) {
    return withSecurityHeaders(NextResponse.next(), setsOwnContentSecurityPolicy(request.method, pathname) ? null : nonPageContentSecurityPolicy);
  }

  const policy = pageContentSecurityPolicy(createNonce(), { appUrl: env.APP_URL, development });
  const headers = new Headers(request.headers);
  headers.set("x-frontdesk-path", pathname + search);
  // Next.js finds the nonce in the request's policy and stamps its own scripts with it.
  headers.set(cspHeader, policy);
  return withSecurityHeaders(NextResponse.next({ request: { headers } }), policy);
}

export const config = {
  // Every request, static files included, so every response carries the headers.
  matcher: "/:path*",
};
