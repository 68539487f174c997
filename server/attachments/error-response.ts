import "server-only";
import { errorResponse, jsonError } from "@/server/error-response";
import { AttachmentTooLargeError } from "./inspect-file";

/**
 * The attachment route handlers' answer to a failure: a file over the limit
 * is 413, everything else goes through the shared error response
 * (server/error-response.ts), so its codes mean what they mean in tRPC.
 */
export function attachmentErrorResponse(error: unknown): Response {
  if (error instanceof AttachmentTooLargeError) return jsonError(413, error.message);
  return errorResponse(error, "Attachment request");
}
