'use client';

/** A failed API call, carrying the server's message and any per-field problems. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * Calls our own API from the browser. Same-origin fetch sends the session cookie
 * and the Origin header the server checks. A 401 means the session ended: go to
 * the sign-in page rather than showing a broken screen.
 */
export async function api<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
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
    if (response.status === 401 && !path.startsWith('/api/auth/') && !path.startsWith('/api/setup')) {
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
