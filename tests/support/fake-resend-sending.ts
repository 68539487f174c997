import http from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedSend {
  idempotencyKey: string | undefined;
  authorization: string | undefined;
  body: { from: string; to: string[] | string; subject: string; html: string; text: string; reply_to?: string[] | string; headers?: Record<string, string> };
}

/**
 * A stand-in for Resend's POST /emails on a local port. Scripted responses
 * (status codes) are used in order, then it answers 200. Like Resend, a
 * repeated Idempotency-Key returns the first response and delivers nothing new.
 */
export async function startFakeResendSending() {
  const script: number[] = [];
  const received: ReceivedSend[] = [];
  const delivered = new Map<string, string>();
  const server = http.createServer((request, response) => {
    let raw = "";
    request.on("data", (chunk: Buffer) => (raw += chunk.toString()));
    request.on("end", () => {
      const key = request.headers["idempotency-key"] as string | undefined;
      received.push({ idempotencyKey: key, authorization: request.headers.authorization, body: JSON.parse(raw || "{}") as ReceivedSend["body"] });
      const status = script.shift() ?? 200;
      response.setHeader("content-type", "application/json");
      if (status !== 200) {
        response.statusCode = status;
        const name = status === 422 ? "validation_error" : status === 429 ? "rate_limit_exceeded" : "internal_server_error";
        response.end(JSON.stringify({ statusCode: status, name, message: `scripted ${status}` }));
        return;
      }
      const id = (key && delivered.get(key)) ?? `email_${delivered.size + 1}`;
      if (key) delivered.set(key, id);
      response.end(JSON.stringify({ id }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    /** Distinct emails actually delivered (one per idempotency key). */
    delivered,
    /** Queue HTTP statuses for the next requests (e.g. 500, 500, then success). */
    respondWith: (...statuses: number[]) => script.push(...statuses),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
