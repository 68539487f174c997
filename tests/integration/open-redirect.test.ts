/**
 * Open redirect through callbackUrl: every return path (the sign-in forms,
 * the sign-in page, requireUser's redirect, Auth.js's redirect callback) goes
 * through safeReturnPath, which parses the candidate as a browser would and
 * keeps only a path on the app's own origin. The attack: a sign-in link to
 * /signin?callbackUrl=/\evil.example/ that lands on evil.example after signing in.
 */
import { describe, expect, it } from "vitest";
import { authRedirect, safeReturnPath } from "@/server/auth/return-path";
import { env } from "@/server/env";

const appOrigin = new URL(env.APP_URL).origin;
const appHost = new URL(env.APP_URL).host;

/** Where a browser on one of our pages goes when told `Location: <value>`, or null if it does not navigate anywhere http(s). */
function browserDestination(value: string): string | null {
  try {
    const url = new URL(value, `${appOrigin}/signin?callbackUrl=x`);
    return url.protocol === "http:" || url.protocol === "https:" ? url.origin : null;
  } catch {
    return null;
  }
}

/** Whether following the value, or the path it parses to on our origin, takes a browser off the app. */
function leavesApp(value: string): boolean {
  if (browserDestination(value) !== appOrigin) return true;
  const url = new URL(value, `${appOrigin}/signin`);
  return browserDestination(`${url.pathname}${url.search}${url.hash}`) !== appOrigin;
}

const hostile = [
  "/\\evil.example/",
  "/\\evil.example",
  "/\t/evil.example/",
  "/\n/evil.example",
  "/\r\n/evil.example",
  "\t//evil.example",
  " //evil.example",
  "\u0000//evil.example",
  "//evil.example",
  "//evil.example/tickets",
  "///evil.example",
  "////evil.example",
  "\\\\evil.example",
  "\\/evil.example",
  "/\\/evil.example",
  "https://evil.example",
  "https://evil.example/tickets",
  "http://evil.example",
  "HTTPS://EVIL.EXAMPLE",
  "https:evil.example",
  "https:/evil.example",
  "https:\\\\evil.example",
  `https://${appHost}@evil.example/`,
  `https://${appHost}.evil.example/`,
  "/.//evil.example",
  "/./\\evil.example",
  "/a/..//evil.example",
  "/%2e//evil.example",
  "/%2E%2E//evil.example",
  "javascript:alert(document.domain)",
  "JavaScript:alert(1)",
  "\tjavascript:alert(1)",
  "java\tscript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "vbscript:msgbox(1)",
  "file:///etc/passwd",
  "ftp://evil.example",
  "mailto:someone@evil.example",
];

/** Forms that look alarming but stay on the app: encoded separators are just characters in a path. */
const harmless = [
  "/%5Cevil.example",
  "/%5C%5Cevil.example",
  "/%2F%2Fevil.example",
  "/%0d%0aLocation:%20https://evil.example",
  "/%09/evil.example",
  "/ /evil.example",
  "\\evil.example",
  `//evil.example@${appHost}`,
];

describe("open redirect through callbackUrl", () => {
  it("the hostile forms really leave the app, followed as they are or as the path they parse to", () => {
    // Keeps the lists honest: each hostile entry must be an attack, or the test below proves nothing.
    for (const candidate of hostile) expect(leavesApp(candidate), JSON.stringify(candidate)).toBe(true);
    for (const candidate of harmless) expect(leavesApp(candidate), JSON.stringify(candidate)).toBe(false);
  });

  it.each(hostile.map((candidate) => [JSON.stringify(candidate), candidate]))("refuses %s and returns to the home page", (_, candidate) => {
    expect(safeReturnPath(candidate)).toBe("/");
    expect(safeReturnPath(candidate, { fallback: "" })).toBe("");
    expect(authRedirect({ url: candidate, baseUrl: appOrigin })).toBe(`${appOrigin}/`);
  });

  it.each(harmless.map((candidate) => [candidate]))("keeps %s on the app's own origin", (candidate) => {
    const path = safeReturnPath(candidate);
    expect(path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\")).toBe(true);
    expect(browserDestination(path)).toBe(appOrigin);
    expect(browserDestination(authRedirect({ url: candidate, baseUrl: appOrigin }))).toBe(appOrigin);
  });

  it("keeps ordinary return paths, with their query and fragment", () => {
    for (const path of ["/", "/tickets", "/tickets?status=open&q=printer", "/desk/tickets/42#reply", "/tickets/7?tab=files#f-1"]) {
      expect(safeReturnPath(path)).toBe(path);
      expect(authRedirect({ url: path, baseUrl: appOrigin })).toBe(`${appOrigin}${path}`);
    }
  });

  it("turns an absolute URL on the app's own origin into its path", () => {
    expect(safeReturnPath(`${appOrigin}/desk?view=mine#top`)).toBe("/desk?view=mine#top");
    // Auth.js passes back URLs on the origin the request came in on (behind a proxy that may not be APP_URL).
    const requestOrigin = "https://desk.internal.example";
    expect(authRedirect({ url: `${requestOrigin}/tickets/3`, baseUrl: requestOrigin })).toBe(`${requestOrigin}/tickets/3`);
    expect(authRedirect({ url: requestOrigin, baseUrl: requestOrigin })).toBe(`${requestOrigin}/`);
    expect(authRedirect({ url: "https://evil.example/tickets/3", baseUrl: requestOrigin })).toBe(`${requestOrigin}/`);
    // A sign-in link names the app's origin while Auth.js's base says another host (localhost for 127.0.0.1):
    // the browser must come back where its new session cookie lives.
    expect(authRedirect({ url: `${appOrigin}/tickets`, baseUrl: requestOrigin })).toBe(`${appOrigin}/tickets`);
  });

  it("refuses what is not a string, empty or absurdly long", () => {
    for (const candidate of [undefined, null, 42, ["/tickets"], "", `/${"a".repeat(2_000)}`]) expect(safeReturnPath(candidate)).toBe("/");
    expect(safeReturnPath(["/tickets", "//evil.example"], { fallback: "/tickets" })).toBe("/tickets");
  });
});
