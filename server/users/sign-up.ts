import "server-only";
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import type { Db, DbOrTx } from "@/db/types";
import { hashPassword } from "@/server/auth/password";
import { enqueueEmail } from "@/server/email/outbox";
import { env } from "@/server/env";
import { consumeRateLimit } from "@/server/rate-limit";
import { emailVerificationUrl, VERIFY_LINK_HOURS } from "./email-verification";
import { membershipForNewAccount } from "./organization-membership";

export interface SignUpInput {
  name: string;
  email: string;
  password: string;
}

/** The one answer sign-up gives, whether or not the address already had an account. */
export interface SignUpAnswer {
  status: "check_email";
}

/**
 * Self sign-up. The answer is the same for a new and an existing address, so
 * the form cannot be used to learn who has an account: a new address gets an
 * account and a "confirm your address" link; an existing one gets an email
 * telling its owner someone tried (sign in, or ask for a sign-in link).
 * Attempts are limited per client address and per email address (each one
 * sends mail). A domain matching an organization makes the new account a
 * pending member only (see organization-membership.ts).
 */
export async function signUpCustomer(db: Db, input: SignUpInput, options: { address?: string | null } = {}): Promise<SignUpAnswer> {
  const email = input.email.trim().toLowerCase();
  if (options.address) await consumeRateLimit(db, "signUpPerAddress", options.address);
  await consumeRateLimit(db, "signUpPerEmail", email);
  // Hashed either way, so an existing address does not answer faster.
  const passwordHash = await hashPassword(input.password);
  await db.transaction(async (tx) => {
    const membership = await membershipForNewAccount(tx, email);
    const [created] = await tx
      .insert(users)
      .values({ name: input.name.trim(), email, passwordHash, role: "customer", organizationId: null, pendingOrganizationId: membership.pendingOrganizationId })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id, name: users.name, email: users.email });
    if (created) {
      await enqueueEmail(tx, {
        template: "verify-email",
        props: { name: created.name, url: emailVerificationUrl(created), host: appHost(), expiresInHours: VERIFY_LINK_HOURS, organizationName: membership.organizationName },
        to: created.email,
        idempotencyKey: `verify-email:${created.id}:${crypto.randomUUID()}`,
      });
    } else {
      await tellOwnerOfSignUpAttempt(tx, email);
    }
  });
  return { status: "check_email" };
}

async function tellOwnerOfSignUpAttempt(tx: DbOrTx, email: string): Promise<void> {
  const [owner] = await tx.select({ id: users.id, name: users.name, disabledAt: users.disabledAt }).from(users).where(eq(users.email, email)).limit(1);
  // A disabled account cannot sign in: telling its owner to would only mislead.
  if (!owner || owner.disabledAt) return;
  await enqueueEmail(tx, {
    template: "sign-up-attempt",
    props: { name: owner.name, url: `${env.APP_URL}/signin`, host: appHost() },
    to: email,
    idempotencyKey: `sign-up-attempt:${owner.id}:${crypto.randomUUID()}`,
  });
}

function appHost(): string {
  return new URL(env.APP_URL).host;
}
