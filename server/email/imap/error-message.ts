import "server-only";
import { UnreadableSecretError } from "@/server/email/mailboxes/secrets";
import { OAuthRefreshError } from "./oauth-access-token";

/**
 * What went wrong with an IMAP connection, in words an admin can act on: the
 * one wording used by "Test connection" and by the reader's inboundError.
 * imapflow errors carry a code (its own, or Node's socket/TLS/DNS code) and
 * flags for authentication and TLS failures; the server's text is kept.
 */

export interface ImapEndpoint {
  host: string;
  port: number;
  folder: string;
}

/** The mailbox row lacks what a connection needs (no server, username or secret). */
export class ImapSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ImapSetupError";
  }
}

/** The folder could not be opened: missing, or not allowed. */
export class FolderUnavailableError extends Error {
  constructor(folder: string, at: ImapEndpoint, serverText: string) {
    super(
      `The folder "${folder}" cannot be opened on ${at.host}:${at.port}: check the folder name (it is case-sensitive; INBOX is always there).${serverText ? ` The server said: "${serverText}".` : ""}`,
    );
    this.name = "FolderUnavailableError";
  }
}

/**
 * A message was fetched but could not be stored as a ticket: not an IMAP
 * problem (the database, most likely). The admin page gets no SQL; the
 * server log gets the cause.
 */
export class InboundStoreError extends Error {
  constructor(uid: number, cause: unknown) {
    super(`Message UID ${uid} could not be stored as a ticket (the server log has the error); it will be tried again.`, { cause });
    this.name = "InboundStoreError";
  }
}

/** The innermost message of an error chain: the database's own words rather than the query that failed. */
export function underlyingMessage(error: unknown): string {
  let current = error;
  for (let depth = 0; depth < 5 && current instanceof Error && current.cause !== undefined; depth++) current = current.cause;
  return current instanceof Error ? current.message : String(current);
}

interface ImapErrorFields {
  code?: unknown;
  authenticationFailed?: unknown;
  tlsFailed?: unknown;
  serverResponseCode?: unknown;
  responseText?: unknown;
  message?: unknown;
}

const tlsCodes = /^(ERR_SSL|ERR_TLS|CERT_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT|UNABLE_TO_(GET|VERIFY)|ClosedAfterConnectTLS|UPGRADE_TIMEOUT|STARTTLS)/;

export function imapErrorMessage(error: unknown, at: ImapEndpoint): string {
  const ours = [UnreadableSecretError, OAuthRefreshError, ImapSetupError, FolderUnavailableError, InboundStoreError];
  if (ours.some((type) => error instanceof type)) return (error as Error).message;
  const fields: ImapErrorFields = typeof error === "object" && error !== null ? (error as ImapErrorFields) : { message: String(error) };
  const code = typeof fields.code === "string" ? fields.code : "";
  const serverText = typeof fields.responseText === "string" && fields.responseText ? ` The server said: "${fields.responseText}".` : "";
  const where = `${at.host}:${at.port}`;

  if (fields.authenticationFailed || fields.serverResponseCode === "AUTHENTICATIONFAILED") {
    return `The server at ${where} refused the login: check the username and password (or the OAuth2 consent).${serverText}`;
  }
  if (fields.tlsFailed || tlsCodes.test(code)) {
    return `The secure connection (TLS) to ${where} failed: ${String(fields.message ?? code)}. Check the security setting: TLS usually runs on port 993, STARTTLS on 143.`;
  }
  if (code === "ECONNREFUSED") return `Nothing accepts connections at ${where}: check the host and port.`;
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return `The host name "${at.host}" cannot be found: check its spelling.`;
  if (code === "EHOSTUNREACH" || code === "ENETUNREACH") return `The host ${at.host} cannot be reached from this server (no route).`;
  if (code === "CONNECT_TIMEOUT" || code === "ETIMEDOUT" || code === "GREETING_TIMEOUT" || code === "ETIMEOUT" || code === "ImapTimeout") {
    return `No answer from ${where} in time: check the host, the port and any firewall in between.`;
  }
  if (code === "ECONNRESET" || code === "EConnectionClosed" || code === "NoConnection" || code === "ClosedAfterConnectText") {
    return `The server at ${where} closed the connection.${serverText} If it expects TLS, check the security setting.`;
  }
  const message = typeof fields.message === "string" && fields.message ? fields.message : "unknown error";
  return `IMAP error at ${where}: ${message}${code && !message.includes(code) ? ` (${code})` : ""}.${serverText}`;
}
