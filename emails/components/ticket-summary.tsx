import { Section, Text } from "@react-email/components";
import type { CSSProperties, ReactNode } from "react";
import { palette } from "./email-theme";

/** "#1042": how a ticket number is written everywhere, subjects included. */
export function ticketReference(ticketNumber: number): string {
  return `#${ticketNumber}`;
}

/**
 * The ticket an email is about: its number and subject, and optionally a few
 * labelled facts (requester, priority, …) in a two-column table.
 */
export function TicketSummary({ ticketNumber, subject, facts = [] }: { ticketNumber: number; subject: string; facts?: { label: string; value: ReactNode }[] }) {
  return (
    <Section style={box}>
      <Text style={reference}>Ticket {ticketReference(ticketNumber)}</Text>
      <Text style={subjectText}>{subject}</Text>
      {facts.length > 0 ? (
        <table role="presentation" cellPadding={0} cellSpacing={0} data-text-table="" style={factsTable}>
          <tbody>
            {facts.map((fact) => (
              <tr key={fact.label}>
                <td style={factLabel}>{fact.label}</td>
                <td style={factValue}>{fact.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Section>
  );
}

const box: CSSProperties = {
  margin: "0 0 20px",
  padding: "14px 16px",
  backgroundColor: palette.surfaceMuted,
  borderRadius: "6px",
};

const reference: CSSProperties = {
  margin: 0,
  fontSize: "13px",
  lineHeight: "18px",
  fontWeight: 600,
  color: palette.muted,
};

const subjectText: CSSProperties = {
  margin: "2px 0 0",
  fontSize: "16px",
  lineHeight: "24px",
  fontWeight: 600,
  color: palette.text,
};

const factsTable: CSSProperties = {
  marginTop: "10px",
  borderCollapse: "collapse",
  fontSize: "14px",
  lineHeight: "22px",
};

const factLabel: CSSProperties = {
  padding: "2px 16px 2px 0",
  color: palette.muted,
  verticalAlign: "top",
  whiteSpace: "nowrap",
};

const factValue: CSSProperties = {
  padding: "2px 0",
  color: palette.text,
  verticalAlign: "top",
};
