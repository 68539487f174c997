import "server-only";
import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import type { DbOrTx } from "@/db/types";
import { membershipForNewAccount } from "./organization-membership";

/**
 * The customer behind an email address, created on first contact (inbound
 * email opens tickets for people who never signed up). A From header proves
 * nothing, so a new customer is at most a *pending* member of the
 * organization whose domain matches their address, as at sign-up: no reach
 * into its tickets until the address is verified (signing in by email link
 * does it) or an admin approves. They have no password. An existing account is used as
 * it is, whatever its role; a disabled one is reported, never re-enabled.
 */

export interface EmailContact {
  email: string;
  /** The display name from the email; the address's local part when empty. */
  name?: string | null;
}

export interface FoundCustomer {
  id: string;
  /** True when this call created the account. */
  created: boolean;
  /** True when the account exists but an admin disabled it. */
  disabled: boolean;
}

const maxNameLength = 100;

/** Race-safe: two first emails from one address at once make one account (the unique email index decides). */
export async function findOrCreateCustomer(db: DbOrTx, contact: EmailContact): Promise<FoundCustomer> {
  const email = contact.email.trim().toLowerCase();
  const existing = await findByEmail(db, email);
  if (existing) return existing;

  const { organizationId, pendingOrganizationId } = await membershipForNewAccount(db, email);
  const [inserted] = await db
    .insert(users)
    .values({ name: displayName(contact.name, email), email, role: "customer", organizationId, pendingOrganizationId })
    .onConflictDoNothing({ target: users.email })
    .returning({ id: users.id });
  if (inserted) return { id: inserted.id, created: true, disabled: false };

  // Someone else created it between our read and our insert.
  const raced = await findByEmail(db, email);
  if (!raced) throw new Error(`The account for ${email} conflicted on insert but cannot be read`);
  return raced;
}

async function findByEmail(db: DbOrTx, email: string): Promise<FoundCustomer | null> {
  const [row] = await db.select({ id: users.id, disabledAt: users.disabledAt }).from(users).where(eq(users.email, email)).limit(1);
  return row ? { id: row.id, created: false, disabled: row.disabledAt !== null } : null;
}

/** The name to show: the display name without control characters or wrapping quotes, else the local part. */
function displayName(name: string | null | undefined, email: string): string {
  const cleaned = (name ?? "")
    .replace(/[\p{Cc}\p{Cf}]/gu, "")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^["']+|["']+$/g, "")
    .trim();
  const chosen = cleaned && cleaned.toLowerCase() !== email ? cleaned : email.slice(0, email.lastIndexOf("@"));
  return Array.from(chosen).slice(0, maxNameLength).join("");
}
