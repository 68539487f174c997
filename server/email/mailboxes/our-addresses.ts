import "server-only";
import { eq, inArray } from "drizzle-orm";
import { mailboxes } from "@/db/schema";
import type { DbOrTx } from "@/db/types";

/**
 * Every address that is us: the app's SUPPORT_EMAIL and each mailbox's
 * address (enabled or not: mail from a switched-off mailbox is still our own
 * mail come back). Mail from these is a loop; copies to these are never CCs;
 * signed per-ticket reply addresses are built on any of them.
 */
export async function loadOurAddresses(db: DbOrTx, supportEmail: string): Promise<string[]> {
  const rows = await db.select({ address: mailboxes.address }).from(mailboxes);
  return [...new Set([supportEmail.toLowerCase(), ...rows.map((row) => row.address)])];
}

/** The enabled mailbox an email was delivered to, by its recipients (To, Cc, Delivered-To, X-Original-To), +tags ignored. */
export async function mailboxForRecipients(db: DbOrTx, recipients: readonly string[]): Promise<{ id: string; address: string } | null> {
  const bases = [...new Set(recipients.map(withoutTag))];
  if (bases.length === 0) return null;
  const rows = await db
    .select({ id: mailboxes.id, address: mailboxes.address, enabled: mailboxes.enabled })
    .from(mailboxes)
    .where(inArray(mailboxes.address, bases));
  // The first recipient that is one of ours wins (To before Cc).
  for (const base of bases) {
    const row = rows.find((candidate) => candidate.address === base && candidate.enabled);
    if (row) return { id: row.id, address: row.address };
  }
  return null;
}

export async function mailboxAddress(db: DbOrTx, mailboxId: string): Promise<string | null> {
  const [row] = await db.select({ address: mailboxes.address }).from(mailboxes).where(eq(mailboxes.id, mailboxId));
  return row?.address ?? null;
}

/** support+1042-abc@example.com → support@example.com, lower-case. */
export function withoutTag(address: string): string {
  const lower = address.trim().toLowerCase();
  const at = lower.lastIndexOf("@");
  if (at < 0) return lower;
  return `${lower.slice(0, at).split("+")[0]}@${lower.slice(at + 1)}`;
}

/** Whether an address (or one of its +tags) is one of ours. */
export function isOurAddress(address: string, ourAddresses: readonly string[]): boolean {
  return ourAddresses.includes(withoutTag(address));
}
