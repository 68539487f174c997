import { getDb } from "@/server/db";
import { handleInboundMime } from "@/server/email/inbound/mime-endpoint";
import { env } from "@/server/env";

/** Raw RFC 822 email from any mail server; see server/email/inbound/mime-endpoint.ts. */
export async function POST(request: Request) {
  return handleInboundMime(request, { db: await getDb(), secret: env.INBOUND_SECRET, maxBytes: env.INBOUND_MAX_BYTES });
}
