import "server-only";
import { addressParser, decodeWords, type Address, type Mailbox } from "postal-mime";
import { isEmailAddress, type EmailAddress, type InboundEmail } from "./parse-email";

/**
 * The people an inbound email was written to besides its sender: every To
 * and Cc mailbox, with their display names, lower-cased and without
 * duplicates. Bcc and the envelope headers (Delivered-To, X-Original-To) are
 * not "copied": nobody else on the thread saw them. Which of these become
 * CCs of the ticket (none of ours, not the requester, the admin's policy) is
 * decided in server/tickets/ccs.ts.
 */
const maxCopied = 50;

export function copiedAddresses(email: Pick<InboundEmail, "headers" | "from">): EmailAddress[] {
  const values = ["to", "cc"].flatMap((name) => email.headers.get(name) ?? []);
  const found = new Map<string, EmailAddress>();
  for (const value of values) {
    for (const mailbox of flatten(safeParse(value))) {
      const address = mailbox.address.trim().toLowerCase();
      if (!isEmailAddress(address) || address === email.from?.address || found.has(address)) continue;
      found.set(address, { address, name: decodeName(mailbox.name) });
      if (found.size >= maxCopied) return [...found.values()];
    }
  }
  return [...found.values()];
}

function safeParse(value: string): Address[] {
  try {
    return addressParser(value);
  } catch {
    return [];
  }
}

function flatten(addresses: Address[]): Mailbox[] {
  return addresses.flatMap((address): Mailbox[] => (address.group ? address.group : [address]));
}

function decodeName(name: string): string {
  try {
    return decodeWords(name).replaceAll("\0", "").trim();
  } catch {
    return name.trim();
  }
}
