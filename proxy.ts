import { NextResponse, type NextRequest } from "next/server";

/**
 * Passes the requested path to server components as a header: layouts cannot
 * see the URL, and a sign-in redirect from a layout should return the person
 * to where they were going.
 */
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set("x-frontdesk-path", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: ["/tickets/:path*", "/desk/:path*"],
};
