import { uploadAttachmentFromRequest } from "@/server/attachments/upload-request";
import { attachmentErrorResponse } from "@/server/attachments/error-response";
import { getSessionUser } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { AppError } from "@/server/errors";

/** Upload one file (multipart field "file"); it stays pending until a message links it. */
export async function POST(request: Request) {
  try {
    const user = await getSessionUser();
    if (!user) throw new AppError("UNAUTHORIZED", "Please sign in to continue.");
    const uploaded = await uploadAttachmentFromRequest(await getDb(), user, request);
    return Response.json(uploaded, { status: 201, headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return attachmentErrorResponse(error);
  }
}
