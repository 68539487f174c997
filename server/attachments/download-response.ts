import "server-only";
import type { DownloadableAttachment } from "./authorize-download";
import { nonPageContentSecurityPolicy } from "@/server/security/security-headers";
import { isInlineType } from "./inline-types";
import { defaultStorageRoot, openAttachmentStream } from "./storage";

/**
 * The HTTP response for an authorized download, and THE rule for how a file
 * is served (servingOf): a detected raster image or PDF (inline-types.ts) is
 * shown inline under its type; everything else (SVG, HTML, a forwarded
 * .eml, a video, text, unknown bytes) goes out as application/octet-stream
 * with `Content-Disposition: attachment`, so no browser ever renders it in
 * our origin. Sniffing is off for all of them.
 */

/** Sandboxed: no scripts, no plugins, an opaque origin, even if a browser did render the bytes (the proxy leaves downloads' policy to this file). */
export const sandboxPolicy = nonPageContentSecurityPolicy;
/**
 * A PDF cannot be sandboxed: Chrome refuses to start its viewer in a
 * sandboxed document (and Safari shows an empty page), and the viewer's
 * page needs its own inline styles. The PDF's scripts run in the viewer's
 * isolated process, never in our origin, and with nosniff the bytes are a
 * PDF or nothing; the policy still allows no fetches, frames or forms.
 */
export const pdfPolicy = "default-src 'none'; style-src 'unsafe-inline'; object-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export interface Serving {
  contentType: string;
  disposition: "inline" | "attachment";
  contentSecurityPolicy: string;
}

/** How a file of this stored (detected) type is served. A row that names HTML or SVG (a seed, a hand edit) is bytes like anything else. */
export function servingOf(storedType: string): Serving {
  const type = storedType.trim().toLowerCase();
  if (!isInlineType(type)) return { contentType: "application/octet-stream", disposition: "attachment", contentSecurityPolicy: sandboxPolicy };
  return { contentType: type, disposition: "inline", contentSecurityPolicy: type === "application/pdf" ? pdfPolicy : sandboxPolicy };
}

/** The file as a streamed response, or null when its bytes are missing from storage. */
export async function attachmentDownloadResponse(
  attachment: DownloadableAttachment,
  storageRoot = defaultStorageRoot,
): Promise<Response | null> {
  const opened = await openAttachmentStream(attachment.storageKey, storageRoot);
  if (!opened) {
    console.error(`Attachment ${attachment.id}: stored bytes ${attachment.storageKey} are missing.`);
    return null;
  }
  const serving = servingOf(attachment.contentType);
  return new Response(opened.stream, {
    status: 200,
    headers: {
      "Content-Type": serving.contentType,
      "Content-Length": String(opened.size),
      "Content-Disposition": contentDisposition(serving.disposition, attachment.fileName),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
      "Content-Security-Policy": serving.contentSecurityPolicy,
    },
  });
}

/**
 * RFC 6266 with an ASCII fallback for old clients and the exact name in
 * RFC 5987 `filename*` for everyone else.
 */
export function contentDisposition(disposition: Serving["disposition"], fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
