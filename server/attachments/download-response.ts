import "server-only";
import type { DownloadableAttachment } from "./authorize-download";
import { allowedDetectedTypes, allowedTextExtensions } from "./inspect-file";
import { defaultStorageRoot, openAttachmentStream } from "./storage";

/**
 * The HTTP response for an authorized download. Every upload is served as a
 * download, under its detected type, with sniffing off and a sandboxing CSP,
 * so even a file that slipped through as text can never run in our origin.
 */

const servableTypes: ReadonlySet<string> = new Set([...allowedDetectedTypes.keys(), ...allowedTextExtensions.values()]);

/**
 * The Content-Type a download is served under: the stored type when uploads
 * may have it, otherwise bytes. A row that names HTML or SVG (written before
 * the allow-list, by a seed or by hand) is never served as such.
 */
export function servedContentType(storedType: string): string {
  const type = storedType.trim().toLowerCase();
  if (!servableTypes.has(type)) return "application/octet-stream";
  return type.startsWith("text/") ? `${type}; charset=utf-8` : type;
}

/** The file as a streamed download, or null when its bytes are missing from storage. */
export async function attachmentDownloadResponse(
  attachment: DownloadableAttachment,
  storageRoot = defaultStorageRoot,
): Promise<Response | null> {
  const opened = await openAttachmentStream(attachment.storageKey, storageRoot);
  if (!opened) {
    console.error(`Attachment ${attachment.id}: stored bytes ${attachment.storageKey} are missing.`);
    return null;
  }
  return new Response(opened.stream, {
    status: 200,
    headers: {
      "Content-Type": servedContentType(attachment.contentType),
      "Content-Length": String(opened.size),
      "Content-Disposition": contentDispositionAttachment(attachment.fileName),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}

/**
 * RFC 6266 `attachment` with an ASCII fallback for old clients and the exact
 * name in RFC 5987 `filename*` for everyone else.
 */
export function contentDispositionAttachment(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
