import "server-only";
import { AppError } from "@/server/errors";
import { extensionOf } from "./file-name";

/**
 * The admins' block-list of extensions (settings.blockedExtensions): a file
 * whose name ends in one, or whose bytes are detected as one (an .exe renamed
 * "photo.png"), is refused at upload and not kept from email. Only the last
 * extension counts, as it does for the system that would open the file:
 * "report.pdf.exe" is an .exe; names are cleaned first (cleanFileName), so a
 * trailing dot or space cannot hide it.
 */

export class BlockedFileError extends AppError {
  readonly fileName: string;
  readonly extension: string;
  /** Why, without the name: ".exe files are blocked by the admin". */
  readonly reason: string;

  constructor(fileName: string, extension: string, detected: boolean) {
    const reason = `${detected ? `its content is a .${extension} file, and ` : ""}.${extension} files are blocked by the admin`;
    super("INVALID", `Not accepted: ${fileName} (${reason}).`);
    this.fileName = fileName;
    this.extension = extension;
    this.reason = reason;
  }
}

/** The settings' list as we compare it: lower case, no dots (an admin may have typed ".EXE"). */
function normalizedList(blocked: readonly string[]): Set<string> {
  return new Set(blocked.map((extension) => extension.trim().replace(/^\.+/, "").toLowerCase()).filter(Boolean));
}

/** Throws BlockedFileError when the (cleaned) name or the detected extension is on the list. */
export function assertNotBlocked(cleanedName: string, detectedExtension: string | undefined, blocked: readonly string[]): void {
  const list = normalizedList(blocked);
  const named = extensionOf(cleanedName);
  if (named && list.has(named)) throw new BlockedFileError(cleanedName, named, false);
  const detected = detectedExtension?.toLowerCase();
  if (detected && list.has(detected)) throw new BlockedFileError(cleanedName, detected, true);
}
