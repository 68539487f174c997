import { Text } from "@react-email/components";
import { EmailLayout } from "./components/email-layout";
import { paragraph } from "./components/email-theme";
import { MessageBody } from "./components/message-body";
import { TicketLinkButton } from "./components/ticket-link-button";
import { ticketReference, TicketSummary } from "./components/ticket-summary";

/** To the assigned agent, when the requester replies (portal or email). */
export type CustomerReplyProps = {
  agentName: string;
  ticketNumber: number;
  subject: string;
  requesterName: string;
  replyMarkdown: string;
  ticketUrl: string;
};

export default function CustomerReply({ agentName, ticketNumber, subject, requesterName, replyMarkdown, ticketUrl }: CustomerReplyProps) {
  const reference = ticketReference(ticketNumber);
  return (
    <EmailLayout
      preview={`${requesterName} replied on ${reference}.`}
      heading={`New reply from ${requesterName}`}
      footer="You are receiving this because this ticket is assigned to you in Frontdesk."
    >
      <Text style={paragraph}>Hi {agentName},</Text>
      <Text style={paragraph}>
        {requesterName} replied on ticket {reference}, which is assigned to you:
      </Text>
      <TicketSummary ticketNumber={ticketNumber} subject={subject} />
      <MessageBody markdown={replyMarkdown} byline={`${requesterName} wrote`} />
      <TicketLinkButton ticketUrl={ticketUrl}>Open the ticket</TicketLinkButton>
    </EmailLayout>
  );
}

CustomerReply.PreviewProps = {
  agentName: "Sam Okafor",
  ticketNumber: 1042,
  subject: "Export button does nothing",
  requesterName: "Dana Whitfield",
  replyMarkdown:
    "Thanks Sam, reloading helped for the **monthly** report, but the weekly one still fails:\n\n```\nTypeError: blob is undefined\n    at exportCsv (reports.js:212)\n```\n\nIs there anything else I can try?",
  ticketUrl: "https://support.example.com/desk/tickets/1042",
} satisfies CustomerReplyProps;
