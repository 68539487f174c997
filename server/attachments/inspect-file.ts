import "server-only";
import { fileTypeFromBuffer } from "file-type";
import { AppError } from "@/server/errors";

/**
 * Decides whether an upload may be stored, and as what. The type comes from
 * the content (file-type reads the magic bytes), never from the client's
 * Content-Type or the name, against a closed allow-list. Anything that a
 * browser could run (HTML, SVG, scripts, executables) is refused.
 *
 * Our choice when the content contradicts the name (a ".png" that is really a
 * PDF): accept it under the detected type and give the stored name the right
 * extension ("scan.pdf"), so the name never claims a type the bytes are not.
 * The one exception is an office document that detects only as a plain zip
 * (they are zip containers): it keeps its .docx/.xlsx/.pptx name.
 */

const officeZipExtensions = ["docx", "xlsx", "pptx"] as const;

/**
 * Detected (binary) types we accept, by the MIME type file-type reports, with
 * the extensions a name may end in (the first is the one we add). Maps, not
 * object literals: a lookup by a name like "x.constructor" must not reach
 * Object's prototype.
 */
export const allowedDetectedTypes: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>([
  ["image/png", ["png"]],
  // An animated PNG is a PNG to every viewer; file-type tells them apart.
  ["image/apng", ["png", "apng"]],
  ["image/jpeg", ["jpg", "jpeg"]],
  ["image/gif", ["gif"]],
  ["image/webp", ["webp"]],
  ["application/pdf", ["pdf"]],
  ["application/zip", ["zip", ...officeZipExtensions]],
  ["application/vnd.openxmlformats-officedocument.wordprocessingml.document", ["docx"]],
  ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ["xlsx"]],
  ["application/vnd.openxmlformats-officedocument.presentationml.presentation", ["pptx"]],
]);

/**
 * Text has no magic bytes, so file-type cannot detect it: we accept it only
 * when the name says text and the bytes are valid UTF-8 without NUL bytes.
 */
export const allowedTextExtensions: ReadonlyMap<string, "text/plain" | "text/csv"> = new Map([
  ["txt", "text/plain"],
  ["log", "text/plain"],
  ["md", "text/plain"],
  ["json", "text/plain"],
  ["csv", "text/csv"],
]);

export const allowedTypesMessage =
  "Allowed file types: images (PNG, JPEG, GIF, WebP), PDF, ZIP, Word, Excel and PowerPoint documents (.docx, .xlsx, .pptx), " +
  "and UTF-8 text files (.txt, .log, .csv, .md, .json).";

const maxFileNameLength = 255;
const fallbackFileName = "attachment";

/** Refusal because of size, so the HTTP route can answer 413; it is still an AppError (INVALID) everywhere else. */
export class AttachmentTooLargeError extends AppError {
  constructor(maxBytes: number, size?: number) {
    const limit = formatMegabytes(maxBytes);
    const actual = size === undefined || formatMegabytes(size) === limit ? "" : ` This one is ${formatMegabytes(size)}.`;
    super("INVALID", `Files can be at most ${limit}.${actual}`);
  }
}

export interface InspectedFile {
  /** Cleaned display name, with an extension that matches the content. */
  fileName: string;
  contentType: string;
  size: number;
}

/** Checks size and content type; throws AppError("INVALID", …) saying what is allowed. */
export async function inspectFile(file: { name: string; bytes: Uint8Array }, limits: { maxBytes: number }): Promise<InspectedFile> {
  const size = file.bytes.byteLength;
  assertAttachmentSize(size, limits.maxBytes);
  const name = cleanFileName(file.name);

  const detected = await fileTypeFromBuffer(file.bytes);
  if (detected) {
    const allowed = allowedDetectedTypes.get(detected.mime);
    if (!allowed) throw new AppError("INVALID", `This file is not a type we accept. ${allowedTypesMessage}`);
    return { fileName: withExtension(name, allowed), contentType: detected.mime, size };
  }

  const textType = allowedTextExtensions.get(extensionOf(name) ?? "");
  if (textType && isUtf8Text(file.bytes)) return { fileName: name, contentType: textType, size };
  throw new AppError("INVALID", `This file is not a type we accept. ${allowedTypesMessage}`);
}

/** Size rule on its own, so the upload route can refuse a large body before reading it. */
export function assertAttachmentSize(size: number, maxBytes: number): void {
  if (size <= 0) throw new AppError("INVALID", "The file is empty.");
  if (size > maxBytes) throw new AttachmentTooLargeError(maxBytes, size);
}

/**
 * A name safe to show and to offer as a download name: the last path part
 * only (both / and \), no control or invisible formatting characters (which
 * include the right-to-left override used to disguise "exe.txt"), no leading
 * dots, at most 255 characters, and never empty.
 */
export function cleanFileName(raw: string): string {
  const withoutControls = raw.normalize("NFC").replace(/[\p{Cc}\p{Cf}]/gu, "");
  const lastPart = withoutControls.split(/[/\\]/).pop() ?? "";
  const cleaned = lastPart.trim().replace(/^[.\s]+/, "").trim();
  return truncateName(cleaned) || fallbackFileName;
}

function extensionOf(name: string): string | null {
  const match = /\.([^.]+)$/.exec(name);
  return match?.[1] ? match[1].toLowerCase() : null;
}

/** Keeps the name when its extension fits the type; otherwise replaces a real-looking extension, or appends one. */
function withExtension(name: string, extensions: readonly string[]): string {
  const current = extensionOf(name);
  const [preferred] = extensions;
  if (!preferred || (current && extensions.includes(current))) return name;
  const stem = current && /^[a-z][a-z0-9]{0,4}$/.test(current) ? name.slice(0, -(current.length + 1)) : name;
  return truncateName(`${stem || fallbackFileName}.${preferred}`);
}

/** Cuts the stem, by code points, so the extension survives. */
function truncateName(name: string): string {
  const characters = Array.from(name);
  if (characters.length <= maxFileNameLength) return name;
  const suffix = /\.[^.]{1,16}$/.exec(name)?.[0] ?? "";
  return characters.slice(0, maxFileNameLength - Array.from(suffix).length).join("") + suffix;
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
