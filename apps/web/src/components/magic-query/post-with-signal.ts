'use client';

import { ApiError } from '@/lib/api-client';

/**
 * Calls our API with an AbortSignal (Cancel aborts the fetch; the server then stops
 * waiting for the model). An aborted call rejects with an AbortError.
 */
export async function postWithSignal<T>(path: string, body: unknown, signal: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    });
  } catch (error) {
    if (signal.aborted) throw new DOMException('Cancelled', 'AbortError');
    throw error instanceof Error && error.name === 'AbortError'
      ? error
      : new ApiError(
          'Connect could not be reached. Check your network connection and try again.',
          0,
          'network',
        );
  }
  const payload = (await response.json().catch(() => ({}))) as {
    error?: { code: string; message: string; fieldErrors?: Record<string, string> };
  };
  if (!response.ok) {
    if (response.status === 401)
      window.location.assign(`/sign-in?next=${encodeURIComponent(window.location.pathname)}`);
    throw new ApiError(
      payload.error?.message ?? `The request failed (${response.status}).`,
      response.status,
      payload.error?.code ?? 'unknown',
      payload.error?.fieldErrors,
    );
  }
  return payload as T;
}
