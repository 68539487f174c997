import { attachmentErrorResponse } from "@/server/attachments/error-response";
import { getSessionUser } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { uploadArticleImageFromRequest } from "@/server/knowledge/article-images";

/** Upload one image (multipart field "file") into an article; the answer's id makes its URL, /api/attachments/<id>. */
export async function POST(request: Request, context: RouteContext<"/api/articles/[id]/images">) {
  try {
    const user = await getSessionUser();
    if (!user) throw new AppError("UNAUTHORIZED", "Please sign in to continue.");
    const segment = (await context.params).id;
    if (!/^\d{1,9}$/.test(segment)) throw new AppError("NOT_FOUND", "This article does not exist.");
    const uploaded = await uploadArticleImageFromRequest(await getDb(), user, Number(segment), request);
    return Response.json(uploaded, { status: 201, headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return attachmentErrorResponse(error);
  }
}
