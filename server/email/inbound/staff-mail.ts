import "server-only";
import type { SessionUser } from "@/server/users/session-user";
import type { InboundEmail } from "./parse-email";

/**
 * What staff mail must pass before it can post as an agent (route-reply.ts
 * holds the other half: it routes only by what was sent to that staff member).
 * A refusal is logged in the inbound log as "rejected" and nothing is posted.
 */

/**
 * True when an Authentication-Results header (RFC 8601, added by the mail
 * server that received the email) reports a failing DMARC check for this
 * domain. Any header counts: a forger can add one that says "pass", which
 * changes nothing here, but cannot remove the receiving server's "fail".
 */
export function dmarcFails(email: Pick<InboundEmail, "headers">, domain: string): boolean {
  const wanted = domain.toLowerCase();
  for (const header of email.headers.get("authentication-results") ?? []) {
    // The first part names the server that checked; each later one is a method's result.
    for (const result of header.split(";").slice(1)) {
      const method = /^\s*dmarc\s*=\s*([a-z]+)/i.exec(result);
      if (method?.[1]?.toLowerCase() !== "fail") continue;
      const checked = /header\.from\s*=\s*"?([^\s;"()]+)/i.exec(result)?.[1]?.toLowerCase();
      if (!checked || checked === wanted) return true;
    }
  }
  return false;
}

/** Why this staff member's email may not post anything yet, or null. The route is what route-reply found with staff rules. */
export function staffMailRefusal(email: Pick<InboundEmail, "headers" | "from">, sender: Pick<SessionUser, "email">, routed: boolean): string | null {
  // A no-reply From with a staff Reply-To would have DMARC judge the other domain.
  if (email.from?.address !== sender.email) {
    return `mail for staff address ${sender.email} was sent From ${email.from?.address ?? "nobody"}: staff mail must come from the staff address itself`;
  }
  const domain = sender.email.slice(sender.email.lastIndexOf("@") + 1);
  if (dmarcFails(email, domain)) return `mail from staff address ${sender.email} failed DMARC for ${domain} (Authentication-Results): refused as a likely forgery`;
  if (!routed) {
    return `mail from staff address ${sender.email} does not prove itself (no reply address of theirs, no Message-ID we sent them): refused, nothing posted`;
  }
  return null;
}
