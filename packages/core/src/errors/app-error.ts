/**
 * The one error vocabulary of Connect. Anything a user can act on is thrown as an
 * AppError with a code; the web responder maps the code to an HTTP status and shows
 * the message as-is, so messages must say what went wrong and what to do, and must
 * never contain secrets.
 */
export const appErrorStatus = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
} as const;

export type AppErrorCode = keyof typeof appErrorStatus;

export interface AppErrorOptions {
  /** Field-level problems, keyed by field path, for forms to show inline. */
  fieldErrors?: Record<string, string>;
  /** For `rate_limited`: how long the caller must wait. */
  retryAfterSeconds?: number;
  cause?: unknown;
}

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly fieldErrors: Record<string, string> | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(code: AppErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.fieldErrors = options.fieldErrors;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  get status(): number {
    return appErrorStatus[this.code];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
