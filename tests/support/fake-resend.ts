import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A small local HTTP server standing in for Resend's API, for the inbound
 * webhook tests: GET /emails/receiving/:id answers like Resend's receiving
 * API, and the raw MIME it points to is served from /raw/:id. Point the SDK
 * at it with RESEND_BASE_URL (the SDK reads it when a client is created).
 */

export interface FakeReceivedEmail {
  /** The raw MIME to serve; null to answer without a raw download (as Resend may). */
  raw: Uint8Array | null;
  messageId: string;
  from: string;
  to: string[];
  subject: string;
}

export interface FakeResend {
  url: string;
  apiKey: string;
  addEmail(id: string, email: FakeReceivedEmail): void;
  /** "METHOD path" of every request, in order. */
  requests: string[];
  close(): Promise<void>;
}

export async function startFakeResend(apiKey = "re_test_fake_key"): Promise<FakeResend> {
  const emails = new Map<string, FakeReceivedEmail>();
  const requests: string[] = [];
  const server = http.createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    requests.push(`${request.method} ${path}`);
    const json = (status: number, body: unknown) => {
      response.writeHead(status, { "Content-Type": "application/json" });
      response.end(JSON.stringify(body));
    };

    const raw = /^\/raw\/([\w-]+)$/.exec(path);
    if (request.method === "GET" && raw?.[1]) {
      const bytes = emails.get(raw[1])?.raw;
      if (!bytes) return json(404, { name: "not_found", message: "Raw email not found" });
      response.writeHead(200, { "Content-Type": "message/rfc822", "Content-Length": String(bytes.byteLength) });
      response.end(Buffer.from(bytes));
      return;
    }

    if (request.headers.authorization !== `Bearer ${apiKey}`) return json(401, { name: "validation_error", message: "API key is invalid" });
    const received = /^\/emails\/receiving\/([\w-]+)$/.exec(path);
    const email = received?.[1] ? emails.get(received[1]) : undefined;
    if (request.method !== "GET" || !received?.[1] || !email) return json(404, { name: "not_found", message: "Email not found" });
    const id = received[1];
    json(200, {
      object: "email",
      id,
      to: email.to,
      from: email.from,
      created_at: new Date().toISOString(),
      subject: email.subject,
      bcc: null,
      cc: null,
      reply_to: null,
      received_for: email.to,
      html: null,
      text: null,
      headers: {},
      message_id: email.messageId,
      raw: email.raw ? { download_url: `${url}/raw/${id}`, expires_at: new Date(Date.now() + 3_600_000).toISOString() } : null,
      attachments: [],
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    apiKey,
    addEmail: (id, email) => emails.set(id, email),
    requests,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
