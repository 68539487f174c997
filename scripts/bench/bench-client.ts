/**
 * A signed-in HTTP client for the benchmark and the load tests (Auth.js
 * credentials, as the e2e fixtures do it: GET /api/auth/csrf, then POST the
 * form to /api/auth/callback/credentials), and the timing helpers. Like a
 * browser, it sends its Origin with every POST; no request waits longer than
 * a minute.
 */
const REQUEST_TIMEOUT_MS = 60_000;

export class BenchSession {
  private readonly cookies = new Map<string, string>();

  private constructor(readonly baseUrl: string) {}

  static async signIn(baseUrl: string, email: string, password: string): Promise<BenchSession> {
    const session = new BenchSession(baseUrl);
    const csrf = await session.request("GET", "/api/auth/csrf");
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const form = new URLSearchParams({ email, password, csrfToken, callbackUrl: "/" });
    const response = await session.request("POST", "/api/auth/callback/credentials", form.toString(), "application/x-www-form-urlencoded");
    const location = response.headers.get("location") ?? "";
    if (response.status !== 302 || location.includes("error")) throw new Error(`Sign-in as ${email} failed (${response.status} ${location}).`);
    return session;
  }

  async request(method: "GET" | "POST", pathname: string, body?: string, contentType = "application/json"): Promise<Response> {
    const headers: Record<string, string> = { cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ") };
    if (body !== undefined) headers["content-type"] = contentType;
    if (method === "POST") headers.origin = new URL(this.baseUrl).origin;
    const response = await fetch(`${this.baseUrl}${pathname}`, { method, headers, body, redirect: "manual", signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ""] = cookie.split(";");
      const at = pair.indexOf("=");
      if (at > 0) this.cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
    return response;
  }

  /** A GET that must answer 200; the whole body is read, as a browser would. */
  async get(pathname: string): Promise<string> {
    const response = await this.request("GET", pathname);
    const text = await response.text();
    if (response.status !== 200) throw new Error(`GET ${pathname} answered ${response.status}${response.headers.get("location") ? ` → ${response.headers.get("location")}` : ""}.`);
    return text;
  }

  async trpcQuery<T>(procedure: string): Promise<T> {
    const response = await this.request("GET", `/api/trpc/${procedure}`);
    const body = (await response.json()) as { result?: { data?: { json?: T } } };
    if (!response.ok || body.result?.data?.json === undefined) throw new Error(`${procedure} failed (${response.status}).`);
    return body.result.data.json;
  }

  async trpcMutation<T>(procedure: string, input: unknown): Promise<T> {
    const response = await this.request("POST", `/api/trpc/${procedure}`, JSON.stringify({ json: input }));
    const body = (await response.json()) as { result?: { data?: { json?: T } }; error?: { json?: { message?: string } } };
    if (!response.ok) throw new Error(`${procedure} failed (${response.status}): ${body.error?.json?.message ?? "unknown error"}`);
    return body.result?.data?.json as T;
  }
}

export function percentile(sortedMs: number[], share: number): number {
  if (sortedMs.length === 0) return NaN;
  const index = Math.min(sortedMs.length - 1, Math.max(0, Math.ceil(share * sortedMs.length) - 1));
  return sortedMs[index] ?? NaN;
}

export async function timed(action: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await action();
  return performance.now() - started;
}
