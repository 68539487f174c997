import "server-only";
import { Resend } from "resend";
import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { z } from "zod";
import type { Db } from "@/db/types";
import { isDeliveryReport, recordDeliveryReport } from "../mailbox";
import { recordInbound } from "./inbound-log";
import { ingestRawEmail } from "./ingest";
import { normalizeMessageId } from "./message-id";
import { jsonResponse, readLimited } from "./read-limited";

/**
 * POST /api/webhooks/resend: Resend's `email.received` event (and its
 * delivery reports for mail we sent, recorded by ../mailbox.ts). The event
 * carries only metadata, so the handler verifies its Svix signature
 * (standardwebhooks, 5-minute tolerance against replays), fetches the email
 * through Resend's receiving API, downloads the raw MIME and ingests those
 * exact bytes: one parser and one set of rules for every inbound path.
 *
 * Status codes are chosen for Resend's retries: 2xx for every outcome that
 * is final (processed, ignored, already seen, and rejected too: retrying a
 * rejected email would only be rejected again), 401 for a bad signature,
 * 502/503/500 when something may work later (Resend delivers again, and
 * idempotency makes the redelivery safe).
 */

export interface ResendWebhookConfig {
  db: Db;
  /** RESEND_WEBHOOK_SECRET (whsec_…); unset refuses everything with 503. */
  webhookSecret: string | undefined;
  /** RESEND_API_KEY, needed to fetch the received email. */
  apiKey: string | undefined;
  /** INBOUND_MAX_BYTES. */
  maxBytes: number;
  supportEmail?: string;
  storageRoot?: string;
}

// Events are small JSON documents; anything bigger is not one.
const maxPayloadBytes = 1024 * 1024;
const apiTimeoutMs = 15_000;
const downloadTimeoutMs = 30_000;

const eventSchema = z.looseObject({
  type: z.string().max(100),
  data: z.looseObject({ email_id: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/).optional() }).optional(),
});

export async function handleResendWebhook(request: Request, config: ResendWebhookConfig): Promise<Response> {
  if (!config.webhookSecret) return jsonResponse(503, { error: "The Resend webhook is not configured (RESEND_WEBHOOK_SECRET is unset)." });
  let webhook: Webhook;
  try {
    webhook = new Webhook(config.webhookSecret);
  } catch {
    console.error("[inbound resend] RESEND_WEBHOOK_SECRET is not a valid signing secret (expected whsec_ followed by base64).");
    return jsonResponse(503, { error: "The Resend webhook is misconfigured." });
  }

  const payloadBytes = await readLimited(request.body, maxPayloadBytes);
  if (payloadBytes.byteLength > maxPayloadBytes) return jsonResponse(413, { error: "The event is too large." });
  const payload = Buffer.from(payloadBytes).toString("utf8");

  let verified: unknown;
  try {
    verified = webhook.verify(payload, signatureHeaders(request.headers));
  } catch (error) {
    if (error instanceof WebhookVerificationError) return jsonResponse(401, { error: "Invalid webhook signature." });
    return jsonResponse(400, { error: "The event is not valid JSON." });
  }
  const event = eventSchema.safeParse(verified);
  if (!event.success) return jsonResponse(400, { error: "The event does not have the expected shape." });
  // Delivery reports for mail we sent (email.delivered, email.bounced) update its outbox row.
  if (isDeliveryReport(event.data.type)) return jsonResponse(200, await recordDeliveryReport(config.db, verified));
  if (event.data.type !== "email.received") {
    return jsonResponse(200, { status: "ignored", reason: `event type ${event.data.type} is not handled here`, duplicate: false });
  }
  const emailId = event.data.data?.email_id;
  if (!emailId) return jsonResponse(400, { error: "The email.received event has no data.email_id." });
  if (!config.apiKey) return jsonResponse(503, { error: "RESEND_API_KEY is required to fetch received emails." });

  try {
    return await ingestReceivedEmail(emailId, { ...config, apiKey: config.apiKey });
  } catch (error) {
    console.error(`[inbound resend] email ${emailId} failed, Resend will deliver the event again:`, error);
    return jsonResponse(500, { error: "The email could not be processed right now." });
  }
}

async function ingestReceivedEmail(emailId: string, config: ResendWebhookConfig & { apiKey: string }): Promise<Response> {
  // Made per request: the SDK reads its base URL (RESEND_BASE_URL) when constructed.
  const resend = new Resend(config.apiKey);
  const { data: email, error } = await resend.emails.receiving.get(emailId, {}, { signal: AbortSignal.timeout(apiTimeoutMs) });
  if (error || !email) {
    console.error(`[inbound resend] fetching received email ${emailId} failed: ${error?.message ?? "no data"}`);
    return jsonResponse(502, { error: "Fetching the email from Resend failed." });
  }

  const downloadUrl = email.raw?.download_url;
  if (!downloadUrl) {
    // Without the original MIME there is nothing faithful to ingest; no MIME is rebuilt from the parsed fields.
    const outcome = await recordInbound(config.db, {
      messageIdHeader: normalizeMessageId(email.message_id) ?? `<resend.${emailId}@missing-message-id.frontdesk>`,
      fromAddress: email.from,
      subject: email.subject,
      status: "rejected",
      reason: "Resend returned no raw message (raw.download_url) for this email",
      size: 0,
    });
    console.warn(`[inbound resend] ${outcome.duplicate ? "duplicate of " : ""}${outcome.status} ${outcome.messageId}: ${outcome.reason}`);
    return jsonResponse(200, outcome);
  }

  const download = await fetch(downloadUrl, { signal: AbortSignal.timeout(downloadTimeoutMs) });
  if (!download.ok) {
    await download.body?.cancel();
    console.error(`[inbound resend] downloading the raw email ${emailId} failed: HTTP ${download.status}`);
    return jsonResponse(502, { error: "Downloading the raw email from Resend failed." });
  }
  const raw = await readLimited(download.body, config.maxBytes);
  const outcome = await ingestRawEmail(config.db, raw, {
    source: "resend",
    maxBytes: config.maxBytes,
    supportEmail: config.supportEmail,
    storageRoot: config.storageRoot,
  });
  return jsonResponse(200, outcome);
}

/** Resend signs with Svix's header names; standardwebhooks reads the webhook-* names of the same scheme. */
function signatureHeaders(headers: Headers): Record<string, string> {
  const pick = (name: string) => headers.get(`svix-${name}`) ?? headers.get(`webhook-${name}`) ?? "";
  return { "webhook-id": pick("id"), "webhook-timestamp": pick("timestamp"), "webhook-signature": pick("signature") };
}
