/**
 * Whose address a request counts against. X-Forwarded-For is believed only
 * from proxies named in TRUSTED_PROXIES; by default the address is the
 * socket's, recorded by server/peer-address.ts. The attacks: spraying
 * sign-in failures past the per-address limit by changing the header, and
 * locking an innocent address out by naming it in the header.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientAddress, clientAddressUnder } from "@/server/client-address";
import { isAppError } from "@/server/errors";
import { recordPeerAddresses } from "@/server/peer-address";
import { addressBucket, normalizeAddress, parseProxyTrust, resolveClientAddress, type ProxyTrust } from "@/server/proxy-trust";
import { countedAttempts, rateLimitPolicies } from "@/server/rate-limit";
import { attemptPasswordSignIn } from "@/server/users/credentials";
import { createUser, testPassword, unique } from "../support/factories";
import { useTestDatabase } from "../support/test-db";

const trust = (value: string): ProxyTrust => {
  const parsed = parseProxyTrust(value);
  if (!parsed) throw new Error(`unparsable: ${value}`);
  return parsed;
};

/** A random address in 10.0.0.0/8, so repeated runs on one PostgreSQL never share a budget. */
const randomAddress = () => `10.${Array.from({ length: 3 }, () => Math.floor(Math.random() * 256)).join(".")}`;

describe("TRUSTED_PROXIES", () => {
  it.each(["", "  ", "0", "1", "3", "10", "10.0.0.0/8", "10.0.0.1", "10.0.0.0/8, 192.168.1.7 ,::1", "fd00::/8", "::ffff:10.0.0.1", "0.0.0.0/0"])(
    "accepts %j",
    (value) => expect(parseProxyTrust(value)).not.toBeNull(),
  );

  it.each(["11", "-1", "1.5", "yes", "10.0.0.0/33", "::1/129", "10.0.0.0/8/1", "10.0.0/8", "10.0.0.0/", "10.0.0.0/x", "10.0.0.0/8,", "proxy.internal", "*"])(
    "refuses %j",
    (value) => expect(parseProxyTrust(value)).toBeNull(),
  );
});

describe("resolveClientAddress", () => {
  const peer = "192.0.2.10";

  it("trusts nobody by default: the socket's peer, whatever the header says", () => {
    for (const forwarded of [null, "", "198.51.100.7", "198.51.100.7, 203.0.113.5", "garbage"]) {
      expect(resolveClientAddress(trust(""), peer, forwarded)).toBe(peer);
      expect(resolveClientAddress(trust("0"), peer, forwarded)).toBe(peer);
    }
  });

  it("with a hop count, takes the address that many proxies in from the socket", () => {
    const header = "198.51.100.7, 203.0.113.5, 192.0.2.99";
    expect(resolveClientAddress(trust("1"), peer, header)).toBe("192.0.2.99");
    expect(resolveClientAddress(trust("2"), peer, header)).toBe("203.0.113.5");
    expect(resolveClientAddress(trust("3"), peer, header)).toBe("198.51.100.7");
    // More hops than the header has: the farthest address given.
    expect(resolveClientAddress(trust("5"), peer, header)).toBe("198.51.100.7");
    expect(resolveClientAddress(trust("1"), peer, null)).toBe(peer);
  });

  it("with ranges, walks back past trusted proxies only", () => {
    const proxies = trust("192.0.2.0/24, 10.1.2.3");
    expect(resolveClientAddress(proxies, peer, "198.51.100.7, 10.1.2.3")).toBe("198.51.100.7");
    expect(resolveClientAddress(proxies, peer, "198.51.100.7, 203.0.113.5, 10.1.2.3")).toBe("203.0.113.5");
    // Not from a trusted proxy: the header is the client's own say-so.
    expect(resolveClientAddress(proxies, "203.0.113.77", "198.51.100.7")).toBe("203.0.113.77");
    // Everyone in the chain trusted: the farthest address.
    expect(resolveClientAddress(proxies, peer, "10.1.2.3, 192.0.2.50")).toBe("10.1.2.3");
    expect(resolveClientAddress(trust("::1, 127.0.0.0/8"), "::ffff:127.0.0.1", "2001:db8::7")).toBe("2001:db8::7");
  });

  it("stops at an unreadable entry and keeps the last address a trusted proxy vouched for", () => {
    expect(resolveClientAddress(trust("2"), peer, "198.51.100.7, not-an-address, 10.1.2.3")).toBe("10.1.2.3");
    expect(resolveClientAddress(trust("1"), peer, "198.51.100.7, unknown")).toBe(peer);
  });

  it("has no address without a socket peer", () => {
    expect(resolveClientAddress(trust("1"), null, "198.51.100.7")).toBeNull();
    expect(resolveClientAddress(trust(""), null, "198.51.100.7")).toBeNull();
  });

  it("normalizes the spellings proxies use", () => {
    expect(normalizeAddress("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(normalizeAddress(" 198.51.100.7:4711 ")).toBe("198.51.100.7");
    expect(normalizeAddress("[2001:DB8::1]:443")).toBe("2001:db8::1");
    expect(normalizeAddress("[2001:db8::1]")).toBe("2001:db8::1");
    for (const bad of ["", "unknown", "1.2.3", "999.1.1.1", "[1.2.3.4]x", "198.51.100.7:"]) expect(normalizeAddress(bad), bad).toBeNull();
  });

  it("counts an IPv6 client by its /64, so one line cannot spray across its own addresses", () => {
    expect(addressBucket("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).toBe("2001:db8:1:2::/64");
    expect(addressBucket("2001:db8:1:2::1")).toBe("2001:db8:1:2::/64");
    expect(addressBucket("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressBucket("::1")).toBe("0:0:0:0::/64");
    expect(addressBucket("64:ff9b::198.51.100.7")).toBe("64:ff9b:0:0::/64");
    expect(addressBucket("::1:2:3:4:5:6:7")).toBe("0:1:2:3::/64");
    expect(addressBucket("198.51.100.7")).toBe("198.51.100.7");
  });
});

describe("X-Forwarded-For spoofing against the sign-in limits", async () => {
  const { db } = await useTestDatabase();
  const noWait = async () => {};

  /** A sign-in attempt as the client sees it. */
  const outcome = (attempt: Promise<{ id: string } | null>): Promise<"signed in" | "refused" | "RATE_LIMITED"> =>
    attempt.then(
      (user) => (user ? "signed in" : "refused"),
      (error: unknown) => {
        if (isAppError(error) && error.code === "RATE_LIMITED") return "RATE_LIMITED";
        throw error;
      },
    );

  // A real Node HTTP server with the socket recorder installed, as under `next
  // start`: each request is turned into a fetch Request (as Next.js does for
  // route handlers) and its address taken by clientAddress.
  let handle: (request: Request) => Promise<unknown> = async () => null;
  const server = http.createServer((incoming, outgoing) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(incoming.headers)) if (typeof value === "string") headers.set(name, value);
    handle(new Request(`http://app.test${incoming.url}`, { headers })).then(
      (result) => outgoing.end(JSON.stringify(result ?? null)),
      (error: unknown) => outgoing.end(JSON.stringify({ error: error instanceof Error ? error.message : String(error) })),
    );
  });

  beforeAll(async () => {
    recordPeerAddresses();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** A request to the test server from `from` (a loopback address of our choosing) with the given headers. */
  function send(from: string, headers: Record<string, string>): Promise<unknown> {
    const { port } = server.address() as AddressInfo;
    return new Promise((resolve, reject) => {
      const request = http.request({ host: "127.0.0.1", port, localAddress: from, headers, agent: false }, (response) => {
        let body = "";
        response.setEncoding("utf8").on("data", (chunk: string) => (body += chunk));
        response.on("end", () => resolve(JSON.parse(body)));
      });
      request.on("error", reject).end();
    });
  }

  /** A loopback address of its own per test, so budgets never carry over between tests or runs. */
  const loopback = () => `127.${1 + Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 256)}.${1 + Math.floor(Math.random() * 250)}`;

  it("takes the socket's address, not the headers a client writes", async () => {
    const from = loopback();
    handle = async (request) => clientAddress(request);
    expect(await send(from, {})).toBe(from);
    expect(await send(from, { "x-forwarded-for": "198.51.100.7" })).toBe(from);
    expect(await send(from, { "x-forwarded-for": "198.51.100.7, 203.0.113.5", "x-real-ip": "203.0.113.9" })).toBe(from);
    // Nor a guess at the recorder's own header.
    expect(await send(from, { "x-frontdesk-peer": "198.51.100.7", "x-frontdesk-peer-0000": "198.51.100.7" })).toBe(from);
  });

  it("spraying by changing the header does not escape the per-address limit", async () => {
    const from = loopback();
    const budget = rateLimitPolicies.signInPerAddress.points;
    handle = async (request) => {
      const email = request.headers.get("x-test-email") ?? "";
      const password = request.headers.get("x-test-password") ?? "";
      return outcome(attemptPasswordSignIn(db, { email, password, address: clientAddress(request) }, { wait: noWait }));
    };
    // Many accounts, so only the per-address budget is in play; a fresh header every time.
    for (let i = 0; i < budget; i++) {
      const email = `${unique("sprayed")}@example.test`;
      expect(await send(from, { "x-forwarded-for": randomAddress(), "x-test-email": email, "x-test-password": "guess" })).toBe("refused");
    }
    const victim = await createUser(db);
    const attempt = { "x-forwarded-for": randomAddress(), "x-test-email": victim.email, "x-test-password": testPassword };
    expect(await send(from, attempt)).toBe("RATE_LIMITED");
    // Every attempt is counted before its password is checked, the refused one too.
    expect(await countedAttempts(db, "signInPerAddress", from)).toBe(budget + 1);
    // Someone else, from another address, is not affected.
    expect(await send(loopback(), attempt)).toBe("signed in");
  });

  it("naming an innocent address in the header does not lock that address", async () => {
    const from = loopback();
    const innocent = randomAddress();
    const owner = await createUser(db);
    handle = async (request) => outcome(attemptPasswordSignIn(db, { email: owner.email, password: "guess", address: clientAddress(request) }, { wait: noWait }));
    for (let i = 0; i < rateLimitPolicies.signInPerAddress.points; i++) {
      await send(from, { "x-forwarded-for": innocent, "x-real-ip": innocent });
    }
    expect(await countedAttempts(db, "signInPerAddress", innocent)).toBe(0);
    expect(await attemptPasswordSignIn(db, { email: owner.email, password: testPassword, address: innocent }, { wait: noWait })).toMatchObject({ id: owner.id });
  });

  it("behind a trusted proxy, a client's own header entries are not believed either", async () => {
    // The proxy (the socket's peer) appends the address it saw; whatever the client put before that is its own say-so.
    const proxy = loopback();
    const attacker = randomAddress();
    handle = async (request) => clientAddressUnder(trust("1"), request);
    expect(await send(proxy, { "x-forwarded-for": `198.51.100.7, ${attacker}` })).toBe(attacker);
    handle = async (request) => clientAddressUnder(trust("127.0.0.0/8"), request);
    expect(await send(proxy, { "x-forwarded-for": `198.51.100.7, ${attacker}` })).toBe(attacker);
    // A proxy that is not trusted is just another client.
    handle = async (request) => clientAddressUnder(trust("192.0.2.0/24"), request);
    expect(await send(proxy, { "x-forwarded-for": attacker })).toBe(proxy);
  });
});
