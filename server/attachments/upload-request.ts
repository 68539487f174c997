import "server-only";
import type { DbOrTx } from "@/db/types";
import { AppError } from "@/server/errors";
import { getSettings } from "@/server/settings/settings";
import type { SessionUser } from "@/server/users/session-user";
import { AttachmentTooLargeError, assertAttachmentSize } from "./inspect-file";
import { uploadAttachment, type UploadedAttachment, type UploadOptions } from "./upload";

/**
 * Reads the one file of a multipart upload request without ever holding more
 * than the size limit (plus room for the multipart envelope) in memory: a
 * declared Content-Length over the limit is refused before reading, and a
 * body without one (chunked) is cut off as soon as it passes the limit.
 */

/** Room for boundaries and part headers around the file itself. */
const multipartEnvelopeBytes = 64 * 1024;

/** What POST /api/attachments does once it knows who is asking. */
export async function uploadAttachmentFromRequest(
  db: DbOrTx,
  uploader: SessionUser,
  request: Request,
  options: UploadOptions = {},
): Promise<UploadedAttachment> {
  const { attachmentMaxBytes } = await getSettings(db);
  const file = await readUploadRequest(request, attachmentMaxBytes);
  return uploadAttachment(db, uploader, file, options);
}

export async function readUploadRequest(request: Request, maxBytes: number): Promise<{ name: string; bytes: Uint8Array }> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(contentType)) {
    throw new AppError("INVALID", "Send the file as multipart/form-data, in a field named \"file\".");
  }
  const maxBodyBytes = maxBytes + multipartEnvelopeBytes;
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBodyBytes) throw new AttachmentTooLargeError(maxBytes);

  const body = await readBodyUpTo(request, maxBodyBytes, maxBytes);
  let form: FormData;
  try {
    form = await new Response(body, { headers: { "content-type": contentType } }).formData();
  } catch {
    throw new AppError("INVALID", "The upload could not be read. Please try again.");
  }

  const files = form.getAll("file");
  const [file] = files;
  if (files.length !== 1 || !(file instanceof File)) {
    throw new AppError("INVALID", files.length > 1 ? "Upload one file at a time." : "Choose a file to upload.");
  }
  assertAttachmentSize(file.size, maxBytes);
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

async function readBodyUpTo(request: Request, maxBodyBytes: number, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  if (!request.body) throw new AppError("INVALID", "Choose a file to upload.");
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBodyBytes) {
      await reader.cancel();
      throw new AttachmentTooLargeError(maxBytes);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
