import type { CSSProperties } from "react";
import type { TicketPriority } from "@/lib/vocabularies";
import { palette } from "./email-theme";

const priorityStyles: Record<TicketPriority, CSSProperties> = {
  low: { color: palette.muted },
  normal: { color: palette.text },
  high: { color: palette.warning, fontWeight: 600 },
  urgent: { color: palette.danger, fontWeight: 600 },
};

const priorityLabels: Record<TicketPriority, string> = { low: "Low", normal: "Normal", high: "High", urgent: "Urgent" };

/** A ticket's priority as the desk shows it (components/ticket-badges.tsx): the word, coloured by urgency. */
export function PriorityLabel({ priority }: { priority: TicketPriority }) {
  return <span style={priorityStyles[priority]}>{priorityLabels[priority]}</span>;
}
