import "server-only";
import type { ConnectionOptions } from "node:tls";
import nodemailer, { type Transporter } from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import type { MailConnectionSecurity } from "@/lib/vocabularies";
import { TransportError, type EmailTransport } from "@/server/email/transport";

/**
 * Outbound mail through a mailbox's own SMTP server (nodemailer): implicit
 * TLS (465), STARTTLS that is required, never skipped (587), or plain (a
 * loopback relay). Certificates are always verified; only tests pass `tls`
 * to accept their self-signed one.
 */

export interface SmtpSettings {
  host: string;
  port: number | null;
  security: MailConnectionSecurity;
  /** A password login, an XOAUTH2 one (the mailbox's OAuth2 access token), or none (an open relay on the network). */
  auth: { user: string; pass: string } | { user: string; accessToken: string } | null;
}

/** Only tests set these (a self-signed certificate); production keeps Node's defaults. */
export interface SmtpConnectionOverrides {
  tls?: ConnectionOptions;
}

export const defaultSmtpPorts: Record<MailConnectionSecurity, number> = { tls: 465, starttls: 587, none: 25 };

// A dead host fails in seconds, not nodemailer's two minutes.
const timeouts = { connectionTimeout: 15_000, greetingTimeout: 10_000, socketTimeout: 60_000 };

export type SmtpTransporter = Transporter<SMTPTransport.SentMessageInfo, SMTPTransport.Options>;

export function createSmtpTransporter(settings: SmtpSettings, overrides: SmtpConnectionOverrides = {}): SmtpTransporter {
  const auth = settings.auth
    ? "accessToken" in settings.auth
      ? { type: "OAuth2" as const, user: settings.auth.user, accessToken: settings.auth.accessToken }
      : { user: settings.auth.user, pass: settings.auth.pass }
    : undefined;
  return nodemailer.createTransport({
    host: settings.host,
    port: settings.port ?? defaultSmtpPorts[settings.security],
    secure: settings.security === "tls",
    requireTLS: settings.security === "starttls",
    ignoreTLS: settings.security === "none",
    auth,
    ...timeouts,
    ...(overrides.tls ? { tls: overrides.tls } : {}),
  });
}

interface SmtpFailure {
  code?: string;
  responseCode?: number;
  response?: string;
  message: string;
}

function smtpFailureOf(error: unknown): SmtpFailure {
  if (typeof error !== "object" || error === null) return { message: String(error) };
  const record = error as Record<string, unknown>;
  return {
    code: typeof record.code === "string" ? record.code : undefined,
    responseCode: typeof record.responseCode === "number" ? record.responseCode : undefined,
    response: typeof record.response === "string" ? record.response : undefined,
    message: error instanceof Error ? error.message : String(error),
  };
}

/**
 * An SMTP failure in words, and whether trying again can help: 4xx answers
 * and connection trouble (refused, timed out, TLS, DNS) are retried; a 5xx
 * answer about the message or its recipients is final. A refused login is
 * retried too, although its code is 535: it is about the mailbox's settings,
 * not the message, and mail queued meanwhile goes out once an admin fixes
 * the password within the retry window, instead of failing wholesale.
 */
export function smtpTransportError(error: unknown): TransportError {
  const failure = smtpFailureOf(error);
  const answer = failure.response ?? failure.message;
  if (failure.code === "EAUTH" || failure.code === "ENOAUTH") {
    return new TransportError(`The SMTP server refused the login (${answer}): check the mailbox's SMTP username and password.`, true);
  }
  if (failure.responseCode !== undefined) {
    const permanent = failure.responseCode >= 500;
    return new TransportError(`The SMTP server refused the email (${answer})`, !permanent);
  }
  // Nothing the server said: no recipients, a message nodemailer cannot build.
  if (failure.code === "EENVELOPE" || failure.code === "EMESSAGE") return new TransportError(`The email could not be sent: ${failure.message}`, false);
  return new TransportError(`Could not reach the SMTP server: ${failure.message}`, true);
}

/** Sends through a transporter: From, To, Cc, Reply-To and the threading headers exactly as the outbox row has them. */
export function smtpTransport(transporter: SmtpTransporter): EmailTransport {
  return {
    async send(email) {
      const { "Message-ID": messageId, "In-Reply-To": inReplyTo, References: references, ...headers } = email.headers;
      try {
        const info = await transporter.sendMail({
          from: email.from,
          to: email.to,
          cc: email.cc?.length ? email.cc : undefined,
          replyTo: email.replyTo,
          subject: email.subject,
          html: email.html,
          text: email.text,
          messageId,
          inReplyTo,
          references,
          headers,
        });
        if (info.rejected.length > 0 && info.accepted.length === 0) throw Object.assign(new Error(`Every recipient was refused: ${info.rejected.join(", ")}`), { code: "EENVELOPE" });
        // The server's own words ("250 2.0.0 Ok: queued as 4Xyz") name the mail in its logs.
        return { providerMessageId: `smtp:${(info.response || info.messageId).slice(0, 200)}` };
      } catch (error) {
        if (error instanceof TransportError) throw error;
        throw smtpTransportError(error);
      }
    },
  };
}
