import { findDownloadableAttachment } from "@/server/attachments/authorize-download";
import { attachmentDownloadResponse } from "@/server/attachments/download-response";
import { attachmentErrorResponse } from "@/server/attachments/error-response";
import { getSessionUser } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { AppError } from "@/server/errors";

const notFound = "This file does not exist or is not yours to see.";

/**
 * Download an attachment. Missing and forbidden get the same 404, so ids
 * cannot be probed. No session is needed for a public article's image (the
 * help center is open to everyone); without one, nothing else is found.
 */
export async function GET(_request: Request, context: RouteContext<"/api/attachments/[id]">) {
  try {
    const user = await getSessionUser();
    const { id } = await context.params;
    const attachment = await findDownloadableAttachment(await getDb(), user, id);
    const response = attachment && (await attachmentDownloadResponse(attachment));
    if (!response) throw new AppError("NOT_FOUND", notFound);
    return response;
  } catch (error) {
    return attachmentErrorResponse(error);
  }
}
