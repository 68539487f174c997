import { getSessionUser } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { errorResponse } from "@/server/error-response";
import { AppError } from "@/server/errors";
import { openLiveStream } from "@/server/live/live-stream";

/**
 * Live updates for the signed-in person, as Server-Sent Events
 * (lib/live-events.ts says what they mean): what changed, never the data,
 * and only about tickets and messages they may see.
 */
export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  try {
    const user = await getSessionUser();
    if (!user) throw new AppError("UNAUTHORIZED", "Please sign in to continue.");
    return await openLiveStream(await getDb(), user, { lastEventId: request.headers.get("last-event-id"), signal: request.signal });
  } catch (error) {
    return errorResponse(error, "Live stream");
  }
}
