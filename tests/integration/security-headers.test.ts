import { describe, expect, it } from "vitest";
import { crossSiteRefusal } from "@/server/security/same-origin";
import { constantSecurityHeaders, createNonce, pageContentSecurityPolicy } from "@/server/security/security-headers";

const own = ["desk.example.com"];
const write = (overrides: Partial<Parameters<typeof crossSiteRefusal>[0]>) =>
  crossSiteRefusal({ method: "POST", pathname: "/api/trpc/tickets.create", origin: null, fetchSite: null, ownHosts: own, ...overrides });

describe("cross-site request refusal", () => {
  it("refuses a write whose Origin is another site, or the opaque null origin", () => {
    expect(write({ origin: "https://evil.example" })).toMatch(/another site/);
    expect(write({ origin: "https://desk.example.com.evil.example" })).toMatch(/another site/);
    expect(write({ origin: "https://desk.example.com:8443" })).toMatch(/another site/);
    expect(write({ origin: "null" })).toMatch(/another site/);
  });

  it("refuses a write that the browser marks cross-site or same-site when it sends no Origin", () => {
    expect(write({ fetchSite: "cross-site" })).toMatch(/another site/);
    expect(write({ fetchSite: "same-site" })).toMatch(/another site/);
  });

  it("lets same-origin writes, reads and cookieless doors through", () => {
    expect(write({ origin: "https://desk.example.com", fetchSite: "same-origin" })).toBeNull();
    // Behind a TLS proxy the app may see http while the browser says https: the host decides.
    expect(write({ origin: "https://DESK.example.com" })).toBeNull();
    expect(write({ fetchSite: "none" })).toBeNull();
    expect(write({ method: "GET", origin: "https://evil.example" })).toBeNull();
    expect(write({ pathname: "/api/inbound/mime", origin: "https://evil.example" })).toBeNull();
    expect(write({ method: "DELETE", origin: "https://evil.example" })).toMatch(/another site/);
  });
});

describe("security headers", () => {
  it("gives pages a nonce-only script policy with no eval in production", () => {
    const nonce = createNonce();
    const policy = pageContentSecurityPolicy(nonce, { appUrl: "https://desk.example.com", development: false });
    expect(policy).toContain(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
    expect(policy).not.toContain("unsafe-eval");
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
    for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'"]) expect(policy).toContain(directive);
    expect(pageContentSecurityPolicy(nonce, { appUrl: "http://localhost:3000", development: true })).toContain("unsafe-eval");
  });

  it("makes a fresh nonce every time", () => {
    expect(new Set(Array.from({ length: 50 }, createNonce)).size).toBe(50);
  });

  it("sends HSTS only when the app is served over https", () => {
    expect(constantSecurityHeaders("https://desk.example.com")["Strict-Transport-Security"]).toMatch(/max-age=\d+/);
    expect(constantSecurityHeaders("http://localhost:3000")["Strict-Transport-Security"]).toBeUndefined();
  });
});
