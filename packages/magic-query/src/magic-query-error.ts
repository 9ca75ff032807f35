import { AppError, type AppErrorCode, type AppErrorOptions } from '@connect/core';

/**
 * Why generating a query failed, as data: tests assert the reason, the web app
 * logs it (never the prompt), and each maps to the HTTP status of its code.
 */
export const magicQueryErrorReasons = {
  /** No model is configured (base URL and model name). */
  not_configured: 'unavailable',
  /** Nothing answered at the base URL: wrong address, firewall, server down. */
  provider_unreachable: 'unavailable',
  /** The model server did not answer in time. */
  provider_timeout: 'unavailable',
  /** The model server refused the API key. */
  provider_auth: 'unavailable',
  /** The model server does not know the model, or the base URL is not an OpenAI-compatible API. */
  provider_not_found: 'unavailable',
  /** The model server is rate limiting us. */
  provider_busy: 'rate_limited',
  /** The model server answered with an error of its own. */
  provider_failed: 'unavailable',
  /** The model declined the request (a refusal or a content filter). */
  refused: 'invalid_input',
  /** The model said the request cannot be answered from these fields. */
  cannot_answer: 'invalid_input',
  /** The answer still failed the checks after the repair round. */
  invalid_answer: 'invalid_input',
  /** The answer was a query that writes or is not one read statement: refused, never run. */
  query_refused: 'invalid_input',
  /** The database has no tables or collections to ask about. */
  no_sources: 'invalid_input',
} as const satisfies Record<string, AppErrorCode>;

export type MagicQueryErrorReason = keyof typeof magicQueryErrorReasons;

/** An {@link AppError} with a machine-readable reason; its message is shown to the user as-is. */
export class MagicQueryError extends AppError {
  readonly reason: MagicQueryErrorReason;

  constructor(reason: MagicQueryErrorReason, message: string, options: AppErrorOptions = {}) {
    super(magicQueryErrorReasons[reason], message, options);
    this.name = 'MagicQueryError';
    this.reason = reason;
  }
}

export function isMagicQueryError(error: unknown): error is MagicQueryError {
  return error instanceof MagicQueryError;
}
