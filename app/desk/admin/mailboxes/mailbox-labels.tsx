import { formatRelative } from "@/components/relative-time";
import type { ImapProcessedAction, MailAuthMethod, MailboxInboundTransport, MailboxOutboundTransport, MailConnectionSecurity } from "@/lib/vocabularies";

/**
 * Words and badges for mailboxes, shared by the list, the mailbox page and
 * the form (no client-only code, so server and client components both use them).
 */

export const inboundTransportLabels: Record<MailboxInboundTransport, { label: string; hint: string }> = {
  imap: { label: "IMAP", hint: "Frontdesk reads the mailbox on your mail server (Google Workspace, Microsoft 365, any IMAP server)." },
  push: { label: "Pushed to Frontdesk", hint: "Your mail service forwards each email: Resend's inbound webhook or the raw-MIME endpoint." },
};

export const outboundTransportLabels: Record<MailboxOutboundTransport, { label: string; hint: string }> = {
  smtp: { label: "SMTP", hint: "Replies go out through your mail server, so they also appear in the mailbox's Sent folder if the server keeps one." },
  resend: { label: "Resend", hint: "Replies go out through the app's Resend account (RESEND_API_KEY), from this address." },
};

export const securityLabels: Record<MailConnectionSecurity, string> = {
  tls: "TLS (implicit: IMAP 993, SMTP 465)",
  starttls: "STARTTLS (IMAP 143, SMTP 587)",
  none: "None (a server on this machine only)",
};

export const authLabels: Record<MailAuthMethod, string> = {
  password: "Password or app password",
  oauth2: "OAuth2 (XOAUTH2, refresh token)",
};

export const processedActionLabels: Record<ImapProcessedAction, { label: string; hint: string }> = {
  mark_seen: { label: "Mark as read", hint: "Processed mail stays in the folder, marked read." },
  move: { label: "Move to a folder", hint: "Processed mail is moved out of the folder, e.g. to “Processed”." },
  delete: { label: "Delete", hint: "Processed mail is deleted from the server (the ticket keeps the message and its files)." },
};

const badge = "inline-flex rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap";

export function EnabledBadge({ enabled }: { enabled: boolean }) {
  return enabled ? <span className={`${badge} bg-success-soft text-success`}>On</span> : <span className={`${badge} bg-surface-muted text-muted`}>Off</span>;
}

export interface InboundStatusFields {
  enabled: boolean;
  inboundTransport: MailboxInboundTransport;
  inboundState: string;
  inboundError: string | null;
  inboundCheckedAt: Date | null;
}

/** How the inbound side stands, in one line: "Error: authentication failed · checked 2 minutes ago". */
export function inboundStatusText(mailbox: InboundStatusFields, now = new Date()): { text: string; tone: "ok" | "error" | "muted" } {
  if (mailbox.inboundTransport === "push") return { text: "Mail is pushed to Frontdesk: nothing to connect to.", tone: "muted" };
  if (!mailbox.enabled) return { text: "Switched off: the mailbox is not read.", tone: "muted" };
  const checked = mailbox.inboundCheckedAt ? ` · checked ${formatRelative(mailbox.inboundCheckedAt, now)}` : "";
  if (mailbox.inboundState === "error") return { text: `Error: ${mailbox.inboundError ?? "the connection failed"}${checked}`, tone: "error" };
  const states: Record<string, string> = {
    "not started": "Not connected yet: the worker connects within a minute",
    connecting: "Connecting",
    idle: "Connected, waiting for new mail (IDLE)",
    polling: "Connected, checking for new mail every 30 seconds",
    disabled: "Not read",
  };
  const state = states[mailbox.inboundState] ?? mailbox.inboundState;
  // A reader that works but could not tidy up a message (say, the move folder is missing) keeps its note.
  if (mailbox.inboundError) return { text: `${state}; problem: ${mailbox.inboundError}${checked}`, tone: "error" };
  return { text: `${state}${checked}`, tone: mailbox.inboundState === "idle" || mailbox.inboundState === "polling" ? "ok" : "muted" };
}

export function InboundStatus({ mailbox }: { mailbox: InboundStatusFields }) {
  const { text, tone } = inboundStatusText(mailbox);
  const color = tone === "error" ? "text-danger" : tone === "ok" ? "text-success" : "text-muted";
  return <span className={`${color} wrap-anywhere`}>{text}</span>;
}
