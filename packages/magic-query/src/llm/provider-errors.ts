import OpenAI from 'openai';
import { MagicQueryError } from '../magic-query-error';

const settingsHint = 'An owner can check the model under Settings → Magic Query.';

/** The host of the base URL, for messages: never its path, query or user info. */
export function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return 'the configured address';
  }
}

/** The server's own words, short, on one line. */
function serverMessage(error: InstanceType<typeof OpenAI.APIError>): string {
  const text = (error.error as { message?: unknown } | undefined)?.message;
  const message = typeof text === 'string' && text.trim() !== '' ? text : error.message;
  const line = message.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}

/**
 * Turns what the OpenAI client threw into a {@link MagicQueryError} a user can act
 * on. A cancelled request rethrows the signal's reason instead: the caller went away.
 */
export function toProviderError(
  error: unknown,
  context: { baseUrl: string; model: string; timeoutMs: number; signal?: AbortSignal | undefined },
): Error {
  if (context.signal?.aborted)
    return context.signal.reason instanceof Error ? context.signal.reason : toAbort();
  const host = hostOf(context.baseUrl);
  if (error instanceof OpenAI.APIUserAbortError) return toAbort();
  if (error instanceof OpenAI.APIConnectionTimeoutError)
    return new MagicQueryError(
      'provider_timeout',
      `The AI model did not answer within ${duration(context.timeoutMs)}. Try again, or try a shorter request. ${settingsHint}`,
      { cause: error },
    );
  if (error instanceof OpenAI.APIConnectionError)
    return new MagicQueryError(
      'provider_unreachable',
      `The AI model server at ${host} could not be reached. Check that it is running and that this server can reach it. ${settingsHint}`,
      { cause: error },
    );
  if (error instanceof OpenAI.APIError) {
    const status = error.status ?? 0;
    if (status === 401 || status === 403)
      return new MagicQueryError(
        'provider_auth',
        `The AI model server at ${host} refused the API key (HTTP ${status}). ${settingsHint}`,
        { cause: error },
      );
    if (status === 404)
      return new MagicQueryError(
        'provider_not_found',
        `The AI model server at ${host} does not know the model "${context.model}", or the base URL is not an OpenAI-compatible API (it usually ends in /v1). ${settingsHint}`,
        { cause: error },
      );
    if (status === 429)
      return new MagicQueryError(
        'provider_busy',
        `The AI model server at ${host} is busy (rate limited). Try again in a moment.`,
        { cause: error, retryAfterSeconds: 10 },
      );
    return new MagicQueryError(
      'provider_failed',
      `The AI model server at ${host} answered with an error (HTTP ${status}): ${serverMessage(error)}`,
      { cause: error },
    );
  }
  return error instanceof Error ? error : new Error(String(error));
}

function duration(ms: number): string {
  if (ms < 1_000) return `${ms} milliseconds`;
  const seconds = Math.round(ms / 1_000);
  return seconds === 1 ? '1 second' : `${seconds} seconds`;
}

function toAbort(): Error {
  return new DOMException('The request was cancelled.', 'AbortError');
}
