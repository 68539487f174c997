import { Section, Text } from "@react-email/components";
import type { CSSProperties } from "react";
import ReactMarkdown, { type Components } from "react-markdown";
import rehypeSanitize from "rehype-sanitize";
import remarkGfm from "remark-gfm";
import { monoFontFamily, palette, wrapLongWords } from "./email-theme";

/**
 * A message someone wrote, as sanitized Markdown, in a bordered card. Same
 * pipeline as components/markdown.tsx: raw HTML in the source is never emitted
 * as HTML (rehype-sanitize drops it), and links keep only safe protocols.
 * Everything is styled inline because email clients drop <style>. Images are
 * shown as links, so opening the email never fetches a third-party image.
 */
export function MessageBody({ markdown, byline }: { markdown: string; byline?: string }) {
  return (
    <Section style={card}>
      {byline ? <Text style={bylineText}>{byline}</Text> : null}
      <div style={content}>
        <ReactMarkdown remarkPlugins={[remarkGfm]} rehypePlugins={[rehypeSanitize]} components={components}>
          {markdown}
        </ReactMarkdown>
      </div>
    </Section>
  );
}

type HastNode = { type: string; value?: string; children?: HastNode[] };

function textOf(node: HastNode | undefined): string {
  if (!node) return "";
  if (node.type === "text") return node.value ?? "";
  return (node.children ?? []).map(textOf).join("");
}

const block: CSSProperties = { margin: "0 0 12px" };
const list: CSSProperties = { ...block, paddingLeft: "22px" };
const heading: CSSProperties = { margin: "16px 0 8px", fontWeight: 600, lineHeight: "22px" };
const cell: CSSProperties = { border: `1px solid ${palette.border}`, padding: "4px 8px", textAlign: "left", verticalAlign: "top" };

const components: Components = {
  p: ({ children }) => <p style={block}>{children}</p>,
  ul: ({ children }) => <ul style={list}>{children}</ul>,
  ol: ({ children, start }) => (
    <ol style={list} start={start}>
      {children}
    </ol>
  ),
  li: ({ children }) => <li style={{ margin: "0 0 4px" }}>{children}</li>,
  // A link whose URL the sanitizer removed (javascript:, data:, …) stays as its text.
  a: ({ href, children }) =>
    href ? (
      <a href={href} rel="noopener noreferrer nofollow" style={{ color: palette.accent, textDecoration: "underline" }}>
        {children}
      </a>
    ) : (
      <span>{children}</span>
    ),
  img: ({ src, alt }) =>
    typeof src === "string" ? (
      <a href={src} rel="noopener noreferrer nofollow" style={{ color: palette.accent, textDecoration: "underline" }}>
        {alt ? `Image: ${alt}` : "Image"}
      </a>
    ) : null,
  code: ({ children }) => (
    <code style={{ fontFamily: monoFontFamily, fontSize: "13px", backgroundColor: palette.surfaceMuted, borderRadius: "4px", padding: "1px 4px" }}>{children}</code>
  ),
  // Rendered from the source text, so block code never gets inline code's padding.
  pre: ({ node }) => (
    <pre style={{ ...block, ...wrapLongWords, whiteSpace: "pre-wrap", fontFamily: monoFontFamily, fontSize: "13px", lineHeight: "20px", backgroundColor: palette.surfaceMuted, border: `1px solid ${palette.border}`, borderRadius: "6px", padding: "10px 12px" }}>
      <code>{textOf(node)}</code>
    </pre>
  ),
  blockquote: ({ children }) => (
    <blockquote style={{ ...block, borderLeft: `3px solid ${palette.borderStrong}`, padding: "0 0 0 12px", color: palette.muted }}>{children}</blockquote>
  ),
  h1: ({ children }) => <h2 style={{ ...heading, fontSize: "18px" }}>{children}</h2>,
  h2: ({ children }) => <h3 style={{ ...heading, fontSize: "16px" }}>{children}</h3>,
  h3: ({ children }) => <h4 style={{ ...heading, fontSize: "15px" }}>{children}</h4>,
  h4: ({ children }) => <h5 style={{ ...heading, fontSize: "15px" }}>{children}</h5>,
  h5: ({ children }) => <h6 style={{ ...heading, fontSize: "15px" }}>{children}</h6>,
  h6: ({ children }) => <h6 style={{ ...heading, fontSize: "15px" }}>{children}</h6>,
  hr: () => <hr style={{ border: "none", borderTop: `1px solid ${palette.border}`, margin: "16px 0" }} />,
  table: ({ children }) => (
    <table data-text-table="" style={{ ...block, borderCollapse: "collapse", fontSize: "14px" }}>
      {children}
    </table>
  ),
  // GFM column alignment arrives as a style; keep it.
  th: ({ children, style }) => <th style={{ ...cell, fontWeight: 600, backgroundColor: palette.surfaceMuted, ...style }}>{children}</th>,
  td: ({ children, style }) => <td style={{ ...cell, ...style }}>{children}</td>,
};

const card: CSSProperties = {
  margin: "0 0 20px",
  border: `1px solid ${palette.border}`,
  borderLeft: `3px solid ${palette.accent}`,
  borderRadius: "6px",
  padding: "14px 16px 2px",
  backgroundColor: palette.surface,
};

const bylineText: CSSProperties = {
  margin: "0 0 8px",
  fontSize: "13px",
  lineHeight: "18px",
  fontWeight: 600,
  color: palette.muted,
};

const content: CSSProperties = {
  ...wrapLongWords,
  fontSize: "15px",
  lineHeight: "24px",
  color: palette.text,
};
