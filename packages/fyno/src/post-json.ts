import { errors as undiciErrors, request, type Dispatcher } from 'undici';
import { FynoNetworkError, FynoTimeoutError } from './fyno-errors';

export interface HttpReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The reply body as text; parsed by the caller so a non-JSON reply can be reported. */
  text: string;
}

export interface PostJsonRequest {
  dispatcher: Dispatcher;
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  /** Host only, for error messages (the URL holds the workspace ID). */
  host: string;
  signal?: AbortSignal | undefined;
}

const timedOut = Symbol('timed out');

/**
 * One HTTP POST over the keep-alive pool. The timeout covers the whole exchange, reply body
 * included. Failures with no reply become FynoNetworkError or FynoTimeoutError; the caller's
 * abort rejects with the caller's own `signal.reason`.
 */
export async function postJson(req: PostJsonRequest): Promise<HttpReply> {
  req.signal?.throwIfAborted();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(timedOut), req.timeoutMs);
  const onAbort = () => controller.abort(req.signal?.reason);
  req.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const reply = await request(req.url, {
      method: 'POST',
      headers: req.headers,
      body: req.body,
      dispatcher: req.dispatcher,
      signal: controller.signal,
      // The AbortController above is the timeout; undici's own ones only catch a stalled socket.
      headersTimeout: req.timeoutMs + 1_000,
      bodyTimeout: req.timeoutMs + 1_000,
    });
    return { status: reply.statusCode, headers: reply.headers, text: await reply.body.text() };
  } catch (error) {
    if (req.signal?.aborted) throw req.signal.reason;
    if (controller.signal.reason === timedOut || isUndiciTimeout(error)) {
      throw new FynoTimeoutError(req.timeoutMs, { cause: error });
    }
    if (error instanceof undiciErrors.InvalidArgumentError) throw error;
    throw new FynoNetworkError(req.host, describeNetworkError(error), { cause: error });
  } finally {
    clearTimeout(timer);
    req.signal?.removeEventListener('abort', onAbort);
  }
}

function isUndiciTimeout(error: unknown): boolean {
  return (
    error instanceof undiciErrors.HeadersTimeoutError ||
    error instanceof undiciErrors.BodyTimeoutError ||
    error instanceof undiciErrors.ConnectTimeoutError
  );
}

/** A short, secret-free reason such as "ECONNREFUSED" or "connection closed by the server". */
function describeNetworkError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (error instanceof undiciErrors.SocketError) return 'connection closed by the server';
  if (typeof code === 'string' && !code.startsWith('UND_ERR')) return code;
  const causeCode = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  if (typeof causeCode === 'string') return causeCode;
  return 'network error';
}
