import "server-only";
import { z } from "zod";
import { appErrorCodes, UNEXPECTED_ERROR_MESSAGE, type FieldErrors } from "@/server/errors";
import { expectedFailureOf } from "@/server/error-response";

/**
 * The REST API's errors: RFC 9457 problem details, with the AppError code
 * and, on 422, the fields at fault. Statuses come from the one error table
 * (its `api` column), like every other door's.
 */
export const problemCodes = [...appErrorCodes, "BAD_REQUEST", "METHOD_NOT_ALLOWED", "UNSUPPORTED_MEDIA_TYPE", "PAYLOAD_TOO_LARGE", "INTERNAL"] as const;
export type ProblemCode = (typeof problemCodes)[number];

export const problemSchema = z
  .object({
    type: z.string().meta({ description: "A URI naming the kind of problem." }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().meta({ description: "What went wrong, for a person." }),
    code: z.enum(problemCodes),
    instance: z.string().optional(),
    errors: z
      .array(z.object({ field: z.string(), messages: z.array(z.string()) }))
      .optional()
      .meta({ description: "On 422: each field at fault and what is wrong with it." }),
  })
  .meta({ id: "Problem" });

export type Problem = z.infer<typeof problemSchema>;

const titles: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
};

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

export function problemResponse(
  status: number,
  code: ProblemCode,
  detail: string,
  options: { fieldErrors?: FieldErrors | null; instance?: string; headers?: Record<string, string> } = {},
): Response {
  const errors = options.fieldErrors
    ? Object.entries(options.fieldErrors).flatMap(([field, messages]) => (messages?.length ? [{ field, messages }] : []))
    : undefined;
  const problem: Problem = {
    type: `/api/docs#problem-${code.toLowerCase().replaceAll("_", "-")}`,
    title: titles[status] ?? "Error",
    status,
    detail,
    code,
    ...(options.instance ? { instance: options.instance } : {}),
    ...(errors?.length ? { errors } : {}),
  };
  return new Response(JSON.stringify(problem), {
    status,
    headers: { "content-type": PROBLEM_CONTENT_TYPE, "cache-control": "no-store", ...options.headers },
  });
}

/** A request the API cannot even read (no body, not JSON, too large): answered with its own status. */
export class BodyProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: ProblemCode,
    message: string,
  ) {
    super(message);
  }
}

/** The problem for whatever a handler threw: an expected failure as itself, anything else as a logged 500 that says nothing more. */
export function problemFor(error: unknown, instance: string): Response {
  if (error instanceof BodyProblem) return problemResponse(error.status, error.code, error.message, { instance });
  const failure = expectedFailureOf(error, "api");
  if (failure) return problemResponse(failure.status, failure.code, failure.message, { fieldErrors: failure.fieldErrors, instance });
  console.error(`API ${instance} failed:`, error);
  return problemResponse(500, "INTERNAL", UNEXPECTED_ERROR_MESSAGE, { instance });
}
