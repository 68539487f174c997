import "server-only";

/**
 * Reads a body without ever holding much more than a limit: at most
 * `limit + 1` bytes, so the caller can tell "too large" (and still see the
 * headers at the start) without buffering a runaway upload.
 */
export async function readLimited(body: ReadableStream<Uint8Array> | null, limit: number): Promise<Uint8Array> {
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const room = limit + 1 - received;
    chunks.push(value.byteLength > room ? value.subarray(0, room) : value);
    received += Math.min(value.byteLength, room);
    if (received > limit) {
      await reader.cancel().catch(() => undefined);
      break;
    }
  }
  const bytes = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** A JSON answer that no cache keeps. */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });
}
