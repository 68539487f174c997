import type { ReactNode } from "react";
import { ActionButton } from "./action-button";

/** The button to a ticket's page: the portal's for requesters, the desk's for agents (the caller's URL decides). */
export function TicketLinkButton({ ticketUrl, children = "View the ticket" }: { ticketUrl: string; children?: ReactNode }) {
  return <ActionButton href={ticketUrl}>{children}</ActionButton>;
}
