import "server-only";
import { outbox } from "@/db/schema";
import type { DbOrTx } from "@/db/types";
import { renderEmail, type EmailTemplate, type EmailTemplateProps } from "@/emails/render-email";
import { env } from "@/server/env";
import { newMessageIdHeader, ticketRootMessageId } from "./reply-address";
import { mailboxDeliversItself } from "./mailboxes/outbound";

export interface OutgoingEmail<T extends EmailTemplate> {
  template: T;
  props: EmailTemplateProps[T];
  to: string;
  /** Copied recipients (a ticket's CCs on its public replies). */
  cc?: string[];
  /** The mailbox it goes out from and through (the ticket's); none: SUPPORT_EMAIL and the app's Resend account. */
  mailboxId?: string | null;
  /** Names the event, so enqueuing the same email twice writes it once. */
  idempotencyKey: string;
  ticketId?: string;
  /** The ticket's first email: it carries the ticket's root Message-ID instead of a freshly issued one. */
  threadRoot?: boolean;
  ticketMessageId?: string;
  inReplyTo?: string;
  references?: string[];
  replyTo?: string;
}

/**
 * Writes an email to the outbox, in the caller's transaction: it exists if
 * and only if the change that caused it commits. Without a provider
 * configured (no Resend key, and no SMTP server of its mailbox), it is kept ("stored") for the local mailbox page instead of
 * waiting for delivery.
 */
export async function enqueueEmail<T extends EmailTemplate>(
  tx: DbOrTx,
  email: OutgoingEmail<T>,
  options: { deliver?: boolean } = {},
): Promise<void> {
  const rendered = await renderEmail(email.template, email.props);
  // A mailbox with its own SMTP server delivers even where the app has no Resend key.
  const deliver = options.deliver ?? (Boolean(env.RESEND_API_KEY) || (email.mailboxId ? await mailboxDeliversItself(tx, email.mailboxId) : false));
  if (email.threadRoot && !email.ticketId) throw new Error(`A thread root email needs its ticket (${email.idempotencyKey})`);
  await tx
    .insert(outbox)
    .values({
      idempotencyKey: email.idempotencyKey,
      template: email.template,
      toAddress: email.to,
      ccAddresses: email.cc ?? [],
      mailboxId: email.mailboxId ?? null,
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
      messageIdHeader: email.threadRoot && email.ticketId ? ticketRootMessageId(email.ticketId) : newMessageIdHeader(email.template),
      inReplyTo: email.inReplyTo ?? null,
      references: email.references?.length ? email.references.join(" ") : null,
      replyTo: email.replyTo ?? null,
      ticketId: email.ticketId ?? null,
      ticketMessageId: email.ticketMessageId ?? null,
      status: deliver ? "pending" : "stored",
    })
    .onConflictDoNothing({ target: outbox.idempotencyKey });
}
