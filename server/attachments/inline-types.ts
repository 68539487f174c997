import "server-only";

/**
 * THE rule for what a browser may show inline from our origin: raster
 * images and PDF, and only when file-type detected them from the bytes (the
 * stored content type of an upload is always the detected one; see
 * inspect-file.ts). Everything else, SVG above all (it is active content),
 * is served as a download of plain bytes (download-response.ts).
 *
 * A Map of MIME type to the extensions its name may end in (the first is the
 * one we add), not an object literal: a lookup by a name like
 * "x.constructor" must not reach Object's prototype.
 */
export const inlineTypes: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>([
  ["image/png", ["png"]],
  // An animated PNG is a PNG to every viewer; file-type tells them apart.
  ["image/apng", ["png", "apng"]],
  ["image/jpeg", ["jpg", "jpeg"]],
  ["image/gif", ["gif"]],
  ["image/webp", ["webp"]],
  ["application/pdf", ["pdf"]],
]);

/** Whether a stored content type may be served inline, under that type. */
export function isInlineType(storedType: string): boolean {
  return inlineTypes.has(storedType.trim().toLowerCase());
}
