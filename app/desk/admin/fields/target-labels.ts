import type { CustomFieldTarget } from "@/lib/custom-field-vocabulary";

/** What each target is called on the fields page (a plain module: the server page and the client form both read it). */
export const targetLabels: Record<CustomFieldTarget, string> = { ticket: "Tickets", user: "People", organization: "Organizations" };
export const targetPanelTitles: Record<CustomFieldTarget, string> = { ticket: "Ticket fields", user: "Fields on people", organization: "Fields on organizations" };
