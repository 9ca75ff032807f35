import { setTimeout as sleep } from 'node:timers/promises';
import type { FynoRetryPolicy } from './fyno-options';
import { FynoError, FynoRateLimitError, FynoServerError, FynoTimeoutError } from './fyno-errors';

/** Told before each retry, so callers can record retries (the run detail shows them). */
export interface FynoRetryInfo {
  /** The attempt that failed, 1-based. */
  attempt: number;
  error: FynoError;
  /** How long the client waits before the next attempt. */
  delayMs: number;
  /** For `fireBatch`: the index of the chunk being retried. */
  chunk?: number;
}

export interface AttemptContext {
  attempt: number;
  /** The request's timeout: the per-request timeout, or less when the deadline is nearer. */
  timeoutMs: number;
}

/**
 * Runs `attempt` until it succeeds, fails with an error that is not retryable, or the
 * policy's attempts or deadline run out. Waits are exponential with full jitter (a random
 * wait between 0 and the exponential cap, so many workers retrying together spread out),
 * except after a 429 or 5xx with `Retry-After`, when the wait is what Fyno asked for.
 * The thrown error carries the number of attempts made.
 */
export async function withRetries<T>(
  policy: FynoRetryPolicy,
  attempt: (context: AttemptContext) => Promise<T>,
  options: {
    timeoutMs: number;
    signal?: AbortSignal | undefined;
    onRetry?: ((info: FynoRetryInfo) => void) | undefined;
  },
): Promise<T> {
  const deadline = Date.now() + policy.deadlineMs;
  let previous: FynoError | undefined;
  for (let n = 1; ; n++) {
    options.signal?.throwIfAborted();
    const remainingMs = Math.max(1, deadline - Date.now());
    const cutByDeadline = remainingMs < options.timeoutMs;
    try {
      return await attempt({ attempt: n, timeoutMs: Math.min(options.timeoutMs, remainingMs) });
    } catch (error) {
      if (!(error instanceof FynoError)) throw error;
      if (cutByDeadline && error instanceof FynoTimeoutError && previous) {
        // The deadline, not Fyno, ended this attempt: the earlier failure is the real reason.
        previous.attempts = n;
        throw previous;
      }
      previous = error;
      error.attempts = n;
      if (!error.retryable || n >= policy.maxAttempts) throw error;
      const delayMs = retryDelay(policy, n, error);
      if (Date.now() + delayMs >= deadline) throw error;
      options.onRetry?.({ attempt: n, error, delayMs });
      try {
        await sleep(delayMs, undefined, { signal: options.signal });
      } catch (sleepError) {
        // Surface the caller's own abort reason, as the HTTP request does.
        options.signal?.throwIfAborted();
        throw sleepError;
      }
    }
  }
}

/** The wait before retry number `failedAttempt` (1-based). */
export function retryDelay(policy: FynoRetryPolicy, failedAttempt: number, error: FynoError): number {
  const asked =
    error instanceof FynoRateLimitError || error instanceof FynoServerError ? error.retryAfterMs : undefined;
  if (asked !== undefined) return asked;
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (failedAttempt - 1));
  return Math.floor(Math.random() * cap);
}
