import { randomUUID } from 'node:crypto';
import { AppError } from '@connect/core';
import { Agent, type Dispatcher } from 'undici';
import { readReply, replyBody, errorForReply } from './classify-reply';
import type { FynoError } from './fyno-errors';
import { type FynoClientOptions, resolveFynoOptions, type ResolvedFynoOptions } from './fyno-options';
import { type FynoEventInput, type FynoRecipient, recipientProblem } from './fyno-payload';
import {
  channelsOfBatchItem,
  type FynoBatchReply,
  fynoBatchReplySchema,
  type FynoChannelResult,
  type FynoEventReply,
  fynoEventReplySchema,
} from './fyno-responses';
import { planChunks, type PlannedChunk } from './plan-chunks';
import { postJson } from './post-json';
import { type FynoRetryInfo, withRetries } from './with-retries';

export interface FireOptions {
  /**
   * Sent as `Idempotency-Key` on the request and on every retry of it, so Fyno sends at most
   * once. When omitted, the client makes one up per call (retries within the call stay safe).
   */
  idempotencyKey?: string;
  /** Cancels the call: the request in flight is aborted and the call rejects with `signal.reason`. */
  signal?: AbortSignal;
  /** Called before each retry, with the error and the wait. */
  onRetry?: (info: FynoRetryInfo) => void;
}

export interface FireEventResult {
  /** Fyno's 202 reply: `request_id`, `received_time` (ISO) and one entry per dispatched channel. */
  reply: FynoEventReply;
  idempotencyKey: string;
  /** HTTP requests made, retries included. */
  attempts: number;
}

/** What Fyno answered for one recipient of a batch. */
export interface FynoBatchItemResult {
  requestId: string;
  /** One entry per channel Fyno dispatched, such as `email` or `sms`. */
  channels: Record<string, FynoChannelResult>;
}

export interface FireBatchChunkResult {
  index: number;
  /** Position in the input of this chunk's first recipient. */
  offset: number;
  count: number;
  bytes: number;
  idempotencyKey: string;
  attempts: number;
  /** Fyno's `received_time` for this request, epoch milliseconds. */
  receivedTime: number;
  /** Per recipient of the chunk, in order; null where Fyno's reply had no entry for it. */
  items: Array<FynoBatchItemResult | null>;
}

export interface FireBatchOptions extends FireOptions {
  /**
   * Called after each chunk is accepted, before the next is sent, so the caller can record
   * progress (if a later chunk fails, the earlier ones are already sent).
   */
  onChunk?: (chunk: FireBatchChunkResult) => void | Promise<void>;
}

export interface FireBatchResult {
  event: string;
  /** Per input recipient, in input order; null where Fyno's reply had no entry for it. */
  items: Array<FynoBatchItemResult | null>;
  chunks: FireBatchChunkResult[];
  /** HTTP requests made for the whole batch, retries included. */
  attempts: number;
}

export interface TestEventResult {
  /** True for Fyno's 202. */
  ok: boolean;
  /** Fyno's HTTP status. */
  status: number;
  /** Fyno's reply body exactly as sent (parsed JSON, or the text when it is not JSON). */
  body: unknown;
  /** For a refusal: the typed error, whose message says what to do. */
  error?: FynoError;
}

export interface FynoClient {
  /** Fires one event for one recipient (`POST {base}/{WSID}/{version}/event`). */
  fireEvent(input: FynoEventInput, options?: FireOptions): Promise<FireEventResult>;
  /**
   * Fires one event for many recipients through the bulk endpoint, chunked by count and by
   * request size. Chunks go one after another. Each chunk's `Idempotency-Key` is
   * `{idempotencyKey}:{digest of the chunk's body}`: a retry of the same recipients gets the
   * same keys (Fyno does not send them twice), while a retry of only the remainder gets new ones.
   */
  fireBatch(
    event: string,
    batch: readonly FynoRecipient[],
    options?: FireBatchOptions,
  ): Promise<FireBatchResult>;
  /**
   * Fires one event once, without retries, and returns Fyno's reply as it came, refusals
   * included (for the "Trigger Campaign" test). Rejects only when no reply came at all.
   */
  testEvent(
    input: FynoEventInput,
    options?: { signal?: AbortSignal; idempotencyKey?: string },
  ): Promise<TestEventResult>;
  /** Closes the keep-alive connections (unless the dispatcher was passed in). */
  close(): Promise<void>;
}

/**
 * Creates a Fyno Cloud client. The options are checked now; the API key is kept in this
 * closure only, so it is not visible on the client object, in its errors or in logs.
 */
export function createFynoClient(options: FynoClientOptions): FynoClient {
  const config = resolveFynoOptions(options);
  const ownDispatcher = options.dispatcher === undefined;
  const dispatcher: Dispatcher =
    options.dispatcher ??
    new Agent({ connections: config.connections, keepAliveTimeout: 30_000, connect: { timeout: 10_000 } });
  const apiKey = config.apiKey;
  const context = { version: config.version };

  const headers = (idempotencyKey: string | undefined): Record<string, string> => ({
    authorization: `Bearer ${apiKey}`,
    'content-type': 'application/json',
    accept: 'application/json',
    ...(idempotencyKey === undefined ? {} : { 'idempotency-key': idempotencyKey }),
  });

  const post = (
    url: string,
    body: string,
    idempotencyKey: string | undefined,
    timeoutMs: number,
    signal?: AbortSignal,
  ) =>
    postJson({
      dispatcher,
      url,
      headers: headers(idempotencyKey),
      body,
      timeoutMs,
      host: config.host,
      signal,
    });

  return {
    async fireEvent(input, fireOptions = {}) {
      assertEventInput(input);
      const idempotencyKey = fireOptions.idempotencyKey ?? randomUUID();
      const body = JSON.stringify(input);
      let attempts = 0;
      const reply = await withRetries(
        config.retry,
        async ({ attempt, timeoutMs }) => {
          attempts = attempt;
          const http = await post(config.eventUrl, body, idempotencyKey, timeoutMs, fireOptions.signal);
          return readReply(http, fynoEventReplySchema, { ...context, event: input.event });
        },
        { ...fireOptions, timeoutMs: config.timeoutMs },
      );
      return { reply, idempotencyKey, attempts };
    },

    async fireBatch(event, batch, fireOptions = {}) {
      assertEventName(event);
      batch.forEach((recipient, i) => {
        const problem = recipientProblem(recipient);
        if (problem) throw new AppError('invalid_input', `Recipient ${i + 1} of the batch ${problem}.`);
      });
      const baseKey = fireOptions.idempotencyKey ?? randomUUID();
      const plan = planChunks(event, batch, config.bulkChunkSize, config.maxRequestBytes);
      const result: FireBatchResult = { event, items: [], chunks: [], attempts: 0 };
      for (const chunk of plan) {
        const chunkResult = await sendChunk(
          config,
          post,
          event,
          chunk,
          `${baseKey}:${chunk.digest}`,
          fireOptions,
        );
        result.chunks.push(chunkResult);
        for (const item of chunkResult.items) result.items.push(item);
        result.attempts += chunkResult.attempts;
        await fireOptions.onChunk?.(chunkResult);
      }
      return result;
    },

    async testEvent(input, testOptions = {}) {
      assertEventInput(input);
      const http = await post(
        config.eventUrl,
        JSON.stringify(input),
        testOptions.idempotencyKey ?? randomUUID(),
        config.timeoutMs,
        testOptions.signal,
      );
      const body = replyBody(http);
      const ok = http.status >= 200 && http.status < 300;
      if (ok) return { ok, status: http.status, body };
      return {
        ok,
        status: http.status,
        body,
        error: errorForReply(http, body, { ...context, event: input.event }),
      };
    },

    async close() {
      if (ownDispatcher) await dispatcher.close();
    },
  };
}

type Post = (
  url: string,
  body: string,
  idempotencyKey: string,
  timeoutMs: number,
  signal?: AbortSignal,
) => ReturnType<typeof postJson>;

async function sendChunk(
  config: ResolvedFynoOptions,
  post: Post,
  event: string,
  chunk: PlannedChunk,
  idempotencyKey: string,
  options: FireOptions,
): Promise<FireBatchChunkResult> {
  let attempts = 0;
  const reply: FynoBatchReply = await withRetries(
    config.retry,
    async ({ attempt, timeoutMs }) => {
      attempts = attempt;
      const http = await post(config.bulkUrl, chunk.body, idempotencyKey, timeoutMs, options.signal);
      return readReply(http, fynoBatchReplySchema, { event, version: config.version });
    },
    {
      timeoutMs: config.timeoutMs,
      signal: options.signal,
      onRetry: options.onRetry && ((info) => options.onRetry?.({ ...info, chunk: chunk.index })),
    },
  );
  const items: Array<FynoBatchItemResult | null> = Array.from({ length: chunk.count }, () => null);
  for (const entry of reply.response) {
    // `seq` is 1-based within this request's `batch`.
    if (entry.seq <= chunk.count) {
      items[entry.seq - 1] = { requestId: entry.request_id, channels: channelsOfBatchItem(entry) };
    }
  }
  return {
    index: chunk.index,
    offset: chunk.offset,
    count: chunk.count,
    bytes: chunk.bytes,
    idempotencyKey,
    attempts,
    receivedTime: reply.received_time,
    items,
  };
}

function assertEventName(event: unknown): asserts event is string {
  if (typeof event !== 'string' || event.trim() === '') {
    throw new AppError('invalid_input', 'Choose the Fyno notification event to send.');
  }
}

function assertEventInput(input: FynoEventInput): void {
  assertEventName(input.event);
  const problem = recipientProblem(input);
  if (problem) throw new AppError('invalid_input', `The event ${problem}.`);
}
