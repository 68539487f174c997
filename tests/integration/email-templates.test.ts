/**
 * The email templates through renderEmail, as the outbox worker will call it:
 * every template renders from its PreviewProps with the facts a reader needs
 * in both the HTML and the plain-text part; subjects carry "[#1042]"; Markdown
 * replies render, but raw HTML in them never comes out as markup; names are
 * escaped; long words wrap; nothing is fetched from outside the email.
 */
import { describe, expect, it } from "vitest";
import AssignedToYou from "@/emails/assigned-to-you";
import BadRating from "@/emails/bad-rating";
import CustomerReply from "@/emails/customer-reply";
import PublicReply from "@/emails/public-reply";
import { renderEmail, type EmailTemplate, type EmailTemplateProps } from "@/emails/render-email";
import SignInLink from "@/emails/sign-in-link";
import SignUpAttempt from "@/emails/sign-up-attempt";
import SlaBreached from "@/emails/sla-breached";
import TicketReceived from "@/emails/ticket-received";
import TicketSolved from "@/emails/ticket-solved";
import VerifyEmail from "@/emails/verify-email";
import WebhookDisabled from "@/emails/webhook-disabled";

const previewProps: { [T in EmailTemplate]: EmailTemplateProps[T] } = {
  "ticket-received": TicketReceived.PreviewProps,
  "public-reply": PublicReply.PreviewProps,
  "ticket-solved": TicketSolved.PreviewProps,
  "assigned-to-you": AssignedToYou.PreviewProps,
  "customer-reply": CustomerReply.PreviewProps,
  "sign-in-link": SignInLink.PreviewProps,
  "sla-breached": SlaBreached.PreviewProps,
  "bad-rating": BadRating.PreviewProps,
  "verify-email": VerifyEmail.PreviewProps,
  "sign-up-attempt": SignUpAttempt.PreviewProps,
  "webhook-disabled": WebhookDisabled.PreviewProps,
};

const templates = Object.keys(previewProps) as EmailTemplate[];

/** What each email must tell its reader, in HTML and in plain text. */
const keyFacts: { [T in EmailTemplate]: (p: EmailTemplateProps[T]) => string[] } = {
  "ticket-received": (p) => [`#${p.ticketNumber}`, p.subject, p.requesterName, "Since this morning", "Reply to this email to add to your ticket."],
  "public-reply": (p) => [`#${p.ticketNumber}`, p.subject, p.requesterName, p.agentName, "version 4.2", "Reply to this email to add to your ticket."],
  "ticket-solved": (p) => [
    `#${p.ticketNumber}`,
    p.subject,
    p.requesterName,
    "solved",
    "reply to this email and the ticket will reopen",
    "How did we do?",
    "Good, I am satisfied",
    "Bad, I am not satisfied",
  ],
  "assigned-to-you": (p) => [`#${p.ticketNumber}`, p.subject, p.agentName, p.requesterName, p.assignedByName ?? "Automatic assignment", "High"],
  "customer-reply": (p) => [`#${p.ticketNumber}`, p.subject, p.agentName, p.requesterName, "TypeError: blob is undefined"],
  "sign-in-link": (p) => [p.host, `${p.expiresInMinutes} minutes`, "If you did not ask for this, ignore this email."],
  "sla-breached": (p) => [`#${p.ticketNumber}`, p.subject, p.agentName, p.requesterName, p.targetName, p.dueLabel, "Urgent"],
  "bad-rating": (p) => [`#${p.ticketNumber}`, p.subject, p.agentName, p.requesterName, "rated the support on ticket", "Bad", p.comment ?? "", "reopened"],
  "verify-email": (p) => [p.name, p.host, `${p.expiresInHours} hours`, p.organizationName ?? "", "If you did not create this account, ignore this email."],
  "sign-up-attempt": (p) => [p.name, p.host, "You already have one, so nothing was changed.", "ask for a sign-in link by email"],
  "webhook-disabled": (p) => [p.adminName, p.endpointUrl, p.description, p.failingSinceLabel, p.lastError, "switch the endpoint on again"],
};

function renderPreview<T extends EmailTemplate>(template: T) {
  return renderEmail(template, previewProps[template]);
}

function keyFactsOf<T extends EmailTemplate>(template: T): string[] {
  return keyFacts[template](previewProps[template]);
}

function linkOf(template: EmailTemplate): string {
  const props = previewProps[template];
  return "ticketUrl" in props ? props.ticketUrl : props.url;
}

/** How React writes text and attribute values into HTML. */
function escaped(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;").replaceAll("'", "&#x27;");
}

const hostileMarkdown = [
  "Before",
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  '<iframe src="https://evil.example/frame"></iframe>',
  '<a href="javascript:alert(1)">raw link</a>',
  "[markdown link](javascript:alert(1))",
  "![pixel](https://evil.example/pixel.png)",
  "After",
].join("\n\n");

const hostileName = `Dana <b>"Bold"</b> & O'Brien`;

describe("email templates", () => {
  describe.each(templates)("%s", (template) => {
    it("renders its PreviewProps with the key facts and the link, in HTML and plain text", async () => {
      const { html, text } = await renderPreview(template);
      const facts = keyFactsOf(template);
      const link = linkOf(template);

      expect(html).toMatch(/^<!DOCTYPE html/);
      expect(html).toContain("Frontdesk Support");
      for (const fact of facts) {
        expect(html).toContain(escaped(fact));
        expect(text).toContain(fact);
      }
      expect(html).toContain(`href="${escaped(link)}"`);
      expect(text).toContain(link);
      // A real plain-text part: no markup and no entities left over.
      expect(text).not.toMatch(/<\/?[a-z][^>]*>/i);
      expect(text).not.toMatch(/&(amp|lt|gt|quot|#x?[0-9a-f]+);/i);
    });

    it("loads nothing from outside the email (no images, fonts or stylesheets)", async () => {
      const { html } = await renderPreview(template);
      expect(html).not.toMatch(/<img|<link|@import|url\(|@font-face/i);
    });
  });

  it("gives every ticket email a [#number] subject and the sign-in email its own", async () => {
    const subjects = Object.fromEntries(await Promise.all(templates.map(async (t) => [t, (await renderPreview(t)).subject])));
    expect(subjects).toEqual({
      "ticket-received": "[#1042] We received your request: Export button does nothing",
      "public-reply": "[#1042] Re: Export button does nothing",
      "ticket-solved": "[#1042] Solved: Export button does nothing",
      "assigned-to-you": "[#1042] Assigned to you: Export button does nothing",
      "customer-reply": "[#1042] New reply from Dana Whitfield: Export button does nothing",
      "sign-in-link": "Sign in to Frontdesk",
      "sla-breached": "[#1042] First response overdue: Export button does nothing",
      "bad-rating": "[#1042] Rated bad by Dana Whitfield: Export button does nothing",
      "verify-email": "Confirm your email address for Frontdesk",
      "sign-up-attempt": "You already have a Frontdesk account",
      "webhook-disabled": "Webhook endpoint switched off: https://crm.example.com/hooks/frontdesk",
    });
  });

  it("sets a preview line for the inbox, kept out of the plain-text part", async () => {
    const { html, text } = await renderPreview("ticket-received");
    expect(html).toMatch(/<div style="display:none[^"]*" data-skip-in-text="true">Your request #1042 is in our queue\./);
    expect(text).not.toContain("is in our queue");
  });

  it("keeps subjects on one line and does not stack Re: prefixes", async () => {
    const reply = await renderEmail("public-reply", { ...PublicReply.PreviewProps, ticketNumber: 7, subject: "RE: Invoice\r\nBcc: someone@example.com" });
    expect(reply.subject).toBe("[#7] RE: Invoice Bcc: someone@example.com");
    const solved = await renderEmail("ticket-solved", { ...TicketSolved.PreviewProps, subject: "  Two\n lines " });
    expect(solved.subject).toBe("[#1042] Solved: Two lines");
  });

  it("renders Markdown in messages: emphasis, lists, code, links, tables", async () => {
    const replyMarkdown = [
      "This is **bold** and *italic* and ~~gone~~.",
      "- first item\n- second item",
      "1. step one\n2. step two",
      "Run `npm ci` first, then:",
      "```\nnpm run build\n```",
      "See [the docs](https://docs.example.com/export).",
      "| Plan | Price |\n| --- | --- |\n| Pro | $10 |",
    ].join("\n\n");
    for (const template of ["public-reply", "customer-reply"] as const) {
      const { html, text } = await renderEmail(template, { ...previewProps[template], replyMarkdown });
      expect(html).toMatch(/<strong[^>]*>bold<\/strong>/);
      expect(html).toMatch(/<em[^>]*>italic<\/em>/);
      expect(html).toMatch(/<del[^>]*>gone<\/del>/);
      expect(html).toMatch(/<ul[^>]*>\s*<li[^>]*>first item<\/li>/);
      expect(html).toMatch(/<ol[^>]*>\s*<li[^>]*>step one<\/li>/);
      expect(html).toMatch(/<code[^>]*>npm ci<\/code>/);
      expect(html).toMatch(/<pre[^>]*><code>npm run build\n?<\/code><\/pre>/);
      expect(html).toMatch(/<a href="https:\/\/docs\.example\.com\/export"[^>]*>the docs<\/a>/);
      expect(html).toMatch(/<th[^>]*>Plan<\/th>/);
      expect(text).toContain("the docs https://docs.example.com/export");
      expect(text).toMatch(/Plan +Price\nPro +\$10/);
    }
    const received = await renderEmail("ticket-received", { ...TicketReceived.PreviewProps, bodyMarkdown: "It **still** fails" });
    expect(received.html).toMatch(/<strong[^>]*>still<\/strong>/);
  });

  it("never emits raw HTML from Markdown as markup", async () => {
    const rendered = await Promise.all([
      renderEmail("ticket-received", { ...TicketReceived.PreviewProps, bodyMarkdown: hostileMarkdown }),
      renderEmail("public-reply", { ...PublicReply.PreviewProps, replyMarkdown: hostileMarkdown }),
      renderEmail("customer-reply", { ...CustomerReply.PreviewProps, replyMarkdown: hostileMarkdown }),
    ]);
    for (const { html, text } of rendered) {
      expect(html).not.toMatch(/<script|<img|<iframe|onerror|javascript:/i);
      expect(html).toContain("Before");
      expect(html).toContain("After");
      // The Markdown link keeps its text but loses its javascript: URL; the image becomes a plain link.
      expect(html).toContain("markdown link");
      expect(html).toMatch(/<a href="https:\/\/evil\.example\/pixel\.png"[^>]*>Image: pixel<\/a>/);
      expect(text).not.toMatch(/<script|onerror|javascript:/i);
    }
  });

  it("escapes names and subjects with HTML special characters", async () => {
    const rendered = await Promise.all([
      renderEmail("ticket-received", { ...TicketReceived.PreviewProps, requesterName: hostileName, subject: hostileName }),
      renderEmail("public-reply", { ...PublicReply.PreviewProps, requesterName: hostileName, agentName: hostileName, subject: hostileName }),
      renderEmail("ticket-solved", { ...TicketSolved.PreviewProps, requesterName: hostileName, subject: hostileName }),
      renderEmail("assigned-to-you", { ...AssignedToYou.PreviewProps, agentName: hostileName, requesterName: hostileName, assignedByName: hostileName, subject: hostileName }),
      renderEmail("customer-reply", { ...CustomerReply.PreviewProps, agentName: hostileName, requesterName: hostileName, subject: hostileName }),
      renderEmail("bad-rating", { ...BadRating.PreviewProps, agentName: hostileName, requesterName: hostileName, subject: hostileName }),
    ]);
    for (const { html, text } of rendered) {
      expect(html).not.toContain("<b>");
      expect(html).toContain(escaped(hostileName));
      expect(text).toContain(hostileName);
    }
  });

  it("wraps long unbroken words and URLs instead of widening the layout", async () => {
    const longWord = "x".repeat(300);
    const { html } = await renderEmail("public-reply", { ...PublicReply.PreviewProps, replyMarkdown: longWord });
    expect(html).toMatch(new RegExp(`<div style="[^"]*overflow-wrap:anywhere;word-break:break-word[^"]*"><p[^>]*>${longWord}</p>`));
    const signIn = await renderEmail("sign-in-link", SignInLink.PreviewProps);
    expect(signIn.html).toMatch(/<p style="[^"]*word-break:break-word[^"]*"><a href="https:\/\/support\.example\.com\/api\/auth\/callback\/email/);
  });

  it("says when an assignment was automatic, and shows the priority", async () => {
    const { html, text } = await renderEmail("assigned-to-you", { ...AssignedToYou.PreviewProps, assignedByName: null, priority: "urgent" });
    expect(text).toContain("automatically assigned to you");
    expect(text).toMatch(/Assigned by +Automatic assignment/);
    expect(text).toMatch(/Priority +Urgent/);
    expect(html).not.toContain("Priya Raman");
  });

  it("asks how we did with Good and Bad links only when surveys are on", async () => {
    const props = TicketSolved.PreviewProps;
    const { html, text } = await renderEmail("ticket-solved", props);
    expect(html).toContain(`href="${escaped(props.ratingUrls.good)}"`);
    expect(html).toContain(`href="${escaped(props.ratingUrls.bad)}"`);
    expect(text).toContain(`Good, I am satisfied ${props.ratingUrls.good}`);
    expect(text).toContain(`Bad, I am not satisfied ${props.ratingUrls.bad}`);
    const off = await renderEmail("ticket-solved", { ...props, ratingUrls: null });
    expect(off.text).not.toContain("How did we do?");
    expect(off.html).not.toContain("/rate/");
    expect(off.text).toContain(props.ticketUrl);
  });

  it("says when a reply solved the ticket, and then asks how we did if surveys are on", async () => {
    const ratingUrls = TicketSolved.PreviewProps.ratingUrls;
    const plain = await renderEmail("public-reply", PublicReply.PreviewProps);
    expect(plain.text).not.toMatch(/marked the ticket as solved|How did we do\?/);
    const solving = await renderEmail("public-reply", { ...PublicReply.PreviewProps, solved: { ratingUrls } });
    expect(solving.text).toContain("With this reply we have marked the ticket as solved.");
    expect(solving.text).toContain(`Good, I am satisfied ${ratingUrls.good}`);
    expect(solving.html).toContain(`href="${escaped(ratingUrls.bad)}"`);
    const surveysOff = await renderEmail("public-reply", { ...PublicReply.PreviewProps, solved: { ratingUrls: null } });
    expect(surveysOff.text).toContain("marked the ticket as solved");
    expect(surveysOff.text).not.toContain("How did we do?");
  });

  it("shows the requester's comment in the bad-rating email as sanitized Markdown, or says there is none yet", async () => {
    const hostile = await renderEmail("bad-rating", { ...BadRating.PreviewProps, comment: hostileMarkdown });
    expect(hostile.html).not.toMatch(/<script|<img|<iframe|onerror|javascript:/i);
    expect(hostile.html).toContain("Before");
    const bare = await renderEmail("bad-rating", { ...BadRating.PreviewProps, comment: null, reopened: false });
    expect(bare.text).toContain("They have not left a comment yet");
    expect(bare.text).not.toContain("reopened");
  });

  it("puts the sign-in link both behind a button and as text, with the expiry", async () => {
    const props = { ...SignInLink.PreviewProps, expiresInMinutes: 1 };
    const { html, text } = await renderEmail("sign-in-link", props);
    expect(html.split(`href="${escaped(props.url)}"`)).toHaveLength(3);
    expect(html).toContain(`>${escaped(props.url)}</a>`);
    expect(html).toMatch(/>Sign in<\/span>/);
    expect(text).toContain("expires in 1 minute.");
    expect(text).toContain(`copy this link into your browser:\n\n${props.url}`);
  });
});
