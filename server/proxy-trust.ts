import "server-only";
import { BlockList, isIP } from "node:net";

/**
 * Which proxies may tell us a client's address (TRUSTED_PROXIES). Anyone can
 * write X-Forwarded-For, so believing it from anyone lets a client choose the
 * address its attempts count against, or spend someone else's budget. Only a
 * proxy we trust may name the address behind it; with none configured the
 * client is the socket's peer. Pure: env.ts validates with it.
 */
export type ProxyTrust = { kind: "none" } | { kind: "hops"; hops: number } | { kind: "ranges"; ranges: BlockList };

const MAX_HOPS = 10;

/**
 * Reads TRUSTED_PROXIES: empty or 0 trusts nobody; a number N trusts the N
 * proxies nearest the app, whatever their addresses; otherwise a comma-separated
 * list of addresses and CIDR ranges. Null when the value is neither.
 */
export function parseProxyTrust(value: string | undefined): ProxyTrust | null {
  const text = (value ?? "").trim();
  if (text === "") return { kind: "none" };
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > MAX_HOPS) return null;
    return hops === 0 ? { kind: "none" } : { kind: "hops", hops };
  }
  const ranges = new BlockList();
  for (const entry of text.split(",")) {
    const [rawAddress = "", prefixText, extra] = entry.trim().split("/");
    const address = normalizeAddress(rawAddress);
    if (!address || extra !== undefined) return null;
    const family = isIP(address) === 4 ? "ipv4" : "ipv6";
    const widest = family === "ipv4" ? 32 : 128;
    const prefix = prefixText === undefined ? widest : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : Number.NaN;
    if (!(prefix >= 0 && prefix <= widest)) return null;
    ranges.addSubnet(address, prefix, family);
  }
  return { kind: "ranges", ranges };
}

/**
 * The client's address: start at the socket's peer and, while the current hop
 * is a trusted proxy, step one entry left in X-Forwarded-For (each proxy
 * appends the address it received the request from). Null without a peer.
 */
export function resolveClientAddress(trust: ProxyTrust, peer: string | null, forwardedFor: string | null): string | null {
  let client = peer ? normalizeAddress(peer) : null;
  if (!client || trust.kind === "none") return client;
  const forwarded = (forwardedFor ?? "").split(",").map((entry) => entry.trim()).filter(Boolean);
  for (let hop = 0; hop < forwarded.length; hop++) {
    const trusted = trust.kind === "hops" ? hop < trust.hops : isInRanges(trust.ranges, client);
    if (!trusted) break;
    const next = normalizeAddress(forwarded[forwarded.length - 1 - hop] ?? "");
    // A trusted proxy that relays something unreadable: its own address is the best we know.
    if (!next) break;
    client = next;
  }
  return client;
}

function isInRanges(ranges: BlockList, address: string): boolean {
  return ranges.check(address, isIP(address) === 4 ? "ipv4" : "ipv6");
}

/**
 * A bare, canonical IP address, or null. Accepts what proxies write in
 * practice: "[v6]", "v4:port", "[v6]:port", and IPv4 mapped into IPv6
 * ("::ffff:10.0.0.1", which is how Node reports IPv4 peers on a dual-stack socket).
 */
export function normalizeAddress(value: string): string | null {
  let text = value.trim();
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(text);
  if (bracketed?.[1]) text = bracketed[1];
  else if (/^[\d.]+:\d{1,5}$/.test(text)) text = text.slice(0, text.lastIndexOf(":"));
  const family = isIP(text);
  if (family === 4) return text;
  if (family !== 6) return null;
  text = text.toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  return mapped?.[1] ?? text;
}

/**
 * The key an address is counted under: IPv4 as is, IPv6 by its /64 network,
 * since one subscriber line is commonly given a whole /64 and could otherwise
 * spray attempts across 2^64 addresses.
 */
export function addressBucket(address: string): string {
  if (isIP(address) !== 6) return address;
  return `${expandIpv6(address).slice(0, 4).join(":")}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address, as lower-case hex without leading zeros. */
function expandIpv6(address: string): string[] {
  const toGroups = (part: string): string[] => {
    if (part === "") return [];
    const groups = part.split(":");
    const last = groups.at(-1) ?? "";
    if (!last.includes(".")) return groups;
    // An IPv4 tail ("::ffff:1.2.3.4" that is not plain mapped, or "64:ff9b::1.2.3.4") is two groups.
    const [a = 0, b = 0, c = 0, d = 0] = last.split(".").map(Number);
    return [...groups.slice(0, -1), ((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
  };
  const [head = "", tail] = address.split("::");
  const headGroups = toGroups(head);
  const tailGroups = tail === undefined ? [] : toGroups(tail);
  const zeros = Array.from({ length: 8 - headGroups.length - tailGroups.length }, () => "0");
  return [...headGroups, ...zeros, ...tailGroups].map((group) => Number.parseInt(group, 16).toString(16));
}
