import "server-only";
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import ipaddr from "ipaddr.js";
import { env } from "@/server/env";

/**
 * Where a webhook may go. An endpoint URL is typed by an admin (or sent
 * through the API), and the server POSTs to it: without a guard, a URL could
 * turn Frontdesk into a probe of its own network (the database, an admin
 * console, the cloud metadata service at 169.254.169.254).
 *
 * Only public unicast addresses are reached. The address is judged inside the
 * connection (the `lookup` of the request), on every address the name
 * resolves to, so the address checked is the address connected to: DNS
 * rebinding cannot swap it after the check. Redirects are not followed (a 3xx
 * is a failed attempt that names its Location), so a public URL cannot bounce
 * the request to a private one. A fresh connection per request (no pooled
 * socket) means no request skips the check.
 *
 * WEBHOOKS_ALLOW_PRIVATE=true also lets loopback, RFC 1918, unique-local and
 * CGNAT addresses through, for development and tests. Link-local (and so the
 * metadata service), multicast, unspecified and reserved addresses are
 * refused either way.
 */

/** Ranges (ipaddr.js names) the allow-private flag opens. */
const privateRanges = new Set(["loopback", "private", "uniqueLocal", "carrierGradeNat"]);

const rangeNames: Record<string, string> = {
  loopback: "a loopback",
  private: "a private",
  uniqueLocal: "a private (unique local)",
  carrierGradeNat: "a shared (carrier-grade NAT)",
  linkLocal: "a link-local",
  unspecified: "an unspecified",
  multicast: "a multicast",
  broadcast: "a broadcast",
  reserved: "a reserved",
};

/** A destination the guard refused; nothing was sent. */
export class RefusedDestinationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RefusedDestinationError";
  }
}

/** Why a webhook may not connect to this IP address, or null when it may. */
export function addressProblem(address: string, allowPrivate: boolean): string | null {
  if (!ipaddr.isValid(address)) return `${address} is not an IP address`;
  // IPv4-mapped IPv6 (::ffff:127.0.0.1) is judged as the IPv4 address it carries.
  let parsed = ipaddr.process(address);
  // NAT64 (64:ff9b::/96, what DNS64 answers for IPv4-only hosts) too.
  if (parsed.kind() === "ipv6" && parsed.range() === "rfc6052" && parsed.toNormalizedString().startsWith("64:ff9b:0:0:0:0:")) {
    parsed = ipaddr.fromByteArray(parsed.toByteArray().slice(12));
  }
  const range = parsed.range();
  if (range === "unicast") return null;
  if (allowPrivate && privateRanges.has(range)) return null;
  const hint = privateRanges.has(range) ? " (set WEBHOOKS_ALLOW_PRIVATE=true to allow it in development)" : "";
  return `${address} is ${rangeNames[range] ?? `a special-purpose (${range})`} address${hint}`;
}

/** Host names that always mean this machine. */
const isLocalhostName = (hostname: string) => hostname === "localhost" || hostname.endsWith(".localhost");

/** The bare address of an IP-literal host ("[::1]" → "::1"), or null for a name. */
function literalAddress(hostname: string): string | null {
  const bare = hostname.startsWith("[") && hostname.endsWith("]") ? hostname.slice(1, -1) : hostname;
  return net.isIP(bare) ? bare : null;
}

/** What the guard says about a parsed URL before any DNS: the scheme, and an IP-literal or localhost host. */
function urlProblem(url: URL, allowPrivate: boolean): string | null {
  if (url.protocol !== "https:" && url.protocol !== "http:") return "only https:// and http:// URLs are delivered";
  const literal = literalAddress(url.hostname);
  if (literal) return addressProblem(literal, allowPrivate);
  if (!allowPrivate && isLocalhostName(url.hostname)) return `${url.hostname} is this machine (set WEBHOOKS_ALLOW_PRIVATE=true to allow it in development)`;
  return null;
}

/**
 * Where a URL points, when that is known without DNS: an https/http URL
 * whose host is an IP literal or localhost is judged here, at save time as
 * at delivery. The address's syntax is endpoints.ts's webhookUrlProblem;
 * names are not resolved (DNS answers change, so each delivery resolves and
 * checks again). Null when nothing is wrong, or the value is not a URL.
 */
export function knownDestinationProblem(value: string, allowPrivate: boolean = env.WEBHOOKS_ALLOW_PRIVATE): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  const problem = urlProblem(url, allowPrivate);
  return problem ? `Webhooks cannot be sent there: ${problem}.` : null;
}

/** A `lookup` for node:http that resolves every address of the name and refuses the connection if any of them is not allowed. */
function guardedLookup(allowPrivate: boolean): net.LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { family: options.family, hints: options.hints, all: true }, (error, addresses) => {
      if (error) return callback(error, "");
      const refused = addresses.map((a) => addressProblem(a.address, allowPrivate)).find((problem) => problem !== null);
      const [first] = addresses;
      if (refused || !first) return callback(new RefusedDestinationError(`Refused: ${hostname} resolves to ${refused ?? "no address"}.`), "");
      if (options.all) callback(null, addresses);
      else callback(null, first.address, first.family);
    });
  };
}

export interface WebhookAnswer {
  status: number;
  /** The first bytes of the answer's body, as text. */
  bodyHead: string;
  /** Where a 3xx pointed (not followed). */
  location: string | null;
}

/** How much of an answer is read and kept: enough to see an error message, never a whole page. */
export const ANSWER_HEAD_BYTES = 1024;

/**
 * POSTs a body to a webhook URL through the guard, within `timeoutMs` for
 * the whole exchange (connect, send, first bytes of the answer). Throws
 * RefusedDestinationError when the destination is not allowed (nothing is
 * sent), or the network error.
 */
export async function postToWebhook(
  target: string,
  body: string,
  headers: Record<string, string>,
  options: { allowPrivate: boolean; timeoutMs: number },
): Promise<WebhookAnswer> {
  const url = new URL(target);
  // An IP literal never reaches `lookup`, so it is judged here.
  const refused = urlProblem(url, options.allowPrivate);
  if (refused) throw new RefusedDestinationError(`Refused: ${refused}.`);
  const client = url.protocol === "https:" ? https : http;
  return new Promise<WebhookAnswer>((resolve, reject) => {
    const request = client.request(url, {
      method: "POST",
      headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
      lookup: guardedLookup(options.allowPrivate),
      agent: false,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    request.on("error", (error) => {
      reject(error.name === "AbortError" || error.name === "TimeoutError" ? new Error(`No answer within ${options.timeoutMs / 1000} s.`) : error);
    });
    request.on("response", (response) => {
      const chunks: Buffer[] = [];
      let length = 0;
      const finish = () => {
        response.destroy();
        const head = Buffer.concat(chunks).subarray(0, ANSWER_HEAD_BYTES).toString("utf8").replaceAll("\0", "");
        resolve({ status: response.statusCode ?? 0, bodyHead: head, location: response.headers.location ?? null });
      };
      response.on("data", (chunk: Buffer) => {
        chunks.push(chunk);
        length += chunk.length;
        if (length >= ANSWER_HEAD_BYTES) finish();
      });
      response.on("end", finish);
      response.on("error", finish);
      response.on("close", finish);
    });
    request.end(body);
  });
}
