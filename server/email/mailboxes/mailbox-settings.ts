import "server-only";
import type {
  ImapProcessedAction,
  MailAuthMethod,
  MailboxInboundTransport,
  MailboxOutboundTransport,
  MailConnectionSecurity,
} from "@/lib/vocabularies";
import type { FieldErrors } from "@/server/errors";

/**
 * A mailbox's settings as an admin writes them, and the rules across its
 * fields (IMAP needs a server, a login and a secret; OAuth2 a token URL and
 * client; "move" a folder; SMTP a server), for both doors (admin page, REST).
 */

export const mailboxLimits = {
  /** Passwords, refresh tokens and client secrets (Microsoft's refresh tokens run past 1,000 characters). */
  secretMaxLength: 8000,
} as const;

/** What an admin sets, secrets aside. */
export interface MailboxSettings {
  address: string;
  displayName: string;
  defaultTeamId: string | null;
  defaultCategoryId: string | null;
  enabled: boolean;
  inboundTransport: MailboxInboundTransport;
  imapHost: string | null;
  imapPort: number | null;
  imapSecurity: MailConnectionSecurity;
  imapAuth: MailAuthMethod;
  imapUsername: string | null;
  imapFolder: string;
  imapProcessedAction: ImapProcessedAction;
  imapMoveToFolder: string | null;
  oauthTokenUrl: string | null;
  oauthClientId: string | null;
  outboundTransport: MailboxOutboundTransport;
  smtpHost: string | null;
  smtpPort: number | null;
  smtpSecurity: MailConnectionSecurity;
  smtpUsername: string | null;
}

/** Write-only: given and not blank, they replace what is stored; missing or blank, the stored one stays. */
export interface MailboxSecrets {
  imapSecret?: string;
  oauthClientSecret?: string;
  smtpSecret?: string;
}

export type MailboxInput = MailboxSettings & MailboxSecrets;

/**
 * What is missing or contradictory in a mailbox as it would be saved, by
 * field: `secrets` says which secrets it will have, given now or already
 * stored (a blank secret field keeps the stored one).
 */
export function mailboxSetupProblems(settings: MailboxSettings, secrets: { imap: boolean; oauthClient: boolean; smtp: boolean }): FieldErrors {
  const problems: FieldErrors = {};
  const add = (field: keyof MailboxInput, message: string) => (problems[field] = [...(problems[field] ?? []), message]);
  if (settings.inboundTransport === "imap") {
    if (!settings.imapHost) add("imapHost", "Enter the IMAP server, like imap.gmail.com.");
    if (!settings.imapUsername) add("imapUsername", "Enter the IMAP username (usually the full address).");
    if (!secrets.imap) add("imapSecret", settings.imapAuth === "oauth2" ? "Paste the OAuth2 refresh token." : "Enter the IMAP password (or an app password).");
    if (settings.imapAuth === "oauth2") {
      if (!settings.oauthTokenUrl) add("oauthTokenUrl", "Enter the provider's token URL, like https://oauth2.googleapis.com/token.");
      if (!settings.oauthClientId) add("oauthClientId", "Enter the OAuth2 client ID.");
    }
    if (settings.imapProcessedAction === "move") {
      if (!settings.imapMoveToFolder) add("imapMoveToFolder", "Name the folder processed mail is moved to.");
      else if (settings.imapMoveToFolder.toLowerCase() === settings.imapFolder.toLowerCase()) add("imapMoveToFolder", "Choose a folder other than the one being read.");
    }
  }
  if (settings.outboundTransport === "smtp") {
    if (!settings.smtpHost) add("smtpHost", "Enter the SMTP server, like smtp.gmail.com.");
    const oauthLogin = settings.imapAuth === "oauth2" && secrets.imap;
    if (settings.smtpUsername && !secrets.smtp && !oauthLogin) add("smtpSecret", "Enter the SMTP password, or clear the username for a server that needs no login.");
  }
  return problems;
}

