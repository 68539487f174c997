/**
 * What the help center's article page does with an image in the body: the
 * same sanitized Markdown as ticket messages (components/markdown.tsx) keeps
 * an <img> whose src is our own download route, and the page's policy lets
 * the browser load it from our origin, and from no other.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown } from "@/components/markdown";
import { pageContentSecurityPolicy } from "@/server/security/security-headers";

const imageId = "3f1c2a9e-5b7d-4c1e-9a0b-1d2e3f4a5b6c";
const render = (source: string) => renderToStaticMarkup(createElement(Markdown, { source }));

describe("article images in the help center's Markdown", () => {
  it("keeps an image of our download route, with its alt text", () => {
    expect(render(`Click **Print**:\n\n![The print dialog](/api/attachments/${imageId})`)).toContain(`<img src="/api/attachments/${imageId}" alt="The print dialog"/>`);
  });

  it("drops scripts and event handlers around it, as for messages", () => {
    const html = render(`![x](javascript:alert(1)) <img src="/api/attachments/${imageId}" onerror="alert(1)"> <script>alert(1)</script>`);
    expect(html).not.toMatch(/javascript:|onerror|<script/i);
  });

  it("is served under a page policy that loads images from our origin only (no other host is allowed)", () => {
    const policy = pageContentSecurityPolicy("bm9uY2U=", { appUrl: "https://help.example.com", development: false });
    const imageSources = policy.split("; ").find((directive) => directive.startsWith("img-src "));
    expect(imageSources).toBe("img-src 'self' data: blob:");
  });
});
