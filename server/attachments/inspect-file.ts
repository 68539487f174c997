import "server-only";
import { fileTypeFromBuffer } from "file-type";
import { AppError } from "@/server/errors";
import { assertNotBlocked } from "./blocked-extensions";
import { cleanFileName, extensionOf, withExtension } from "./file-name";
import { inlineTypes } from "./inline-types";

/**
 * Decides whether an upload may be stored, and as what. Any type is kept (a
 * forwarded .eml, an .ics invite, a screen recording, a HAR capture, a
 * config file without an extension) as long as it is within the size limit
 * and its extension is not on the admins' block-list. What it may do once
 * stored is decided by the content type recorded here, which comes from the
 * bytes (file-type reads the magic bytes), never from the client's
 * Content-Type or the name: only detected raster images and PDF are ever
 * shown inline (inline-types.ts); everything else is served as bytes.
 *
 * Our choice when the content of an inline type contradicts the name (a
 * ".png" that is really a PDF): keep it under the detected type and give the
 * stored name the right extension ("scan.pdf"), so the name never claims a
 * type the bytes are not. Other files keep their (cleaned) name.
 */

/**
 * Text has no magic bytes, so file-type cannot detect it: the name says text
 * and the bytes are valid UTF-8 without NUL bytes. The type is informational
 * only (text is served as a download like everything that is not inline).
 */
const textExtensions: ReadonlyMap<string, "text/plain" | "text/csv"> = new Map([
  ["txt", "text/plain"],
  ["log", "text/plain"],
  ["md", "text/plain"],
  ["json", "text/plain"],
  ["csv", "text/csv"],
]);

/** The stored type of bytes nothing recognises. */
export const unknownContentType = "application/octet-stream";

/** Refusal because of size, so the HTTP route can answer 413; it is still an AppError (INVALID) everywhere else. */
export class AttachmentTooLargeError extends AppError {
  constructor(maxBytes: number, size?: number) {
    const limit = formatMegabytes(maxBytes);
    const actual = size === undefined || formatMegabytes(size) === limit ? "" : ` This one is ${formatMegabytes(size)}.`;
    super("INVALID", `Files can be at most ${limit}.${actual}`);
  }
}

export interface InspectedFile {
  /** Cleaned display name; for an inline type, with an extension that matches the content. */
  fileName: string;
  /** Detected from the content; application/octet-stream when nothing recognises it. */
  contentType: string;
  size: number;
}

export interface InspectionLimits {
  maxBytes: number;
  /** settings.blockedExtensions. */
  blockedExtensions: readonly string[];
}

/** Checks size and the block-list; throws AttachmentTooLargeError, BlockedFileError or AppError("INVALID") saying why. */
export async function inspectFile(file: { name: string; bytes: Uint8Array }, limits: InspectionLimits): Promise<InspectedFile> {
  const size = file.bytes.byteLength;
  assertAttachmentSize(size, limits.maxBytes);
  const name = cleanFileName(file.name);
  const detected = await fileTypeFromBuffer(file.bytes);
  assertNotBlocked(name, detected?.ext, limits.blockedExtensions);

  if (detected) {
    const inlineExtensions = inlineTypes.get(detected.mime);
    return { fileName: inlineExtensions ? withExtension(name, inlineExtensions) : name, contentType: detected.mime, size };
  }
  const textType = textExtensions.get(extensionOf(name) ?? "");
  return { fileName: name, contentType: textType && isUtf8Text(file.bytes) ? textType : unknownContentType, size };
}

/** Size rule on its own, so the upload route can refuse a large body before reading it. */
export function assertAttachmentSize(size: number, maxBytes: number): void {
  if (size <= 0) throw new AppError("INVALID", "The file is empty.");
  if (size > maxBytes) throw new AttachmentTooLargeError(maxBytes, size);
}

function isUtf8Text(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

export function formatMegabytes(bytes: number): string {
  const megabytes = bytes / (1024 * 1024);
  const shown = megabytes >= 1 ? Math.round(megabytes * 10) / 10 : Number(megabytes.toPrecision(2));
  return `${shown} MB`;
}
