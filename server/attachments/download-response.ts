import type { DownloadableAttachment } from "./authorize-download";
import { defaultStorageRoot, openAttachmentStream } from "./storage";

/**
 * The HTTP response for an authorized download. Every upload is served as a
 * download, under its detected type, with sniffing off and a sandboxing CSP,
 * so even a file that slipped through as text can never run in our origin.
 */

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
      "Content-Type": attachment.contentType.startsWith("text/") ? `${attachment.contentType}; charset=utf-8` : attachment.contentType,
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
