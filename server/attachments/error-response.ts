import { isAppError, type AppErrorCode } from "@/server/errors";
import { AttachmentTooLargeError } from "./inspect-file";

/**
 * JSON error responses for the attachment route handlers (they sit outside
 * tRPC, so they do here what its error formatter does there): expected
 * failures say what went wrong, anything else is logged and answered with a
 * generic message, never a stack trace.
 */

const statusFor: Record<AppErrorCode, number> = {
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  UNAUTHORIZED: 401,
  CONFLICT: 409,
  INVALID: 400,
  RATE_LIMITED: 429,
};

export function attachmentErrorResponse(error: unknown): Response {
  if (error instanceof AttachmentTooLargeError) return jsonError(413, error.message);
  if (isAppError(error)) return jsonError(statusFor[error.code], error.message);
  console.error("Attachment request failed:", error);
  return jsonError(500, "Something went wrong on our side. Please try again.");
}

export function jsonError(status: number, message: string): Response {
  return Response.json({ error: message }, { status, headers: { "Cache-Control": "no-store" } });
}
