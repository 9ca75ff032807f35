import { AppError } from '@connect/core';
import { NextResponse } from 'next/server';
import type { Logger } from 'pino';
import { ZodError } from 'zod';

/** The JSON body of every failed API call. */
export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    fieldErrors?: Record<string, string>;
  };
}

/**
 * Turns any thrown error into a JSON reply. Expected failures (AppError, invalid
 * input) show their message; anything else is logged with its stack and the user
 * gets a generic message, so internals and secrets never reach the browser.
 */
export function errorResponse(error: unknown, logger: Logger | undefined, requestId: string): NextResponse {
  const appError = toAppError(error);
  if (appError.status >= 500) {
    logger?.error({ err: error, requestId }, 'request failed');
  }
  const body: ApiErrorBody = {
    error: {
      code: appError.code,
      message: appError.message,
      ...(appError.fieldErrors ? { fieldErrors: appError.fieldErrors } : {}),
    },
  };
  const response = NextResponse.json(body, { status: appError.status });
  if (appError.retryAfterSeconds !== undefined) {
    response.headers.set('Retry-After', String(appError.retryAfterSeconds));
  }
  return response;
}

function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of error.issues) {
      const path = issue.path.join('.') || '(request)';
      fieldErrors[path] ??= issue.message;
    }
    const first = Object.entries(fieldErrors)[0];
    return new AppError('invalid_input', first ? `${first[0]}: ${first[1]}` : 'The request is not valid.', {
      fieldErrors,
    });
  }
  return new AppError(
    'internal',
    'Something went wrong on the server. Try again; if it keeps happening, check the server logs.',
  );
}
