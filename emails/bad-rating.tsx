import { Text } from "@react-email/components";
import { EmailLayout } from "./components/email-layout";
import { paragraph } from "./components/email-theme";
import { MessageBody } from "./components/message-body";
import { TicketLinkButton } from "./components/ticket-link-button";
import { ticketReference, TicketSummary } from "./components/ticket-summary";

/** To the assignee, when the requester rates the support on their ticket bad. */
export type BadRatingProps = {
  agentName: string;
  ticketNumber: number;
  subject: string;
  requesterName: string;
  /** What the requester wrote with the rating, if anything yet (a comment added later shows on the ticket). */
  comment: string | null;
  /** The rating reopened the solved ticket (the reopen-on-bad-rating setting). */
  reopened: boolean;
  ticketUrl: string;
};

export default function BadRating({ agentName, ticketNumber, subject, requesterName, comment, reopened, ticketUrl }: BadRatingProps) {
  const reference = ticketReference(ticketNumber);
  return (
    <EmailLayout
      preview={`${requesterName} rated the support on ${reference} bad.`}
      heading={`${requesterName} is not satisfied`}
      footer="You are receiving this because this ticket was assigned to you when it was rated in Frontdesk."
    >
      <Text style={paragraph}>Hi {agentName},</Text>
      <Text style={paragraph}>
        {requesterName} rated the support on ticket {reference} bad.{" "}
        {reopened ? "The ticket has been reopened so you can follow up." : "It may be worth following up with them."}
      </Text>
      <TicketSummary ticketNumber={ticketNumber} subject={subject} facts={[{ label: "Rating", value: "Bad" }]} />
      {comment ? (
        <MessageBody markdown={comment} byline={`${requesterName} wrote`} />
      ) : (
        <Text style={paragraph}>They have not left a comment yet; one added later shows on the ticket.</Text>
      )}
      <TicketLinkButton ticketUrl={ticketUrl}>Open the ticket</TicketLinkButton>
    </EmailLayout>
  );
}

BadRating.PreviewProps = {
  agentName: "Sam Okafor",
  ticketNumber: 1042,
  subject: "Export button does nothing",
  requesterName: "Dana Whitfield",
  comment: "The weekly export still fails, and nobody asked whether the fix worked.",
  reopened: true,
  ticketUrl: "https://support.example.com/desk/tickets/1042",
} satisfies BadRatingProps;
