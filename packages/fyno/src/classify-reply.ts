import type { FynoVersion } from '@connect/core';
import type { z } from 'zod';
import {
  FynoAuthError,
  FynoBadRequestError,
  type FynoError,
  FynoPayloadTooLargeError,
  FynoRateLimitError,
  FynoResponseError,
  FynoServerError,
  FynoUnknownEventError,
} from './fyno-errors';
import { fynoErrorBodySchema } from './fyno-responses';
import type { HttpReply } from './post-json';
import { parseRetryAfter } from './retry-after';

/** Fyno's wording for an unknown event: "... is invalid or does not exists on prod". */
const unknownEventPattern = /invalid or does not exist/i;

/** The reply body as JSON, or the raw text when it is not JSON (a proxy's page, say). */
export function replyBody(reply: HttpReply): unknown {
  if (reply.text === '') return undefined;
  try {
    return JSON.parse(reply.text) as unknown;
  } catch {
    return reply.text;
  }
}

/**
 * Turns a 202 into the parsed reply, and anything else into the typed error for it.
 * Success is checked with `schema`, so an unexpected body is an error, not bad data.
 */
export function readReply<T>(
  reply: HttpReply,
  schema: z.ZodType<T>,
  context: { event: string; version: FynoVersion },
): T {
  const body = replyBody(reply);
  if (reply.status >= 200 && reply.status < 300) {
    const parsed = schema.safeParse(body);
    if (parsed.success) return parsed.data;
    throw new FynoResponseError({ httpStatus: reply.status, cause: parsed.error });
  }
  throw errorForReply(reply, body, context);
}

/** The typed error for a non-2xx reply. */
export function errorForReply(
  reply: HttpReply,
  body: unknown,
  context: { event: string; version: FynoVersion },
): FynoError {
  const status = reply.status;
  const errorBody = fynoErrorBodySchema.safeParse(body);
  const fynoMessage = errorBody.success ? errorBody.data._message : undefined;
  const details = fynoMessage === undefined ? {} : { fynoMessage };
  const retryAfterMs = parseRetryAfter(reply.headers['retry-after']);
  const wait = retryAfterMs === undefined ? {} : { retryAfterMs };

  if (status === 401) return new FynoAuthError(details);
  if (status === 429) return new FynoRateLimitError({ ...details, ...wait });
  if (status >= 500) return new FynoServerError({ httpStatus: status, ...details, ...wait });
  if (status === 413) {
    return new FynoPayloadTooLargeError(
      'Fyno refused the request as too large (HTTP 413). Lower the bulk request size limit of the Fyno client.',
      { httpStatus: status, ...details },
    );
  }
  if (status === 400 && fynoMessage !== undefined && unknownEventPattern.test(fynoMessage)) {
    return new FynoUnknownEventError(context.event, context.version, details);
  }
  if (status >= 400) return new FynoBadRequestError({ httpStatus: status, ...details });
  // 1xx/3xx: undici follows no redirects, so a redirect means the base URL is wrong.
  return new FynoResponseError({ httpStatus: status, ...details });
}
