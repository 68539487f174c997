import "server-only";
import { and, eq } from "drizzle-orm";
import { mailboxes } from "@/db/schema";
import type { Db, DbOrTx } from "@/db/types";
import { imapAccessToken } from "@/server/email/imap/oauth-access-token";
import { TransportError, type EmailTransport } from "@/server/email/transport";
import { decryptSecret, UnreadableSecretError } from "./secrets";
import { createSmtpTransporter, defaultSmtpPorts, smtpTransport, type SmtpConnectionOverrides, type SmtpSettings, type SmtpTransporter } from "./smtp-transport";

/**
 * How mail leaves through a mailbox: From is always the mailbox
 * ("Billing" <billing@example.com>); an SMTP mailbox sends through its own
 * server, a Resend one through the app's Resend account. A switched-off
 * mailbox sends nothing of its own: its mail goes out as SUPPORT_EMAIL, the
 * way mail without a mailbox does, so switching a broken mailbox off never
 * strands replies.
 */

/** The columns delivery reads of a mailbox. */
export interface OutboundMailbox {
  id: string;
  address: string;
  displayName: string;
  enabled: boolean;
  outboundTransport: "smtp" | "resend";
  smtpHost: string | null;
  smtpPort: number | null;
  smtpSecurity: "tls" | "starttls" | "none";
  smtpUsername: string | null;
  smtpSecret: string | null;
  imapAuth: "password" | "oauth2";
  imapSecret: string | null;
  oauthTokenUrl: string | null;
  oauthClientId: string | null;
  oauthClientSecret: string | null;
  oauthAccessToken: string | null;
  oauthAccessTokenExpiresAt: Date | null;
  updatedAt: Date;
}

/** "Display Name" <address>, the display name quoted (RFC 5322) so commas and quotes in it stay part of the name. */
export function mailboxSender(displayName: string, address: string): string {
  return `"${displayName.replace(/[\\"]/g, "\\$&").replace(/[\r\n]+/g, " ")}" <${address}>`;
}

/** Whether mail from this mailbox is delivered by its own server, whatever the app's Resend key: outbox rows for it wait for delivery instead of being stored. */
export async function mailboxDeliversItself(db: DbOrTx, mailboxId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: mailboxes.id })
    .from(mailboxes)
    .where(and(eq(mailboxes.id, mailboxId), eq(mailboxes.enabled, true), eq(mailboxes.outboundTransport, "smtp")));
  return Boolean(row);
}

/**
 * The login SMTP uses: the SMTP password when one is stored; else, for an
 * OAuth2 mailbox, an XOAUTH2 access token of the same account (Google's
 * https://mail.google.com/ scope and Microsoft's SMTP.Send cover sending);
 * else none (a relay that trusts our network).
 */
async function smtpAuth(db: Db, mailbox: OutboundMailbox): Promise<SmtpSettings["auth"]> {
  const user = mailbox.smtpUsername || mailbox.address;
  if (mailbox.smtpSecret) return { user, pass: decryptSecret(mailbox.smtpSecret) };
  if (mailbox.imapAuth === "oauth2" && mailbox.imapSecret) return { user, accessToken: await imapAccessToken(db, mailbox) };
  return null;
}

export async function smtpSettingsOf(db: Db, mailbox: OutboundMailbox): Promise<SmtpSettings> {
  if (!mailbox.smtpHost) throw new TransportError(`The mailbox ${mailbox.address} sends over SMTP but has no SMTP server set.`, true);
  return { host: mailbox.smtpHost, port: mailbox.smtpPort, security: mailbox.smtpSecurity, auth: await smtpAuth(db, mailbox) };
}

/**
 * One transporter per mailbox, kept while the mailbox is unchanged: a save
 * on the admin page moves updatedAt and the next email builds a fresh one
 * with the new settings (a refreshed OAuth2 token does too).
 */
const transporters = new Map<string, { key: string; transporter: SmtpTransporter }>();

export async function mailboxTransport(db: Db, mailbox: OutboundMailbox, overrides: SmtpConnectionOverrides = {}): Promise<EmailTransport> {
  let settings: SmtpSettings;
  try {
    settings = await smtpSettingsOf(db, mailbox);
  } catch (error) {
    if (error instanceof TransportError) throw error;
    // An unreadable secret or a refused token refresh: the admin has to act; meanwhile retry.
    const reason = error instanceof UnreadableSecretError ? error.message : `Could not get an OAuth2 access token: ${(error as Error).message}`;
    throw new TransportError(reason, true);
  }
  const token = settings.auth && "accessToken" in settings.auth ? settings.auth.accessToken : "";
  const key = `${mailbox.updatedAt.toISOString()} ${token} ${overrides.tls ? "test-tls" : ""}`;
  let cached = transporters.get(mailbox.id);
  if (!cached || cached.key !== key) {
    cached?.transporter.close();
    cached = { key, transporter: createSmtpTransporter(settings, overrides) };
    transporters.set(mailbox.id, cached);
  }
  return smtpTransport(cached.transporter);
}

/** Whether an SMTP login works, for the admin page's "Test connection" (nodemailer's verify: connect, TLS, log in, quit). */
export async function verifySmtp(db: Db, mailbox: OutboundMailbox, overrides: SmtpConnectionOverrides = {}): Promise<{ ok: true; detail: string } | { ok: false; error: string }> {
  let transporter: SmtpTransporter | undefined;
  let at: { host: string; port: number } | null = null;
  try {
    const settings = await smtpSettingsOf(db, mailbox);
    at = { host: settings.host, port: settings.port ?? defaultSmtpPorts[settings.security] };
    transporter = createSmtpTransporter(settings, overrides);
    await transporter.verify();
    return { ok: true, detail: `Connected to ${at.host}:${at.port}${settings.auth ? ` and logged in as ${settings.auth.user}` : " (no login)"}.` };
  } catch (error) {
    const message = error instanceof TransportError ? error.message : error instanceof UnreadableSecretError ? error.message : smtpFailureText(error, at);
    return { ok: false, error: message };
  } finally {
    transporter?.close();
  }
}

/** A failed login or connection in words an admin can act on. */
function smtpFailureText(error: unknown, at: { host: string; port: number } | null): string {
  const record = typeof error === "object" && error !== null ? (error as Record<string, unknown>) : {};
  const message = error instanceof Error ? error.message : String(error);
  const response = typeof record.response === "string" ? record.response : null;
  const code = typeof record.code === "string" ? record.code : null;
  const where = at ? `${at.host}:${at.port}` : "the server";
  if (code === "EAUTH") return `The server refused the login: ${response ?? message}`;
  if (code === "EDNS" || /ENOTFOUND|EAI_AGAIN/.test(message)) return `The host name "${at?.host ?? ""}" cannot be found: check its spelling.`;
  if (/ECONNREFUSED/.test(message)) return `Nothing answers at ${where}: check the port and the security setting.`;
  if (code === "ETIMEDOUT" || /timeout/i.test(message)) return `${where} did not answer in time: check the host, the port and any firewall.`;
  if (code === "ETLS" || /certificate|ssl|tls/i.test(message)) return `TLS failed with ${where}: ${message}. Check the security setting (TLS for 465, STARTTLS for 587).`;
  if (code === "ECONNECTION" || code === "ESOCKET") return `Could not connect to ${where}: ${message}`;
  return response ?? message;
}
