import "server-only";
import crypto from "node:crypto";
import type { Db } from "@/db/types";
import { ingestRawEmail } from "./ingest";
import { jsonResponse, readLimited } from "./read-limited";

/**
 * POST /api/inbound/mime: raw RFC 822 from any mail server (a Postfix pipe,
 * an SES/Mailgun relay, curl). The body is the message itself, whatever the
 * Content-Type. Authorization is a shared bearer secret; with none
 * configured the endpoint does not exist (404).
 *
 * Answers: 200 with the outcome when the email was processed, ignored or
 * already seen; 422 when it is rejected (the sending server should bounce
 * it, not retry); 500 when it could not be processed now (retry later).
 */

export interface InboundMimeConfig {
  db: Db;
  /** INBOUND_SECRET; unset disables the endpoint. */
  secret: string | undefined;
  /** INBOUND_MAX_BYTES. */
  maxBytes: number;
  supportEmail?: string;
  storageRoot?: string;
}

export async function handleInboundMime(request: Request, config: InboundMimeConfig): Promise<Response> {
  if (!config.secret) return jsonResponse(404, { error: "Not found." });
  if (!bearerMatches(request.headers.get("authorization"), config.secret)) {
    return jsonResponse(401, { error: "A valid Authorization: Bearer <INBOUND_SECRET> header is required." }, { "WWW-Authenticate": 'Bearer realm="inbound-email"' });
  }
  try {
    const raw = await readLimited(request.body, config.maxBytes);
    const outcome = await ingestRawEmail(config.db, raw, {
      source: "mime-endpoint",
      maxBytes: config.maxBytes,
      supportEmail: config.supportEmail,
      storageRoot: config.storageRoot,
    });
    return jsonResponse(outcome.status === "rejected" ? 422 : 200, outcome);
  } catch (error) {
    console.error("[inbound mime-endpoint] failed, the sender should retry:", error);
    return jsonResponse(500, { error: "The email could not be processed right now. Try again later." });
  }
}

/** Compares digests, so neither the content nor the length of the secret leaks through timing. */
function bearerMatches(header: string | null, secret: string): boolean {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? "");
  const digest = (value: string) => crypto.createHash("sha256").update(value).digest();
  const equal = crypto.timingSafeEqual(digest(match?.[1] ?? ""), digest(secret));
  return equal && match !== null;
}
