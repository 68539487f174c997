/**
 * The one error type for expected failures. The tRPC error formatter maps the
 * code; the message is written for the person using the app.
 */
export const appErrorCodes = ["NOT_FOUND", "FORBIDDEN", "UNAUTHORIZED", "CONFLICT", "INVALID", "RATE_LIMITED"] as const;
export type AppErrorCode = (typeof appErrorCodes)[number];

export class AppError extends Error {
  readonly code: AppErrorCode;

  constructor(code: AppErrorCode, message: string) {
    super(message);
    this.name = "AppError";
    this.code = code;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
