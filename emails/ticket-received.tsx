import { Text } from "@react-email/components";
import { EmailLayout, REPLY_ADDS_TO_TICKET } from "./components/email-layout";
import { paragraph } from "./components/email-theme";
import { MessageBody } from "./components/message-body";
import { SuggestedArticles, type SuggestedArticle } from "./components/suggested-articles";
import { TicketLinkButton } from "./components/ticket-link-button";
import { ticketReference, TicketSummary } from "./components/ticket-summary";

/** To the requester, when their ticket is created (any channel): confirms it and echoes what they wrote. */
export type TicketReceivedProps = {
  requesterName: string;
  ticketNumber: number;
  subject: string;
  ticketUrl: string;
  bodyMarkdown: string;
  /** Up to three published help-center articles matching the subject, readable by the requester. */
  suggestedArticles?: SuggestedArticle[];
};

export default function TicketReceived({ requesterName, ticketNumber, subject, ticketUrl, bodyMarkdown, suggestedArticles = [] }: TicketReceivedProps) {
  const reference = ticketReference(ticketNumber);
  return (
    <EmailLayout preview={`Your request ${reference} is in our queue. We will reply as soon as we can.`} heading="We received your request" footer={REPLY_ADDS_TO_TICKET}>
      <Text style={paragraph}>Hi {requesterName},</Text>
      <Text style={paragraph}>
        Thanks for getting in touch. Your request is ticket {reference}, and our team will reply as soon as they can. You can follow it and add details on its page.
      </Text>
      <TicketSummary ticketNumber={ticketNumber} subject={subject} />
      <MessageBody markdown={bodyMarkdown} byline="Your message" />
      <TicketLinkButton ticketUrl={ticketUrl}>View your request</TicketLinkButton>
      <SuggestedArticles articles={suggestedArticles} />
    </EmailLayout>
  );
}

TicketReceived.PreviewProps = {
  requesterName: "Dana Whitfield",
  ticketNumber: 1042,
  subject: "Export button does nothing",
  ticketUrl: "https://support.example.com/tickets/1042",
  bodyMarkdown:
    "Since this morning the **Export** button on the Reports page does nothing.\n\n1. Open *Reports → Monthly*\n2. Click **Export CSV**\n3. Nothing downloads\n\nThe console shows `TypeError: blob is undefined`.",
  suggestedArticles: [{ title: "Exporting reports to CSV", url: "https://support.example.com/help/articles/12-exporting-reports-to-csv" }],
} satisfies TicketReceivedProps;
