import { AppError, type AppErrorCode } from '@connect/core';
import type { FynoVersion } from '@connect/core';

/**
 * Typed failures of a Fyno call. Each is an AppError, so its message can be shown to a
 * user as-is: it says what went wrong and what to do, and never holds the API key (nor
 * the request URL, which holds the workspace ID). `retryable` tells the caller whether
 * trying again later can help: a batch that meets a non-retryable one stops its run
 * with the reason (send-batch.ts) rather than retrying, so a wrong key does not
 * become a retry storm.
 */
export type FynoErrorKind =
  | 'bad_credentials'
  | 'unknown_event'
  | 'bad_request'
  | 'payload_too_large'
  | 'rate_limited'
  | 'server_error'
  | 'network'
  | 'timeout'
  | 'invalid_response';

export interface FynoErrorDetails {
  /** Fyno's HTTP status, when Fyno answered. */
  httpStatus?: number;
  /** Fyno's own `_message`, when it sent one. */
  fynoMessage?: string;
  retryAfterSeconds?: number;
  cause?: unknown;
}

export abstract class FynoError extends AppError {
  abstract readonly kind: FynoErrorKind;
  abstract readonly retryable: boolean;
  readonly httpStatus: number | undefined;
  readonly fynoMessage: string | undefined;
  /** How many HTTP requests were made before giving up; set by the retry loop. */
  attempts = 1;

  protected constructor(code: AppErrorCode, message: string, details: FynoErrorDetails) {
    super(code, message, {
      cause: details.cause,
      ...(details.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: details.retryAfterSeconds }),
    });
    this.name = new.target.name;
    this.httpStatus = details.httpStatus;
    this.fynoMessage = details.fynoMessage;
  }
}

/** 401: the API key or the workspace ID is wrong, or the key lacks this version's scope. */
export class FynoAuthError extends FynoError {
  readonly kind = 'bad_credentials';
  readonly retryable = false;

  constructor(details: FynoErrorDetails = {}) {
    super(
      'invalid_input',
      'Fyno rejected the API key or workspace ID. Check them in Settings (a key scoped to Test cannot send Live events).',
      { httpStatus: 401, ...details },
    );
  }
}

/** 400 naming the event: no event of that name exists in this version (live or test). */
export class FynoUnknownEventError extends FynoError {
  readonly kind = 'unknown_event';
  readonly retryable = false;
  readonly event: string;
  readonly version: FynoVersion;

  constructor(event: string, version: FynoVersion, details: FynoErrorDetails = {}) {
    const fix =
      version === 'live'
        ? 'Check the event name, and that the event is published (Go Live) in Fyno, or switch Connect to the test version in Settings.'
        : 'Check the event name in Fyno and in the event catalog.';
    super(
      'invalid_input',
      `Fyno has no notification event named "${event}" in its ${version} version. ${fix}`,
      {
        httpStatus: 400,
        ...details,
      },
    );
    this.event = event;
    this.version = version;
  }
}

/** Another 4xx: Fyno refused the request itself; sending it again will not help. */
export class FynoBadRequestError extends FynoError {
  readonly kind = 'bad_request';
  readonly retryable = false;

  constructor(details: FynoErrorDetails & { httpStatus: number }) {
    const said = details.fynoMessage ? `: ${details.fynoMessage}` : '';
    const fix =
      details.httpStatus === 404 || details.httpStatus === 405
        ? 'Check the API base URL in Settings (normally https://api.fyno.io/v1).'
        : "Check the event's data mapping and destinations.";
    super('invalid_input', `Fyno refused the request (HTTP ${details.httpStatus})${said}. ${fix}`, details);
  }
}

/** A body over Fyno's request size limit: one recipient alone too large, or a 413 reply. */
export class FynoPayloadTooLargeError extends FynoError {
  readonly kind = 'payload_too_large';
  readonly retryable = false;
  /** Index in the batch of the recipient that alone exceeds the limit, if that was the cause. */
  readonly itemIndex: number | undefined;

  constructor(message: string, details: FynoErrorDetails & { itemIndex?: number } = {}) {
    super('invalid_input', message, details);
    this.itemIndex = details.itemIndex;
  }
}

/** 429: Fyno asks Connect to slow down; `retryAfterSeconds` is its `Retry-After`, if sent. */
export class FynoRateLimitError extends FynoError {
  readonly kind = 'rate_limited';
  readonly retryable = true;
  /** The wait Fyno asked for, in milliseconds (from `Retry-After`). */
  readonly retryAfterMs: number | undefined;

  constructor(details: FynoErrorDetails & { retryAfterMs?: number } = {}) {
    const retryAfterSeconds =
      details.retryAfterMs === undefined ? undefined : Math.ceil(details.retryAfterMs / 1000);
    super(
      'rate_limited',
      "Fyno is rate limiting Connect (HTTP 429). Lower the campaign's send rate, or try again later.",
      {
        httpStatus: 429,
        ...details,
        ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
      },
    );
    this.retryAfterMs = details.retryAfterMs;
  }
}

/** 5xx: a failure on Fyno's side that may pass. */
export class FynoServerError extends FynoError {
  readonly kind = 'server_error';
  readonly retryable = true;
  readonly retryAfterMs: number | undefined;

  constructor(details: FynoErrorDetails & { httpStatus: number; retryAfterMs?: number }) {
    super(
      'unavailable',
      `Fyno had a server error (HTTP ${details.httpStatus}). Try again in a few minutes.`,
      details,
    );
    this.retryAfterMs = details.retryAfterMs;
  }
}

/** No reply: connection refused or reset, DNS failure, TLS failure. */
export class FynoNetworkError extends FynoError {
  readonly kind = 'network';
  readonly retryable = true;

  constructor(host: string, reason: string, details: FynoErrorDetails = {}) {
    super(
      'unavailable',
      `Could not reach Fyno at ${host} (${reason}). Check this server's network access and the API base URL in Settings.`,
      details,
    );
  }
}

/** No complete reply within the per-request timeout. */
export class FynoTimeoutError extends FynoError {
  readonly kind = 'timeout';
  readonly retryable = true;
  readonly timeoutMs: number;

  constructor(timeoutMs: number, details: FynoErrorDetails = {}) {
    super(
      'unavailable',
      `Fyno did not answer within ${formatDuration(timeoutMs)}. Try again later; if it keeps happening, send smaller batches.`,
      details,
    );
    this.timeoutMs = timeoutMs;
  }
}

/** Fyno (or whatever answers at the base URL) replied with something that is not Fyno's shape. */
export class FynoResponseError extends FynoError {
  readonly kind = 'invalid_response';
  readonly retryable = false;

  constructor(details: FynoErrorDetails & { httpStatus: number }) {
    super(
      'unavailable',
      `Fyno's reply (HTTP ${details.httpStatus}) was not in the expected form. Check the API base URL in Settings (normally https://api.fyno.io/v1).`,
      details,
    );
  }
}

export function isFynoError(error: unknown): error is FynoError {
  return error instanceof FynoError;
}

function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} seconds`;
}
