'use client';

import { ApiError } from '@/lib/api-client';

/**
 * Calls our API like `api()`, with an AbortSignal: long reads (a preview, an exact
 * count) are cancelled by aborting the fetch, and the server then stops the query
 * on the customer database. An aborted call rejects with the signal's reason.
 */
export async function requestJson<T>(
  method: 'GET' | 'POST',
  path: string,
  body: unknown,
  signal: AbortSignal,
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    });
  } catch (error) {
    if (signal.aborted) throw signal.reason ?? error;
    throw new ApiError(
      'Connect could not be reached. Check your network connection and try again.',
      0,
      'network',
    );
  }
  const payload = (await response.json().catch(() => ({}))) as {
    error?: { code: string; message: string; fieldErrors?: Record<string, string> };
  };
  if (!response.ok) {
    if (response.status === 401) {
      window.location.assign(`/sign-in?next=${encodeURIComponent(window.location.pathname)}`);
    }
    throw new ApiError(
      payload.error?.message ?? `The request failed (${response.status}).`,
      response.status,
      payload.error?.code ?? 'unknown',
      payload.error?.fieldErrors,
    );
  }
  return payload as T;
}

/** Whether a rejection is just a cancelled request. */
export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
