import {
  AppError,
  defaultFynoApiBase,
  fynoApiBaseSchema,
  fynoWorkspaceIdSchema,
  type FynoVersion,
} from '@connect/core';
import type { Dispatcher } from 'undici';

/** How failed requests are retried (only 429, 5xx, network errors and timeouts are). */
export interface FynoRetryPolicy {
  /** Total HTTP requests per call, the first one included. */
  maxAttempts: number;
  /** Backoff before retry n is a random wait in [0, min(maxDelayMs, baseDelayMs * 2^(n-1))]. */
  baseDelayMs: number;
  maxDelayMs: number;
  /**
   * Time budget for one call (one event, or one chunk of a batch), waits included. A retry
   * that could not start before it runs out is not made; the last error is thrown instead.
   */
  deadlineMs: number;
}

export interface FynoClientOptions {
  /** The workspace ID (WSID) from Fyno's API Keys page, such as FY12345. */
  workspaceId: string;
  apiKey: string;
  /** `live` (default) sends the promoted versions of events; `test` the test versions. */
  version?: FynoVersion;
  /** Default https://api.fyno.io/v1; point it at the fake Fyno in tests and the sandbox. */
  apiBase?: string;
  /** Per-request timeout, from sending to the last byte of the reply. Default 30 s. */
  timeoutMs?: number;
  retry?: Partial<FynoRetryPolicy>;
  /** Most recipients per bulk request. Default 1,000. */
  bulkChunkSize?: number;
  /**
   * Largest bulk request body in bytes. Fyno publishes "10 MB"; the default, 10,000,000,
   * stays under both readings of that (10^7 and 2^20 * 10).
   */
  maxRequestBytes?: number;
  /** Keep-alive connections kept open to Fyno. Default 16. */
  connections?: number;
  /** An undici dispatcher to use instead of the client's own keep-alive Agent; not closed by `close()`. */
  dispatcher?: Dispatcher;
}

export interface ResolvedFynoOptions {
  workspaceId: string;
  apiKey: string;
  version: FynoVersion;
  eventUrl: string;
  bulkUrl: string;
  /** Host only, safe to name in error messages. */
  host: string;
  timeoutMs: number;
  retry: FynoRetryPolicy;
  bulkChunkSize: number;
  maxRequestBytes: number;
  connections: number;
}

export const defaultRetryPolicy: Readonly<FynoRetryPolicy> = Object.freeze({
  maxAttempts: 6,
  baseDelayMs: 250,
  maxDelayMs: 20_000,
  deadlineMs: 120_000,
});

/** Checks the options once, up front, so a typo fails at setup rather than mid-campaign. */
export function resolveFynoOptions(options: FynoClientOptions): ResolvedFynoOptions {
  const fieldErrors: Record<string, string> = {};
  const workspaceId = fynoWorkspaceIdSchema.safeParse(options.workspaceId);
  if (!workspaceId.success) fieldErrors.workspaceId = firstIssue(workspaceId.error);
  const apiBase = fynoApiBaseSchema.safeParse(options.apiBase ?? defaultFynoApiBase);
  if (!apiBase.success) fieldErrors.apiBase = firstIssue(apiBase.error);
  if (typeof options.apiKey !== 'string' || options.apiKey.trim() === '') {
    fieldErrors.apiKey = 'Enter the Fyno API key from the API Keys page of the Fyno dashboard';
  }
  const version = options.version ?? 'live';
  if (version !== 'live' && version !== 'test') fieldErrors.version = 'Choose live or test';
  if (!workspaceId.success || !apiBase.success || Object.keys(fieldErrors).length > 0) {
    throw new AppError('invalid_input', 'The Fyno settings are incomplete. Check them in Settings.', {
      fieldErrors,
    });
  }

  const base = apiBase.data.replace(/\/+$/, '');
  const root = `${base}/${encodeURIComponent(workspaceId.data)}/${version}`;
  const retry = { ...defaultRetryPolicy, ...options.retry };
  return {
    workspaceId: workspaceId.data,
    apiKey: options.apiKey.trim(),
    version,
    eventUrl: `${root}/event`,
    bulkUrl: `${root}/event/bulk`,
    host: new URL(base).host,
    timeoutMs: positive(options.timeoutMs, 30_000, 'timeoutMs'),
    retry: {
      maxAttempts: Math.max(1, Math.floor(retry.maxAttempts)),
      baseDelayMs: Math.max(0, retry.baseDelayMs),
      maxDelayMs: Math.max(0, retry.maxDelayMs),
      deadlineMs: positive(retry.deadlineMs, defaultRetryPolicy.deadlineMs, 'retry.deadlineMs'),
    },
    bulkChunkSize: Math.floor(positive(options.bulkChunkSize, 1_000, 'bulkChunkSize')),
    maxRequestBytes: positive(options.maxRequestBytes, 10_000_000, 'maxRequestBytes'),
    connections: Math.floor(positive(options.connections, 16, 'connections')),
  };
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) {
    throw new AppError('invalid_input', `The Fyno client option ${name} must be a positive number.`);
  }
  return value;
}

function firstIssue(error: { issues: Array<{ message: string }> }): string {
  return error.issues[0]?.message ?? 'Invalid value';
}
