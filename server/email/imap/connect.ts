import "server-only";
import { eq } from "drizzle-orm";
import { ImapFlow, type ImapFlowOptions, type MailboxObject } from "imapflow";
import { mailboxes } from "@/db/schema";
import type { Db } from "@/db/types";
import { decryptSecret } from "@/server/email/mailboxes/secrets";
import { FolderUnavailableError, ImapSetupError, imapErrorMessage, type ImapEndpoint } from "./error-message";
import { forgetAccessToken, imapAccessToken } from "./oauth-access-token";

/**
 * One way to open an IMAP connection for a mailbox row, shared by the admin
 * page's "Test connection" and the mailbox reader: TLS, STARTTLS (required,
 * never silently skipped) or none; a password, or XOAUTH2 with an access
 * token refreshed on the way in. Timeouts are bounded so a dead host fails
 * in seconds rather than imapflow's default minute and a half.
 */

export type ImapMailbox = typeof mailboxes.$inferSelect;

const connectionTimeout = 15_000;
const greetingTimeout = 10_000;
/** The whole "Test connection": connect, log in, open the folder, log out. */
const testDeadline = 30_000;

export async function loadImapMailbox(db: Db, mailboxId: string): Promise<ImapMailbox | undefined> {
  const [row] = await db.select().from(mailboxes).where(eq(mailboxes.id, mailboxId));
  return row;
}

export function imapEndpoint(mailbox: ImapMailbox): ImapEndpoint {
  return { host: mailbox.imapHost ?? "", port: mailbox.imapPort ?? (mailbox.imapSecurity === "tls" ? 993 : 143), folder: mailbox.imapFolder };
}

/** Why this row cannot be connected at all, or null when it has what a connection needs. */
export function imapSetupProblem(mailbox: ImapMailbox): string | null {
  if (!mailbox.imapHost) return "No IMAP server is set for this mailbox.";
  if (!mailbox.imapUsername) return "No IMAP username is set for this mailbox.";
  if (!mailbox.imapSecret) return mailbox.imapAuth === "oauth2" ? "No OAuth2 refresh token is stored for this mailbox." : "No IMAP password is set for this mailbox.";
  return null;
}

/** Builds and connects (logs in) a client for the row; the caller opens the folder and logs out. */
export async function connectImap(db: Db, mailbox: ImapMailbox): Promise<ImapFlow> {
  const problem = imapSetupProblem(mailbox);
  if (problem) throw new ImapSetupError(problem);
  const endpoint = imapEndpoint(mailbox);
  const user = mailbox.imapUsername ?? "";
  const auth: ImapFlowOptions["auth"] =
    mailbox.imapAuth === "oauth2" ? { user, accessToken: await imapAccessToken(db, mailbox) } : { user, pass: decryptSecret(mailbox.imapSecret ?? "") };
  const client = new ImapFlow({
    host: endpoint.host,
    port: endpoint.port,
    secure: mailbox.imapSecurity === "tls",
    doSTARTTLS: mailbox.imapSecurity === "starttls",
    auth,
    logger: false,
    connectionTimeout,
    greetingTimeout,
    // The reader decides when to IDLE and when to poll.
    disableAutoIdle: true,
  });
  // An unhandled 'error' event would end the process; failures surface through the promises instead.
  client.on("error", () => {});
  try {
    await client.connect();
  } catch (error) {
    client.close();
    if (mailbox.imapAuth === "oauth2" && isAuthenticationFailure(error)) await forgetAccessToken(db, mailbox.id);
    throw error;
  }
  return client;
}

export function isAuthenticationFailure(error: unknown): boolean {
  return typeof error === "object" && error !== null && "authenticationFailed" in error && Boolean(error.authenticationFailed);
}

/** Opens (selects) the mailbox's folder; a server refusal becomes a FolderUnavailableError that names it. */
export async function openFolder(client: ImapFlow, mailbox: ImapMailbox, options: { readOnly?: boolean } = {}): Promise<MailboxObject> {
  try {
    return await client.mailboxOpen(mailbox.imapFolder, options);
  } catch (error) {
    const refused = typeof error === "object" && error !== null && "responseStatus" in error && error.responseStatus === "NO";
    if (!refused || !client.usable) throw error;
    const serverText = "responseText" in error && typeof error.responseText === "string" ? error.responseText : "";
    throw new FolderUnavailableError(mailbox.imapFolder, imapEndpoint(mailbox), serverText);
  }
}

export function supportsIdle(client: ImapFlow): boolean {
  return client.capabilities.has("IDLE");
}

/** The admin page's "Test connection": log in, open the folder read-only, say what was found, log out. */
export async function testImapConnection(mailboxId: string, db: Db): Promise<{ ok: true; detail: string } | { ok: false; error: string }> {
  const mailbox = await loadImapMailbox(db, mailboxId);
  if (!mailbox) return { ok: false, error: "This mailbox no longer exists." };
  const problem = imapSetupProblem(mailbox);
  if (problem) return { ok: false, error: problem };
  const endpoint = imapEndpoint(mailbox);
  let client: ImapFlow | undefined;
  let finished = false;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error("timed out"), { code: "ETIMEDOUT" })), testDeadline);
  });
  try {
    const detail = await Promise.race([
      (async () => {
        const open = await connectImap(db, mailbox);
        client = open;
        // Connected only after the deadline: nobody waits for this connection any more.
        if (finished) open.close();
        const folder = await openFolder(open, mailbox, { readOnly: true });
        const idle = supportsIdle(open) ? "IDLE supported" : "no IDLE, so it will be polled";
        const count = `${folder.exists} message${folder.exists === 1 ? "" : "s"}`;
        await open.logout();
        return `Connected: ${folder.path} has ${count}, ${idle}.`;
      })(),
      deadline,
    ]);
    return { ok: true, detail };
  } catch (error) {
    return { ok: false, error: imapErrorMessage(error, endpoint) };
  } finally {
    finished = true;
    clearTimeout(timer);
    client?.close();
  }
}
