/**
 * One error table and one field-error helper: an AppError code means the same
 * tRPC code and HTTP status at every door (tRPC over HTTP, route handlers,
 * server actions), and zod issues become the same field errors everywhere.
 * The last test fails when a module maps codes or zod issues by itself again.
 */
import fs from "node:fs";
import path from "node:path";
import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { errorResponse, expectedFailureOf, formStateFor } from "@/server/error-response";
import { AppError, appErrorCodes, appErrorTable, FIELD_ERRORS_MESSAGE, UNEXPECTED_ERROR_MESSAGE } from "@/server/errors";
import { publicProcedure, router } from "@/server/trpc";
import { callerFor } from "../support/factories";
import { useTestDatabase } from "../support/test-db";
import { errorOf } from "../support/trpc-errors";

const testRouter = router({
  fail: publicProcedure.input(z.object({ code: z.enum(appErrorCodes) })).query(({ input }) => {
    throw new AppError(input.code, `Failed with ${input.code}.`);
  }),
  crash: publicProcedure.query(() => {
    throw new Error('relation "secret_table" does not exist');
  }),
  form: publicProcedure.input(z.object({ name: z.string().min(3, "Too short."), age: z.number() })).mutation(() => "ok"),
});

async function overHttp(procedure: string, input: unknown, method: "GET" | "POST" = "GET") {
  const encoded = encodeURIComponent(JSON.stringify({ json: input }));
  const request =
    method === "GET"
      ? new Request(`http://localhost/api/trpc/${procedure}?input=${encoded}`)
      : new Request(`http://localhost/api/trpc/${procedure}`, { method, headers: { "content-type": "application/json" }, body: JSON.stringify({ json: input }) });
  const response = await fetchRequestHandler({ endpoint: "/api/trpc", req: request, router: testRouter, createContext: () => ({ db: undefined as never, user: null }) });
  const body = (await response.json()) as { error: { json: { message: string; data: { code: string; fieldErrors: unknown; stack?: unknown } } } };
  return { status: response.status, error: body.error.json };
}

describe("one error table", async () => {
  const { db } = await useTestDatabase();

  it("gives every code an HTTP status that agrees with tRPC's for its tRPC code", () => {
    for (const code of appErrorCodes) {
      expect(getHTTPStatusCodeFromError(new TRPCError({ code: appErrorTable[code].trpc })), code).toBe(appErrorTable[code].status);
    }
  });

  it("maps each AppError the same through tRPC over HTTP and through a route handler", async () => {
    for (const code of appErrorCodes) {
      const trpc = await overHttp("fail", { code });
      expect(trpc.status, code).toBe(appErrorTable[code].status);
      expect(trpc.error).toMatchObject({ message: `Failed with ${code}.`, data: { code: appErrorTable[code].trpc, fieldErrors: null } });

      const route = errorResponse(new AppError(code, `Failed with ${code}.`), "test");
      expect(route.status, code).toBe(appErrorTable[code].status);
      expect(await route.json()).toEqual({ error: `Failed with ${code}.` });
      expect(route.headers.get("cache-control")).toBe("no-store");
    }
  });

  it("turns zod issues into the same field errors for tRPC, route handlers and server actions", async () => {
    const expected = { name: ["Too short."], age: [expect.any(String)] };
    const trpc = await overHttp("form", { name: "x", age: "old" }, "POST");
    expect(trpc).toMatchObject({ status: 400, error: { message: FIELD_ERRORS_MESSAGE, data: { code: "BAD_REQUEST", fieldErrors: expected } } });

    // An in-process call (what pages, route handlers and actions make) fails with the same fields.
    const caller = testRouter.createCaller({ db, user: null });
    const callError = await errorOf(caller.form({ name: "x", age: "old" as unknown as number }));
    const route = errorResponse(callError, "test");
    expect(route.status).toBe(400);
    expect(await route.json()).toEqual({ error: FIELD_ERRORS_MESSAGE, fieldErrors: expected });
    expect(formStateFor(callError)).toEqual({ fieldErrors: expected });

    // A real procedure's validation, as the sign-up action sees it.
    const signUp = await errorOf(callerFor(db, null).auth.signUp({ name: "", email: "not an email", password: "short" }));
    expect(formStateFor(signUp).fieldErrors).toMatchObject({ name: ["Tell us your name."], email: ["Enter a valid email address."], password: ["Use at least 8 characters."] });
  });

  it("says a rule across fields in its own words, not as 'some fields'", () => {
    const schema = z.object({ a: z.string().optional() }).refine((v) => v.a !== undefined, "Change at least one property.");
    const failure = expectedFailureOf(schema.safeParse({}).error);
    expect(failure).toEqual({ status: 400, code: "INVALID", message: "Change at least one property.", fieldErrors: null });
  });

  it("never shows an unexpected error: generic message, 500, no stack", async () => {
    const trpc = await overHttp("crash", undefined);
    expect(trpc.status).toBe(500);
    expect(trpc.error.message).toBe(UNEXPECTED_ERROR_MESSAGE);
    // The formatter drops the stack (superjson writes the undefined as null).
    expect(trpc.error.data.stack ?? null).toBeNull();

    const logged: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => logged.push(args);
    try {
      const route = errorResponse(new Error('relation "secret_table" does not exist'), "test");
      expect(route.status).toBe(500);
      expect(await route.json()).toEqual({ error: UNEXPECTED_ERROR_MESSAGE });
    } finally {
      console.error = original;
    }
    expect(logged).toHaveLength(1);
    expect(() => formStateFor(new Error("boom"))).toThrow("boom");
  });

  it("has one home: no other module maps codes to statuses or zod issues to field errors", () => {
    const root = path.resolve(import.meta.dirname, "../..");
    const sources = ["app", "server", "components", "lib"].flatMap((dir) => filesUnder(path.join(root, dir)));
    const offenders = (pattern: RegExp, allowed: string[]) =>
      sources.filter((file) => !allowed.includes(path.relative(root, file)) && pattern.test(fs.readFileSync(file, "utf8"))).map((file) => path.relative(root, file));
    expect(offenders(/flattenError|treeifyError|formatError\(/, ["server/errors.ts"])).toEqual([]);
    expect(offenders(/getHTTPStatusCodeFromError|Record<AppErrorCode,/, ["server/errors.ts", "server/error-response.ts"])).toEqual([]);
    expect(offenders(/TRPC_ERROR_CODE_KEY/, ["server/errors.ts"])).toEqual([]);
  });
});

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}
