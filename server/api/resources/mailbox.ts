import "server-only";
import { z } from "zod";
import { imapProcessedActions, mailAuthMethods, mailboxInboundTransports, mailboxOutboundTransports, mailConnectionSecurities } from "@/lib/vocabularies";
import type { MailboxTestResult, MailboxView } from "@/server/email/mailboxes/admin";

const timestamp = z.iso.datetime({ offset: true });
const isoOrNull = (date: Date | null) => (date ? date.toISOString() : null);

/** A mailbox as the API shows it: every setting, whether each secret is stored, never a secret itself. */
export const mailboxResource = z
  .object({
    id: z.uuid(),
    address: z.string(),
    display_name: z.string(),
    default_team_id: z.uuid().nullable(),
    default_category_id: z.uuid().nullable(),
    enabled: z.boolean(),
    inbound_transport: z.enum(mailboxInboundTransports),
    imap_host: z.string().nullable(),
    imap_port: z.number().int().nullable(),
    imap_security: z.enum(mailConnectionSecurities),
    imap_auth: z.enum(mailAuthMethods),
    imap_username: z.string().nullable(),
    imap_folder: z.string(),
    imap_processed_action: z.enum(imapProcessedActions),
    imap_move_to_folder: z.string().nullable(),
    oauth_token_url: z.string().nullable(),
    oauth_client_id: z.string().nullable(),
    outbound_transport: z.enum(mailboxOutboundTransports),
    smtp_host: z.string().nullable(),
    smtp_port: z.number().int().nullable(),
    smtp_security: z.enum(mailConnectionSecurities),
    smtp_username: z.string().nullable(),
    has_imap_secret: z.boolean().meta({ description: "Whether an IMAP password (or OAuth2 refresh token) is stored. Secrets are write-only." }),
    has_oauth_client_secret: z.boolean(),
    has_smtp_secret: z.boolean(),
    inbound_state: z.string().meta({ description: "What the IMAP connection is doing: not started, connecting, idle, polling or error." }),
    inbound_error: z.string().nullable(),
    inbound_checked_at: timestamp.nullable(),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: "Mailbox" });

const connectionCheck = z.object({ status: z.enum(["ok", "failed", "skipped"]), message: z.string() });
export const mailboxTestResource = z.object({ imap: connectionCheck, smtp: connectionCheck }).meta({ id: "MailboxConnectionTest" });

export function toMailboxResource(mailbox: MailboxView): z.infer<typeof mailboxResource> {
  return {
    id: mailbox.id,
    address: mailbox.address,
    display_name: mailbox.displayName,
    default_team_id: mailbox.defaultTeamId,
    default_category_id: mailbox.defaultCategoryId,
    enabled: mailbox.enabled,
    inbound_transport: mailbox.inboundTransport,
    imap_host: mailbox.imapHost,
    imap_port: mailbox.imapPort,
    imap_security: mailbox.imapSecurity,
    imap_auth: mailbox.imapAuth,
    imap_username: mailbox.imapUsername,
    imap_folder: mailbox.imapFolder,
    imap_processed_action: mailbox.imapProcessedAction,
    imap_move_to_folder: mailbox.imapMoveToFolder,
    oauth_token_url: mailbox.oauthTokenUrl,
    oauth_client_id: mailbox.oauthClientId,
    outbound_transport: mailbox.outboundTransport,
    smtp_host: mailbox.smtpHost,
    smtp_port: mailbox.smtpPort,
    smtp_security: mailbox.smtpSecurity,
    smtp_username: mailbox.smtpUsername,
    has_imap_secret: mailbox.hasImapSecret,
    has_oauth_client_secret: mailbox.hasOauthClientSecret,
    has_smtp_secret: mailbox.hasSmtpSecret,
    inbound_state: mailbox.inboundState,
    inbound_error: mailbox.inboundError,
    inbound_checked_at: isoOrNull(mailbox.inboundCheckedAt),
    created_at: mailbox.createdAt.toISOString(),
    updated_at: mailbox.updatedAt.toISOString(),
  };
}

export function toMailboxTestResource(result: MailboxTestResult): z.infer<typeof mailboxTestResource> {
  return { imap: result.imap, smtp: result.smtp };
}
