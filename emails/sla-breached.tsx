import { Text } from "@react-email/components";
import type { TicketPriority } from "@/lib/vocabularies";
import { EmailLayout } from "./components/email-layout";
import { paragraph } from "./components/email-theme";
import { PriorityLabel } from "./components/priority-label";
import { TicketLinkButton } from "./components/ticket-link-button";
import { ticketReference, TicketSummary } from "./components/ticket-summary";

/** To the assignee and the ticket's team, when a running SLA clock goes overdue (the vocabulary: lib/sla-state.ts). */
export type SlaBreachedProps = {
  agentName: string;
  ticketNumber: number;
  subject: string;
  requesterName: string;
  /** "First response" or "Resolution". */
  targetName: string;
  /** When it was due, already formatted for the reader ("Mon 3 Nov, 14:00 UTC"). */
  dueLabel: string;
  assigneeName: string | null;
  priority: TicketPriority;
  ticketUrl: string;
};

export default function SlaBreached({ agentName, ticketNumber, subject, requesterName, targetName, dueLabel, assigneeName, priority, ticketUrl }: SlaBreachedProps) {
  const reference = ticketReference(ticketNumber);
  return (
    <EmailLayout
      preview={`${targetName} for ${reference} was due ${dueLabel}.`}
      heading={`${targetName} overdue on ${reference}`}
      footer="You are receiving this because you are assigned to this ticket or on its team in Frontdesk."
    >
      <Text style={paragraph}>Hi {agentName},</Text>
      <Text style={paragraph}>
        The {targetName.toLowerCase()} for this ticket from {requesterName} was due {dueLabel} and is now overdue.
      </Text>
      <TicketSummary
        ticketNumber={ticketNumber}
        subject={subject}
        facts={[
          { label: "Target", value: targetName },
          { label: "Was due", value: dueLabel },
          { label: "Priority", value: <PriorityLabel priority={priority} /> },
          { label: "Assignee", value: assigneeName ?? "Unassigned" },
        ]}
      />
      <TicketLinkButton ticketUrl={ticketUrl}>Open the ticket</TicketLinkButton>
    </EmailLayout>
  );
}

SlaBreached.PreviewProps = {
  agentName: "Sam Okafor",
  ticketNumber: 1042,
  subject: "Export button does nothing",
  requesterName: "Dana Whitfield",
  targetName: "First response",
  dueLabel: "Mon 3 Nov, 14:00 UTC",
  assigneeName: "Sam Okafor",
  priority: "urgent",
  ticketUrl: "https://support.example.com/desk/tickets/1042",
} satisfies SlaBreachedProps;
