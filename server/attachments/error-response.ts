import "server-only";
import { errorResponse, jsonError } from "@/server/error-response";
import { nonPageContentSecurityPolicy } from "@/server/security/security-headers";
import { AttachmentTooLargeError } from "./inspect-file";

/**
 * The attachment route handlers' answer to a failure: a file over the limit
 * is 413, everything else goes through the shared error response
 * (server/error-response.ts), so its codes mean what they mean in tRPC.
 */
export function attachmentErrorResponse(error: unknown): Response {
  const response = error instanceof AttachmentTooLargeError ? jsonError(413, error.message) : errorResponse(error, "Attachment request");
  // The download route sets its own policy (the proxy leaves it alone there), errors included.
  response.headers.set("Content-Security-Policy", nonPageContentSecurityPolicy);
  return response;
}
