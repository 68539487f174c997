import "server-only";
import { randomBytes } from "node:crypto";
import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";

/**
 * The socket address of each request, which Next.js does not give route
 * handlers, server actions or the proxy. Its own X-Forwarded-For is filled in
 * from the socket only when the client sent none (checked against `next start`
 * 16.4), so a client can write it. Node announces every request on a
 * diagnostics channel before any handler runs; we copy the socket's address
 * into a request header whose name is random per process, so no client can
 * send one that is believed, not even in the moment before this is installed.
 * The name is kept on globalThis because each Next.js bundle has its own copy
 * of this module.
 */
const HEADER_NAME = Symbol.for("frontdesk.peer-address-header");

type WithHeaderName = typeof globalThis & { [HEADER_NAME]?: string };

/** Starts recording socket addresses (once per process; called from instrumentation.ts). */
export function recordPeerAddresses(): void {
  const global = globalThis as WithHeaderName;
  if (global[HEADER_NAME]) return;
  const header = `x-frontdesk-peer-${randomBytes(12).toString("hex")}`;
  subscribe("http.server.request.start", (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    if (socket.remoteAddress) request.headers[header] = socket.remoteAddress;
  });
  global[HEADER_NAME] = header;
}

/** The socket address this request came from; null where nothing recorded it (outside a Node.js HTTP server). */
export function peerAddress(request: Request): string | null {
  const header = (globalThis as WithHeaderName)[HEADER_NAME];
  return header ? request.headers.get(header) : null;
}
