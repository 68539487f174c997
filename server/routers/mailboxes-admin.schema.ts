import "server-only";
import { z } from "zod";
import { imapProcessedActions, mailAuthMethods, mailboxInboundTransports, mailboxOutboundTransports, mailConnectionSecurities } from "@/lib/vocabularies";
import { mailboxLimits } from "@/server/email/mailboxes/mailbox-settings";

/**
 * Inputs of admin.mailboxes, also the REST API's (/api/v1/mailboxes), so
 * both doors refuse the same things in the same words. Each field is checked
 * here on its own; rules across fields (IMAP needs a host, "move" needs a
 * folder) live in server/email/mailboxes/mailbox-settings.ts, which both doors call.
 * Secrets are write-only: a blank or missing one keeps what is stored.
 */

const recordId = z.uuid("Reload the page and try again.");
const { secretMaxLength } = mailboxLimits;

/** Trimmed; empty means "none" (null). */
const optionalText = (max: number, tooLong: string) =>
  z
    .string()
    .trim()
    .max(max, tooLong)
    .transform((value) => (value === "" ? null : value))
    .nullable();

const address = z
  .string("Enter the mailbox's email address.")
  .trim()
  .min(1, { error: "Enter the mailbox's email address.", abort: true })
  .pipe(z.email("Enter a valid email address, like support@example.com.").max(254, "Enter a valid email address."))
  .transform((value) => value.toLowerCase());

const displayName = z
  .string("Enter the name customers see.")
  .trim()
  .min(1, "Enter the name customers see, like “Acme Support”.")
  .max(120, "Keep the name under 120 characters.");

const host = optionalText(255, "Keep the host name under 255 characters.").refine((value) => value === null || /^[a-z0-9.-]+$|^\[[0-9a-f:.]+\]$/i.test(value), "Enter a host name, like imap.example.com (no scheme or port).");
const port = z.number("Enter the port as a number.").int("Enter the port as a whole number.").min(1, "Ports run from 1 to 65535.").max(65535, "Ports run from 1 to 65535.").nullable();
const security = z.enum(mailConnectionSecurities, "Choose TLS, STARTTLS or none.");
const username = optionalText(254, "Keep the username under 254 characters.");
const secret = z.string().max(secretMaxLength, `Keep it under ${secretMaxLength} characters.`);
const folder = z.string().trim().min(1, "Name the folder (usually INBOX).").max(200, "Keep folder names under 200 characters.");
const tokenUrl = optionalText(2000, "Keep the token URL under 2000 characters.").refine((value) => value === null || /^https:\/\/[^\s/]+/i.test(value), "Enter the token endpoint's full https:// address.");

/** Every field of a mailbox an admin sets, with the defaults of a new one. */
export const mailboxFields = {
  address,
  displayName,
  defaultTeamId: recordId.nullable(),
  defaultCategoryId: recordId.nullable(),
  enabled: z.boolean("Say whether the mailbox is switched on."),
  inboundTransport: z.enum(mailboxInboundTransports, "Choose IMAP or pushed mail."),
  imapHost: host,
  imapPort: port,
  imapSecurity: security,
  imapAuth: z.enum(mailAuthMethods, "Choose password or OAuth2."),
  imapUsername: username,
  /** The IMAP password, or the OAuth2 refresh token. */
  imapSecret: secret,
  imapFolder: folder,
  imapProcessedAction: z.enum(imapProcessedActions, "Choose mark as read, move or delete."),
  imapMoveToFolder: optionalText(200, "Keep folder names under 200 characters."),
  oauthTokenUrl: tokenUrl,
  oauthClientId: optionalText(500, "Keep the client ID under 500 characters."),
  oauthClientSecret: secret,
  outboundTransport: z.enum(mailboxOutboundTransports, "Choose SMTP or Resend."),
  smtpHost: host,
  smtpPort: port,
  smtpSecurity: security,
  smtpUsername: username,
  smtpSecret: secret,
};

const f = mailboxFields;

export const createMailboxInput = z.object({
  address: f.address,
  displayName: f.displayName,
  defaultTeamId: f.defaultTeamId.default(null),
  defaultCategoryId: f.defaultCategoryId.default(null),
  enabled: f.enabled.default(true),
  inboundTransport: f.inboundTransport.default("push"),
  imapHost: f.imapHost.default(null),
  imapPort: f.imapPort.default(null),
  imapSecurity: f.imapSecurity.default("tls"),
  imapAuth: f.imapAuth.default("password"),
  imapUsername: f.imapUsername.default(null),
  imapSecret: f.imapSecret.optional(),
  imapFolder: f.imapFolder.default("INBOX"),
  imapProcessedAction: f.imapProcessedAction.default("mark_seen"),
  imapMoveToFolder: f.imapMoveToFolder.default(null),
  oauthTokenUrl: f.oauthTokenUrl.default(null),
  oauthClientId: f.oauthClientId.default(null),
  oauthClientSecret: f.oauthClientSecret.optional(),
  outboundTransport: f.outboundTransport.default("resend"),
  smtpHost: f.smtpHost.default(null),
  smtpPort: f.smtpPort.default(null),
  smtpSecurity: f.smtpSecurity.default("starttls"),
  smtpUsername: f.smtpUsername.default(null),
  smtpSecret: f.smtpSecret.optional(),
});

/** Only the fields given change (PATCH); a blank secret keeps the stored one. */
export const updateMailboxInput = z.object(mailboxFields).partial().extend({ id: recordId });

/** delete and test name the mailbox by its id. */
export const mailboxIdInput = z.object({ id: recordId });

export type CreateMailboxInput = z.infer<typeof createMailboxInput>;
export type UpdateMailboxInput = z.infer<typeof updateMailboxInput>;
