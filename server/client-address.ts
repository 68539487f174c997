import "server-only";
import { env } from "./env";
import { peerAddress } from "./peer-address";
import { addressBucket, parseProxyTrust, resolveClientAddress, type ProxyTrust } from "./proxy-trust";

// env.ts has already refused a TRUSTED_PROXIES that does not parse.
const configuredTrust: ProxyTrust = parseProxyTrust(env.TRUSTED_PROXIES) ?? { kind: "none" };

/**
 * The client's address as rate limits count it (never for trust): the socket's
 * peer, or the address a trusted proxy (TRUSTED_PROXIES) forwarded; an IPv6
 * client counts by its /64. Null where the socket is unknown.
 */
export function clientAddress(request: Request): string | null {
  return clientAddressUnder(configuredTrust, request);
}

/** clientAddress under a given proxy trust (tests exercise each kind). */
export function clientAddressUnder(trust: ProxyTrust, request: Request): string | null {
  const address = resolveClientAddress(trust, peerAddress(request), request.headers.get("x-forwarded-for"));
  return address ? addressBucket(address) : null;
}
