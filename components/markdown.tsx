import ReactMarkdown from "react-markdown";
import rehypeSanitize from "rehype-sanitize";
import remarkGfm from "remark-gfm";

/**
 * User-written Markdown. Raw HTML is never rendered, and the output passes
 * through rehype-sanitize (GitHub's allow-list) as a second line of defence.
 *
 * An email's inline images arrive as `![alt](cid:content-id)` (see
 * server/email/inbound/html-to-text.ts); `inlineImages` maps the message's
 * own Content-IDs to their download URLs, and they are swapped in before the
 * sanitizer (which drops the cid: scheme). A cid: with no such file stays
 * unresolved and is dropped.
 */
export function Markdown({ source, inlineImages }: { source: string; inlineImages?: ReadonlyMap<string, string> }) {
  return (
    <div className="prose-message">
      <ReactMarkdown
        remarkPlugins={[remarkGfm]}
        rehypePlugins={inlineImages?.size ? [[resolveCidImages, inlineImages], rehypeSanitize] : [rehypeSanitize]}
        components={{
          a: ({ href, children }) => (
            <a href={href} rel="noopener noreferrer nofollow" target="_blank">
              {children}
            </a>
          ),
        }}
      >
        {source}
      </ReactMarkdown>
    </div>
  );
}

/** A rehype plugin: `<img src="cid:x">` → the URL of the message's part x (RFC 2392: the id is URL-encoded in the cid: form). */
function resolveCidImages(images: ReadonlyMap<string, string>) {
  const visit = (node: TreeNode) => {
    resolveImage(node, images);
    node.children?.forEach(visit);
  };
  return (tree: TreeNode) => visit(tree);
}

/** The part of a hast node this plugin reads (hast's own types are not a dependency of ours). */
interface TreeNode {
  type: string;
  tagName?: string;
  properties?: Record<string, unknown>;
  children?: TreeNode[];
}

function resolveImage(element: TreeNode, images: ReadonlyMap<string, string>): void {
  const src = element.properties?.src;
  if (element.type !== "element" || element.tagName !== "img" || !element.properties || typeof src !== "string" || !/^cid:/i.test(src)) return;
  let contentId = src.slice(4);
  try {
    contentId = decodeURIComponent(contentId);
  } catch {
    // Not percent-encoded after all: compare it as it is.
  }
  const url = images.get(contentId);
  if (url) element.properties.src = url;
}
