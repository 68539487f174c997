import { Text } from "@react-email/components";
import { EmailLayout, REPLY_ADDS_TO_TICKET } from "./components/email-layout";
import { paragraph } from "./components/email-theme";
import { MessageBody } from "./components/message-body";
import { RatingButtons } from "./components/rating-buttons";
import { TicketLinkButton } from "./components/ticket-link-button";
import { ticketReference, TicketSummary } from "./components/ticket-summary";

/**
 * To the requester, when an agent posts a public reply on their ticket. A
 * reply that solves the ticket is the only email about it (no separate solved
 * email), so it says so and, with surveys on, asks "How did we do?".
 */
export type PublicReplyProps = {
  requesterName: string;
  ticketNumber: number;
  subject: string;
  agentName: string;
  replyMarkdown: string;
  ticketUrl: string;
  /** Set when the reply solved the ticket; ratingUrls is null when surveys are off. */
  solved?: { ratingUrls: { good: string; bad: string } | null } | null;
};

export default function PublicReply({ requesterName, ticketNumber, subject, agentName, replyMarkdown, ticketUrl, solved }: PublicReplyProps) {
  const reference = ticketReference(ticketNumber);
  return (
    <EmailLayout preview={`${agentName} replied to your request ${reference}.`} heading={`${agentName} replied to your request`} footer={REPLY_ADDS_TO_TICKET}>
      <Text style={paragraph}>Hi {requesterName},</Text>
      <Text style={paragraph}>There is a new reply on ticket {reference}:</Text>
      <TicketSummary ticketNumber={ticketNumber} subject={subject} />
      <MessageBody markdown={replyMarkdown} byline={`${agentName} wrote`} />
      {solved ? (
        <Text style={paragraph}>With this reply we have marked the ticket as solved. If something is still not right, reply to this email and the ticket will reopen.</Text>
      ) : null}
      {solved?.ratingUrls ? <RatingButtons good={solved.ratingUrls.good} bad={solved.ratingUrls.bad} /> : null}
      <TicketLinkButton ticketUrl={ticketUrl}>View the conversation</TicketLinkButton>
    </EmailLayout>
  );
}

PublicReply.PreviewProps = {
  requesterName: "Dana Whitfield",
  ticketNumber: 1042,
  subject: "Export button does nothing",
  agentName: "Sam Okafor",
  replyMarkdown:
    "Hi Dana, thanks for the details. This is a bug in **version 4.2** that we fixed this afternoon.\n\n- Reload the Reports page\n- Click **Export CSV** again\n\nIf it still fails, send us the output of `about:support` and we will look further.",
  ticketUrl: "https://support.example.com/tickets/1042",
} satisfies PublicReplyProps;
