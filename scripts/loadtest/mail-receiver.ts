/**
 * A local stand-in for Resend's POST /emails, for the crash and multi-process
 * tests: the app's real transport posts here when RESEND_BASE_URL points at
 * it (the Resend SDK reads that variable). Like Resend, the first request
 * with an Idempotency-Key delivers the email and a repeat of the key only
 * gets the first answer back, so `deliveries` is what a recipient would see
 * and `posts` shows every retry. Each answer is held back a little
 * (`delayMs`) so that a crash can land while a send is in flight.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export const FAKE_RESEND_API_KEY = "re_load_test_fake_key";

export interface MailReceiver {
  url: string;
  /** Requests per idempotency key (retries included). */
  posts: Map<string, number>;
  /** Idempotency keys delivered, each once, in order of first arrival. */
  deliveries: string[];
  /** Requests that are being answered right now. */
  inFlight(): number;
  /** Requests that came without an idempotency key (the app must always send one). */
  withoutKey(): number;
  close(): Promise<void>;
}

export async function startMailReceiver(options: { delayMs?: number } = {}): Promise<MailReceiver> {
  const posts = new Map<string, number>();
  const ids = new Map<string, string>();
  const deliveries: string[] = [];
  let inFlight = 0;
  let withoutKey = 0;
  const server = http.createServer((request, response) => {
    inFlight += 1;
    // Counted when the request arrives: an email the provider accepted stays
    // accepted even if the app dies before it reads the answer.
    const key = request.headers["idempotency-key"];
    const authorized = request.headers.authorization === `Bearer ${FAKE_RESEND_API_KEY}`;
    let id: string | undefined;
    if (typeof key === "string" && authorized && request.method === "POST" && request.url === "/emails") {
      posts.set(key, (posts.get(key) ?? 0) + 1);
      id = ids.get(key);
      if (!id) {
        id = `load_email_${ids.size + 1}`;
        ids.set(key, id);
        deliveries.push(key);
      }
    } else if (authorized) withoutKey += 1;
    request.resume();
    request.on("end", () => {
      setTimeout(() => {
        inFlight -= 1;
        const status = !authorized ? 401 : id ? 200 : 422;
        const body = id ? { id } : { statusCode: status, name: "validation_error", message: "POST /emails with an Idempotency-Key only" };
        response.writeHead(status, { "content-type": "application/json" });
        response.end(JSON.stringify(body));
      }, options.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    posts,
    deliveries,
    inFlight: () => inFlight,
    withoutKey: () => withoutKey,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
