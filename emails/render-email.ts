import { plainTextSelectors, render } from "@react-email/components";
import { compile } from "html-to-text";
import { createElement, type FunctionComponent } from "react";
import AssignedToYou, { type AssignedToYouProps } from "./assigned-to-you";
import BadRating, { type BadRatingProps } from "./bad-rating";
import { ticketReference } from "./components/ticket-summary";
import CustomerReply, { type CustomerReplyProps } from "./customer-reply";
import PublicReply, { type PublicReplyProps } from "./public-reply";
import SignInLink, { type SignInLinkProps } from "./sign-in-link";
import SignUpAttempt, { type SignUpAttemptProps } from "./sign-up-attempt";
import SlaBreached, { type SlaBreachedProps } from "./sla-breached";
import TicketReceived, { type TicketReceivedProps } from "./ticket-received";
import TicketSolved, { type TicketSolvedProps } from "./ticket-solved";
import VerifyEmail, { type VerifyEmailProps } from "./verify-email";
import WebhookDisabled, { type WebhookDisabledProps } from "./webhook-disabled";

/**
 * Every email Frontdesk sends, by name, with its props, its component and its
 * subject line. Subjects live here rather than in the templates so the outbox
 * gets subject, HTML and plain text from one call. Ticket subjects start with
 * "[#1042]", which keeps a thread together in the requester's mail client and
 * tells inbound mail which ticket a reply is about.
 */
export type EmailTemplateProps = {
  "ticket-received": TicketReceivedProps;
  "public-reply": PublicReplyProps;
  "ticket-solved": TicketSolvedProps;
  "assigned-to-you": AssignedToYouProps;
  "customer-reply": CustomerReplyProps;
  "sign-in-link": SignInLinkProps;
  "sla-breached": SlaBreachedProps;
  "bad-rating": BadRatingProps;
  "verify-email": VerifyEmailProps;
  "sign-up-attempt": SignUpAttemptProps;
  "webhook-disabled": WebhookDisabledProps;
};

export type EmailTemplate = keyof EmailTemplateProps;

export type RenderedEmail = { subject: string; html: string; text: string };

type TemplateDefinition<Props> = {
  component: FunctionComponent<Props>;
  subject: (props: Props) => string;
};

const templates: { [T in EmailTemplate]: TemplateDefinition<EmailTemplateProps[T]> } = {
  "ticket-received": {
    component: TicketReceived,
    subject: (p) => ticketSubject(p.ticketNumber, `We received your request: ${p.subject}`),
  },
  "public-reply": {
    component: PublicReply,
    subject: (p) => ticketSubject(p.ticketNumber, /^re:/i.test(p.subject.trim()) ? p.subject : `Re: ${p.subject}`),
  },
  "ticket-solved": {
    component: TicketSolved,
    subject: (p) => ticketSubject(p.ticketNumber, `Solved: ${p.subject}`),
  },
  "assigned-to-you": {
    component: AssignedToYou,
    subject: (p) => ticketSubject(p.ticketNumber, `Assigned to you: ${p.subject}`),
  },
  "customer-reply": {
    component: CustomerReply,
    subject: (p) => ticketSubject(p.ticketNumber, `New reply from ${p.requesterName}: ${p.subject}`),
  },
  "sign-in-link": {
    component: SignInLink,
    subject: () => "Sign in to Frontdesk",
  },
  "sla-breached": {
    component: SlaBreached,
    subject: (p) => ticketSubject(p.ticketNumber, `${p.targetName} overdue: ${p.subject}`),
  },
  "bad-rating": {
    component: BadRating,
    subject: (p) => ticketSubject(p.ticketNumber, `Rated bad by ${p.requesterName}: ${p.subject}`),
  },
  "verify-email": {
    component: VerifyEmail,
    subject: () => "Confirm your email address for Frontdesk",
  },
  "sign-up-attempt": {
    component: SignUpAttempt,
    subject: () => "You already have a Frontdesk account",
  },
  "webhook-disabled": {
    component: WebhookDisabled,
    subject: (p) => `Webhook endpoint switched off: ${p.endpointUrl}`.replace(/\s+/g, " "),
  },
};

/** "[#1042] <text>", on one line: a subject is a header, so user text must not carry line breaks into it. */
function ticketSubject(ticketNumber: number, text: string): string {
  return `[${ticketReference(ticketNumber)}] ${text}`.replace(/\s+/g, " ").trim();
}

/**
 * Plain-text alternative: React Email's defaults (links as "text URL", images
 * and the preview line skipped, no word wrap), without html-to-text's
 * upper-cased headings, and with data tables (ticket facts, Markdown tables)
 * kept as aligned columns instead of being read as layout. Compiled once:
 * compiling the selectors cost more than converting an email.
 */
const toPlainText = compile({
  wordwrap: false,
  selectors: [
    ...plainTextSelectors,
    ...["h1", "h2", "h3", "h4", "h5", "h6"].map((selector) => ({ selector, options: { uppercase: false } })),
    { selector: "table[data-text-table]", format: "dataTable", options: { uppercaseHeaderCells: false } },
  ],
});

/**
 * Renders the React tree once and converts that HTML to the plain text, as
 * render's plainText option does after a second render of the tree.
 */
export async function renderEmail<T extends EmailTemplate>(template: T, props: EmailTemplateProps[T]): Promise<RenderedEmail> {
  const definition = templates[template];
  const html = await render(createElement(definition.component, props));
  return { subject: definition.subject(props), html, text: toPlainText(html) };
}
