import "server-only";
import { Resend } from "resend";
import { env } from "@/server/env";

/** One email as handed to a provider. */
export interface TransportEmail {
  from: string;
  to: string;
  /** Copied recipients: shown in the Cc header and sent to. */
  cc?: string[];
  subject: string;
  html: string;
  text: string;
  replyTo?: string;
  headers: Record<string, string>;
  idempotencyKey: string;
}

/** A failed send; `retryable` says whether trying again later can help. */
export class TransportError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = "TransportError";
  }
}

export interface EmailTransport {
  send(email: TransportEmail): Promise<{ providerMessageId: string }>;
}

// Errors after which the same request will never succeed.
const permanentErrors = new Set([
  "validation_error",
  "invalid_from_address",
  "invalid_attachment",
  "invalid_parameter",
  "missing_required_field",
  "invalid_idempotency_key",
  "invalid_idempotent_request",
]);

/**
 * Sends through Resend. The idempotency key makes a retried request (after a
 * timeout, a crash mid-send, a duplicate worker) deliver at most once.
 * RESEND_BASE_URL (read by the SDK) points it elsewhere in tests.
 */
export function resendTransport(apiKey: string): EmailTransport {
  return {
    async send(email) {
      const resend = new Resend(apiKey);
      let result: Awaited<ReturnType<Resend["emails"]["send"]>>;
      try {
        result = await resend.emails.send(
          {
            from: email.from,
            to: email.to,
            cc: email.cc?.length ? email.cc : undefined,
            subject: email.subject,
            html: email.html,
            text: email.text,
            replyTo: email.replyTo,
            headers: email.headers,
          },
          { idempotencyKey: email.idempotencyKey },
        );
      } catch (error) {
        throw new TransportError(`Could not reach Resend: ${(error as Error).message}`, true);
      }
      if (result.error) {
        const { name, message, statusCode } = result.error;
        const permanent = permanentErrors.has(name) || (statusCode !== null && statusCode >= 400 && statusCode < 500 && statusCode !== 429 && statusCode !== 409);
        throw new TransportError(`Resend refused the email (${statusCode ?? "no status"} ${name}): ${message}`, !permanent);
      }
      return { providerMessageId: result.data.id };
    },
  };
}

/** The app's own transport: Resend when RESEND_API_KEY is set, else none (mail without an SMTP mailbox is kept in the outbox). */
export function appTransportFromEnv(apiKey: string | undefined = env.RESEND_API_KEY): EmailTransport | null {
  return apiKey ? resendTransport(apiKey) : null;
}
