import { Text } from "@react-email/components";
import type { TicketPriority } from "@/lib/vocabularies";
import { EmailLayout } from "./components/email-layout";
import { paragraph } from "./components/email-theme";
import { PriorityLabel } from "./components/priority-label";
import { TicketLinkButton } from "./components/ticket-link-button";
import { ticketReference, TicketSummary } from "./components/ticket-summary";

/** To an agent, when a ticket is assigned to them, by someone or by auto-assignment (assignedByName null). */
export type AssignedToYouProps = {
  agentName: string;
  ticketNumber: number;
  subject: string;
  requesterName: string;
  assignedByName: string | null;
  priority: TicketPriority;
  ticketUrl: string;
};

export default function AssignedToYou({ agentName, ticketNumber, subject, requesterName, assignedByName, priority, ticketUrl }: AssignedToYouProps) {
  const reference = ticketReference(ticketNumber);
  const how = assignedByName === null ? "automatically assigned to you" : `assigned to you by ${assignedByName}`;
  return (
    <EmailLayout
      preview={`${reference} from ${requesterName} was ${how}.`}
      heading={`Ticket ${reference} is assigned to you`}
      footer="You are receiving this because a ticket was assigned to you in Frontdesk."
    >
      <Text style={paragraph}>Hi {agentName},</Text>
      <Text style={paragraph}>
        A ticket from {requesterName} was {how}.
      </Text>
      <TicketSummary
        ticketNumber={ticketNumber}
        subject={subject}
        facts={[
          { label: "Requester", value: requesterName },
          { label: "Priority", value: <PriorityLabel priority={priority} /> },
          { label: "Assigned by", value: assignedByName ?? "Automatic assignment" },
        ]}
      />
      <TicketLinkButton ticketUrl={ticketUrl}>Open the ticket</TicketLinkButton>
    </EmailLayout>
  );
}

AssignedToYou.PreviewProps = {
  agentName: "Sam Okafor",
  ticketNumber: 1042,
  subject: "Export button does nothing",
  requesterName: "Dana Whitfield",
  assignedByName: "Priya Raman",
  priority: "high",
  ticketUrl: "https://support.example.com/desk/tickets/1042",
} satisfies AssignedToYouProps;
