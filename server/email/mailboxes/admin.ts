/**
 * Mailboxes as admins manage them, on the admin page and through the REST
 * API alike: list, create, edit, delete and test the connection, checking
 * the rules of mailbox-settings.ts once for both doors. Secrets go in encrypted and never
 * come out: every read names its columns and answers only whether a secret
 * is stored.
 */
import "server-only";
import { eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { categories, mailboxes, teams } from "@/db/schema";
import { single } from "@/db/rows";
import type { Db, DbOrTx } from "@/db/types";
import { isUniqueViolation } from "@/server/admin/database-errors";
import { testImapConnection } from "@/server/email/imap/connect";
import { AppError, FIELD_ERRORS_MESSAGE, type FieldErrors } from "@/server/errors";
import { mailboxSetupProblems, type MailboxInput, type MailboxSecrets, type MailboxSettings } from "./mailbox-settings";
import { verifySmtp } from "./outbound";
import { encryptSecret } from "./secrets";
import type { SmtpConnectionOverrides } from "./smtp-transport";

export interface MailboxView extends MailboxSettings {
  id: string;
  defaultTeamName: string | null;
  defaultCategoryName: string | null;
  /** Whether a password / refresh token, an OAuth2 client secret and an SMTP password are stored (never their values). */
  hasImapSecret: boolean;
  hasOauthClientSecret: boolean;
  hasSmtpSecret: boolean;
  /** What the inbound connection is doing (connecting, idle, polling, error, not started), its last error and when it last checked. */
  inboundState: string;
  inboundError: string | null;
  inboundCheckedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** One side of "Test connection": it worked, it failed (and why), or there is nothing to connect to. */
export interface ConnectionCheck {
  status: "ok" | "failed" | "skipped";
  message: string;
}

export interface MailboxTestResult {
  imap: ConnectionCheck;
  smtp: ConnectionCheck;
}

const gone = () => new AppError("NOT_FOUND", "That mailbox no longer exists. Reload the page.");
const addressTaken = (address: string) => new AppError("CONFLICT", `Another mailbox already uses ${address}. Each address can belong to one mailbox only.`);

const defaultTeam = alias(teams, "default_team");
const defaultCategory = alias(categories, "default_category");

function selectMailboxes(db: DbOrTx) {
  const m = mailboxes;
  return db
    .select({
      id: m.id,
      address: m.address,
      displayName: m.displayName,
      defaultTeamId: m.defaultTeamId,
      defaultTeamName: defaultTeam.name,
      defaultCategoryId: m.defaultCategoryId,
      defaultCategoryName: defaultCategory.name,
      enabled: m.enabled,
      inboundTransport: m.inboundTransport,
      imapHost: m.imapHost,
      imapPort: m.imapPort,
      imapSecurity: m.imapSecurity,
      imapAuth: m.imapAuth,
      imapUsername: m.imapUsername,
      imapFolder: m.imapFolder,
      imapProcessedAction: m.imapProcessedAction,
      imapMoveToFolder: m.imapMoveToFolder,
      oauthTokenUrl: m.oauthTokenUrl,
      oauthClientId: m.oauthClientId,
      outboundTransport: m.outboundTransport,
      smtpHost: m.smtpHost,
      smtpPort: m.smtpPort,
      smtpSecurity: m.smtpSecurity,
      smtpUsername: m.smtpUsername,
      hasImapSecret: sql<boolean>`${m.imapSecret} is not null`,
      hasOauthClientSecret: sql<boolean>`${m.oauthClientSecret} is not null`,
      hasSmtpSecret: sql<boolean>`${m.smtpSecret} is not null`,
      inboundState: m.inboundState,
      inboundError: m.inboundError,
      inboundCheckedAt: m.inboundCheckedAt,
      createdAt: m.createdAt,
      updatedAt: m.updatedAt,
    })
    .from(m)
    .leftJoin(defaultTeam, eq(defaultTeam.id, m.defaultTeamId))
    .leftJoin(defaultCategory, eq(defaultCategory.id, m.defaultCategoryId))
    .$dynamic();
}

/** Every mailbox, by address. */
export async function listMailboxes(db: DbOrTx): Promise<MailboxView[]> {
  return selectMailboxes(db).orderBy(mailboxes.address);
}

export async function getMailbox(db: DbOrTx, id: string): Promise<MailboxView> {
  const [row] = await selectMailboxes(db).where(eq(mailboxes.id, id));
  if (!row) throw gone();
  return row;
}

async function checkReferences(db: DbOrTx, settings: Pick<MailboxSettings, "defaultTeamId" | "defaultCategoryId">, problems: FieldErrors) {
  if (settings.defaultTeamId) {
    const [team] = await db.select({ id: teams.id }).from(teams).where(eq(teams.id, settings.defaultTeamId));
    if (!team) problems.defaultTeamId = ["That team no longer exists. Choose another."];
  }
  if (settings.defaultCategoryId) {
    const [category] = await db.select({ id: categories.id }).from(categories).where(eq(categories.id, settings.defaultCategoryId));
    if (!category) problems.defaultCategoryId = ["That category no longer exists. Choose another."];
  }
}

const given = (secret: string | undefined): secret is string => secret !== undefined && secret.trim() !== "";

/** The secret columns to write: only those given (encrypted), so a blank field keeps what is stored. */
function secretColumns(input: MailboxSecrets) {
  return {
    ...(given(input.imapSecret) ? { imapSecret: encryptSecret(input.imapSecret.trim()) } : {}),
    ...(given(input.oauthClientSecret) ? { oauthClientSecret: encryptSecret(input.oauthClientSecret.trim()) } : {}),
    ...(given(input.smtpSecret) ? { smtpSecret: encryptSecret(input.smtpSecret) } : {}),
  };
}

function settingsOf(input: MailboxSettings): MailboxSettings {
  return {
    address: input.address.trim().toLowerCase(),
    displayName: input.displayName,
    defaultTeamId: input.defaultTeamId,
    defaultCategoryId: input.defaultCategoryId,
    enabled: input.enabled,
    inboundTransport: input.inboundTransport,
    imapHost: input.imapHost,
    imapPort: input.imapPort,
    imapSecurity: input.imapSecurity,
    imapAuth: input.imapAuth,
    imapUsername: input.imapUsername,
    imapFolder: input.imapFolder,
    imapProcessedAction: input.imapProcessedAction,
    imapMoveToFolder: input.imapMoveToFolder,
    oauthTokenUrl: input.oauthTokenUrl,
    oauthClientId: input.oauthClientId,
    outboundTransport: input.outboundTransport,
    smtpHost: input.smtpHost,
    smtpPort: input.smtpPort,
    smtpSecurity: input.smtpSecurity,
    smtpUsername: input.smtpUsername,
  };
}

async function refuseProblems(db: DbOrTx, settings: MailboxSettings, secrets: { imap: boolean; oauthClient: boolean; smtp: boolean }) {
  const problems = mailboxSetupProblems(settings, secrets);
  await checkReferences(db, settings, problems);
  if (Object.keys(problems).length > 0) throw new AppError("INVALID", FIELD_ERRORS_MESSAGE, { fieldErrors: problems });
}

async function ensureAddressFree(db: DbOrTx, address: string, exceptId?: string) {
  const [taken] = await db.select({ id: mailboxes.id }).from(mailboxes).where(eq(mailboxes.address, address));
  if (taken && taken.id !== exceptId) throw addressTaken(address);
}

export async function createMailbox(db: DbOrTx, input: MailboxInput): Promise<MailboxView> {
  const settings = settingsOf(input);
  await refuseProblems(db, settings, { imap: given(input.imapSecret), oauthClient: given(input.oauthClientSecret), smtp: given(input.smtpSecret) });
  await ensureAddressFree(db, settings.address);
  try {
    const { id } = single(await db.insert(mailboxes).values({ ...settings, ...secretColumns(input) }).returning({ id: mailboxes.id }), "mailbox");
    return getMailbox(db, id);
  } catch (error) {
    if (isUniqueViolation(error)) throw addressTaken(settings.address);
    throw error;
  }
}

/**
 * Changes the fields given and keeps the others (and any secret left blank).
 * The read position (UIDVALIDITY and the last UID handled) is forgotten only
 * when the server, the account or the folder changes: UIDs number the
 * messages of one folder of one account on one server, so elsewhere they
 * mean nothing, and reading from the top there is right. A new password,
 * port, security or display name points at the same folder, and keeping the
 * position is what stops the reader from turning old mail into tickets again.
 */
export async function updateMailbox(db: DbOrTx, input: { id: string } & Partial<MailboxInput>): Promise<MailboxView> {
  const [current] = await db.select().from(mailboxes).where(eq(mailboxes.id, input.id));
  if (!current) throw gone();
  const merged = settingsOf({ ...settingsOf(current), ...definedOnly(input) });
  await refuseProblems(db, merged, {
    imap: given(input.imapSecret) || current.imapSecret !== null,
    oauthClient: given(input.oauthClientSecret) || current.oauthClientSecret !== null,
    smtp: given(input.smtpSecret) || current.smtpSecret !== null,
  });
  if (merged.address !== current.address) await ensureAddressFree(db, merged.address, current.id);

  const sameFolder = merged.imapHost === current.imapHost && merged.imapUsername === current.imapUsername && merged.imapFolder === current.imapFolder;
  const sameOAuth =
    sameFolder &&
    !given(input.imapSecret) &&
    !given(input.oauthClientSecret) &&
    merged.imapAuth === current.imapAuth &&
    merged.oauthTokenUrl === current.oauthTokenUrl &&
    merged.oauthClientId === current.oauthClientId;
  try {
    const [row] = await db
      .update(mailboxes)
      .set({
        ...merged,
        ...secretColumns(input),
        ...(sameFolder ? {} : { imapUidValidity: null, imapLastUid: 0 }),
        // An access token belongs to the refresh token and client that minted it.
        ...(sameOAuth ? {} : { oauthAccessToken: null, oauthAccessTokenExpiresAt: null }),
        updatedAt: sql`now()`,
      })
      .where(eq(mailboxes.id, input.id))
      .returning({ id: mailboxes.id });
    if (!row) throw gone();
    return getMailbox(db, row.id);
  } catch (error) {
    if (isUniqueViolation(error)) throw addressTaken(merged.address);
    throw error;
  }
}

function definedOnly<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/**
 * Deletes the mailbox. Its tickets stay and are answered from SUPPORT_EMAIL;
 * mail still waiting in the outbox goes out that way too.
 */
export async function deleteMailbox(db: DbOrTx, id: string): Promise<{ id: string }> {
  const [row] = await db.delete(mailboxes).where(eq(mailboxes.id, id)).returning({ id: mailboxes.id });
  if (!row) throw gone();
  return row;
}

/** "Test connection": logs in to the IMAP server (and opens the folder) and to the SMTP server, each when the mailbox uses it. */
export async function testMailbox(db: Db, id: string, overrides: SmtpConnectionOverrides = {}): Promise<MailboxTestResult> {
  const [mailbox] = await db.select().from(mailboxes).where(eq(mailboxes.id, id));
  if (!mailbox) throw gone();
  const [imap, smtp] = await Promise.all([
    mailbox.inboundTransport === "imap"
      ? testImapConnection(id, db).then((r): ConnectionCheck => (r.ok ? { status: "ok", message: r.detail } : { status: "failed", message: r.error }))
      : Promise.resolve<ConnectionCheck>({ status: "skipped", message: "Mail is pushed to this mailbox (Resend's webhook or the raw-MIME endpoint): there is no IMAP server to test." }),
    mailbox.outboundTransport === "smtp"
      ? verifySmtp(db, mailbox, overrides).then((r): ConnectionCheck => (r.ok ? { status: "ok", message: r.detail } : { status: "failed", message: r.error }))
      : Promise.resolve<ConnectionCheck>({ status: "skipped", message: "Replies go out through the app's Resend account: there is no SMTP server to test." }),
  ]);
  return { imap, smtp };
}
