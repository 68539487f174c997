import "server-only";

/**
 * The display and download name of a file. A name comes from whoever sent
 * the file, so it is only ever shown and offered as a download name, never
 * used to find bytes on disk (storage.ts makes its own keys).
 */

const maxFileNameLength = 255;
export const fallbackFileName = "attachment";

/**
 * A name safe to show and to offer as a download name: the last path part
 * only (both / and \), no control or invisible formatting characters (which
 * include the right-to-left override used to disguise "exe.txt"), none of
 * the characters Windows refuses in names, no leading dots (".htaccess" is
 * kept as "htaccess", never a hidden file), no trailing dots or spaces
 * (Windows drops them, so "x.exe." would run as x.exe), at most 255
 * characters, and never empty.
 */
export function cleanFileName(raw: string): string {
  const withoutControls = raw.normalize("NFC").replace(/[\p{Cc}\p{Cf}]/gu, "");
  const lastPart = withoutControls.split(/[/\\]/).pop() ?? "";
  const cleaned = lastPart
    .replace(/[<>:"|?*]/g, "_")
    .trim()
    .replace(/^[.\s]+/, "")
    .replace(/[.\s]+$/, "");
  return truncateName(cleaned) || fallbackFileName;
}

/** The last extension, lower-case, without the dot; null when the name has none. */
export function extensionOf(name: string): string | null {
  const match = /\.([^.]+)$/.exec(name);
  return match?.[1] ? match[1].toLowerCase() : null;
}

/** Keeps the name when its extension is one of `extensions`; otherwise replaces a real-looking extension, or appends the first. */
export function withExtension(name: string, extensions: readonly string[]): string {
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
