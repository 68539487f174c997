import { Text } from "@react-email/components";
import { EmailLayout } from "./components/email-layout";
import { paragraph } from "./components/email-theme";
import { RatingButtons } from "./components/rating-buttons";
import { TicketLinkButton } from "./components/ticket-link-button";
import { ticketReference, TicketSummary } from "./components/ticket-summary";

/**
 * To the requester, when their ticket is solved. A reply reopens a solved
 * ticket (server/tickets' state machine). With satisfaction surveys on, it
 * asks "How did we do?" with signed one-click rating links.
 */
export type TicketSolvedProps = {
  requesterName: string;
  ticketNumber: number;
  subject: string;
  ticketUrl: string;
  /** The rating page with each answer chosen; null when surveys are off. */
  ratingUrls: { good: string; bad: string } | null;
};

export default function TicketSolved({ requesterName, ticketNumber, subject, ticketUrl, ratingUrls }: TicketSolvedProps) {
  const reference = ticketReference(ticketNumber);
  return (
    <EmailLayout
      preview={`Ticket ${reference} is solved. Reply to this email if you still need help.`}
      heading="Your request is solved"
      footer="Reply to this email to reopen your ticket."
    >
      <Text style={paragraph}>Hi {requesterName},</Text>
      <Text style={paragraph}>We have marked ticket {reference} as solved. We hope everything is working as it should.</Text>
      <TicketSummary ticketNumber={ticketNumber} subject={subject} />
      {ratingUrls ? <RatingButtons good={ratingUrls.good} bad={ratingUrls.bad} /> : null}
      <Text style={paragraph}>If something is still not right, reply to this email and the ticket will reopen, with your reply added to it.</Text>
      <TicketLinkButton ticketUrl={ticketUrl}>View your request</TicketLinkButton>
    </EmailLayout>
  );
}

TicketSolved.PreviewProps = {
  requesterName: "Dana Whitfield",
  ticketNumber: 1042,
  subject: "Export button does nothing",
  ticketUrl: "https://support.example.com/tickets/1042",
  ratingUrls: {
    good: "https://support.example.com/rate/3Y1NmJq0Ra6Lx4BvTz8WkQ.u2Hc9dFp5Ns7Ge1Kj4Lm0A?score=good",
    bad: "https://support.example.com/rate/3Y1NmJq0Ra6Lx4BvTz8WkQ.u2Hc9dFp5Ns7Ge1Kj4Lm0A?score=bad",
  },
} satisfies TicketSolvedProps;
