import "server-only";
import { isOurAddress } from "@/server/email/mailboxes/our-addresses";
import type { EmailAddress, InboundEmail } from "./parse-email";

/**
 * Which inbound emails a person wrote. Auto-replies, bounces, read receipts
 * and bulk mail never open tickets or add replies: each ticket sends an
 * acknowledgement, so answering a robot is how mail loops start. The
 * signals are the standard ones (RFC 3834 Auto-Submitted, RFC 3464 reports,
 * Precedence, the null return path of RFC 5321) plus the vendor headers
 * Exchange and common autoresponders set.
 */

export type Classification =
  | { action: "process"; sender: EmailAddress }
  | { action: "ignore"; reason: string }
  | { action: "reject"; reason: string };

const bulkPrecedence = new Set(["bulk", "junk", "list", "auto_reply"]);
const suppressedAutoResponses = new Set(["all", "oof", "autoreply"]);
const daemonLocalParts = new Set(["mailer-daemon", "postmaster"]);
/**
 * noreply@, no-reply@, do-not-reply@, donotreply@ and similar. Our choice:
 * ignore them, because nobody reads what we would answer (the ticket could
 * never be worked) and they are machines by declaration — billing systems,
 * monitors, other help desks — which is where loops come from. Contact-form
 * relays send from such an address but name the person in Reply-To: for
 * those, the Reply-To person is the sender, so their message is not lost.
 */
const noReplyLocalPart = /^(no|do[-_.]?not)[-_.]?reply([-_.+].*)?$/i;

/** `ourAddresses`: SUPPORT_EMAIL and every mailbox's address (loadOurAddresses), or just one address. */
export function classifyEmail(email: InboundEmail, ourAddresses: string | readonly string[]): Classification {
  const ours = typeof ourAddresses === "string" ? [ourAddresses.toLowerCase()] : ourAddresses;
  const automated = automatedReason(email);
  if (automated) return { action: "ignore", reason: automated };
  const from = email.from;
  if (!from) return { action: "reject", reason: "malformed: no valid From address" };

  const fromLocal = localPart(from.address);
  if (daemonLocalParts.has(fromLocal)) return { action: "ignore", reason: `bounce or notice from ${from.address}` };
  if (isOurAddress(from.address, ours)) return { action: "ignore", reason: `sent from our own support address ${from.address} (mail loop)` };
  if (noReplyLocalPart.test(fromLocal)) {
    const person = email.replyTo.find((candidate) => !noReplyLocalPart.test(localPart(candidate.address)) && !isOurAddress(candidate.address, ours));
    if (!person) return { action: "ignore", reason: `sent from a no-reply address (${from.address}) with no Reply-To to answer` };
    return { action: "process", sender: person };
  }
  return { action: "process", sender: from };
}

function automatedReason(email: InboundEmail): string | null {
  const first = (name: string) => email.headers.get(name)?.[0]?.trim();
  const contentType = first("content-type")?.toLowerCase() ?? "";
  if (contentType.startsWith("multipart/report")) return "delivery status notification or read receipt (multipart/report)";

  const autoSubmitted = first("auto-submitted");
  if (autoSubmitted && firstToken(autoSubmitted) !== "no") return `automatic reply (Auto-Submitted: ${autoSubmitted})`;
  for (const name of ["x-autoreply", "x-autorespond"]) {
    const value = first(name);
    if (value !== undefined && !["no", "false", "0"].includes(value.toLowerCase())) return `automatic reply (${name}: ${value})`;
  }
  const suppress = first("x-auto-response-suppress");
  if (suppress && suppress.split(/[,\s]+/).some((token) => suppressedAutoResponses.has(token.toLowerCase()))) {
    return `automatic message (X-Auto-Response-Suppress: ${suppress})`;
  }

  const precedence = first("precedence");
  if (precedence && bulkPrecedence.has(firstToken(precedence))) return `bulk mail (Precedence: ${precedence})`;
  // A List-Id or List-Unsubscribe alone is not enough: some mail services add
  // List-Unsubscribe to everything, and a person may write through a group.
  // With any Precedence as well, it is list traffic.
  if (precedence && (first("list-id") || first("list-unsubscribe"))) return `mailing list mail (List-Id/List-Unsubscribe with Precedence: ${precedence})`;

  // RFC 5321: bounces and auto-replies are sent with an empty envelope sender.
  if (first("return-path")?.replace(/\s/g, "") === "<>") return "bounce or automatic reply (empty Return-Path)";
  return null;
}

function firstToken(value: string): string {
  return value.split(/[;\s]/)[0]?.toLowerCase() ?? "";
}

function localPart(address: string): string {
  return address.slice(0, address.lastIndexOf("@")).toLowerCase();
}
