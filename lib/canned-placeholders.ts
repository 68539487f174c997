/**
 * Placeholders in canned responses, and how they are filled in. Shared by the
 * admin (which refuses unknown placeholders when saving) and the ticket
 * composer (which renders a response for one ticket). Pure: safe to import
 * from client components.
 */
export interface CannedResponseValues {
  requesterName: string;
  ticketNumber: number;
  agentName: string;
}

export const cannedPlaceholders = [
  { token: "{{requester.name}}", description: "The requester's full name" },
  { token: "{{requester.first_name}}", description: "The requester's first name" },
  { token: "{{ticket.number}}", description: "The ticket number, e.g. 1042" },
  { token: "{{agent.name}}", description: "Your name, as the agent sending the reply" },
] as const;

export type CannedPlaceholder = (typeof cannedPlaceholders)[number]["token"];

/** `{{ name }}`: a dotted name between double braces, spaces allowed inside. */
const placeholderPattern = /\{\{\s*([a-z_]+(?:\.[a-z_]+)*)\s*\}\}/gi;

function firstName(fullName: string): string {
  return fullName.trim().split(/\s+/)[0] ?? "";
}

/**
 * Names come from users, and the result is Markdown: escape the characters
 * that would turn a name like "[win](https://…)" into a link or emphasis.
 */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>]/g, (c) => `\\${c}`);
}

function valueOf(name: string, values: CannedResponseValues): string | undefined {
  switch (name.toLowerCase()) {
    case "requester.name":
      return escapeMarkdown(values.requesterName.trim());
    case "requester.first_name":
      return escapeMarkdown(firstName(values.requesterName));
    case "ticket.number":
      return String(values.ticketNumber);
    case "agent.name":
      return escapeMarkdown(values.agentName.trim());
    default:
      return undefined;
  }
}

/** Fills in the known placeholders of a canned response; unknown ones are left exactly as written. */
export function renderCannedResponse(body: string, values: CannedResponseValues): string {
  return body.replace(placeholderPattern, (whole, name: string) => valueOf(name, values) ?? whole);
}

/** The placeholders in a body that renderCannedResponse would leave as they are (likely typos). */
export function unknownPlaceholders(body: string): string[] {
  const known = new Set(cannedPlaceholders.map((p) => p.token.slice(2, -2)));
  const unknown = new Set<string>();
  for (const match of body.matchAll(placeholderPattern)) {
    const name = match[1] ?? "";
    if (!known.has(name.toLowerCase())) unknown.add(match[0]);
  }
  return [...unknown];
}
