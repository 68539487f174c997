import { getDb } from "@/server/db";
import { handleResendWebhook } from "@/server/email/inbound/resend-webhook";
import { env } from "@/server/env";

/** Resend's email.received webhook; see server/email/inbound/resend-webhook.ts. */
export async function POST(request: Request) {
  return handleResendWebhook(request, {
    db: await getDb(),
    webhookSecret: env.RESEND_WEBHOOK_SECRET,
    apiKey: env.RESEND_API_KEY,
    maxBytes: env.INBOUND_MAX_BYTES,
  });
}
