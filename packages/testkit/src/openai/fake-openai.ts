import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { readBody } from '../fyno/read-body';
import type {
  FakeOpenAi,
  FakeOpenAiMessage,
  FakeOpenAiOptions,
  FakeOpenAiReply,
  FakeOpenAiRequest,
} from './fake-openai-types';

// This file is also the test kit's `@connect/testkit/openai` entry, for callers (the
// Playwright specs) whose loader cannot take the whole test kit: its types go with it.
export type { FakeOpenAi, FakeOpenAiOptions, FakeOpenAiReply, FakeOpenAiRequest } from './fake-openai-types';

interface HttpReply {
  status: number;
  body: unknown;
}

const errorTypes: Record<number, { type: string; code: string | null; message: string }> = {
  400: { type: 'invalid_request_error', code: null, message: 'Invalid request.' },
  401: {
    type: 'invalid_request_error',
    code: 'invalid_api_key',
    message: 'Incorrect API key provided. You can find your API key in your account settings.',
  },
  403: { type: 'invalid_request_error', code: null, message: 'You are not allowed to use this model.' },
  404: { type: 'invalid_request_error', code: 'model_not_found', message: 'The model does not exist.' },
  429: { type: 'requests', code: 'rate_limit_exceeded', message: 'Rate limit reached for requests.' },
  500: {
    type: 'server_error',
    code: null,
    message: 'The server had an error while processing your request.',
  },
  503: {
    type: 'server_error',
    code: null,
    message: 'The engine is currently overloaded, please try again later.',
  },
};

/** An error reply in OpenAI's shape: `{ error: { message, type, param, code } }`. */
function apiError(status: number, message?: string, param: string | null = null, code?: string): HttpReply {
  const known = errorTypes[status] ?? errorTypes[status >= 500 ? 500 : 400]!;
  return {
    status,
    body: { error: { message: message ?? known.message, type: known.type, param, code: code ?? known.code } },
  };
}

function textOf(content: unknown): string | null {
  if (typeof content === 'string') return content;
  // Content parts: [{ type: 'text', text }].
  if (Array.isArray(content))
    return content
      .map((part) => (part && typeof part === 'object' && 'text' in part ? String(part.text) : ''))
      .join('');
  return null;
}

/** Checks the request the way an OpenAI-compatible server does, returning the problem as an error reply. */
function parseRequest(
  text: string,
  authorization: string | null,
): { request: FakeOpenAiRequest } | { error: HttpReply } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { error: apiError(400, 'We could not parse the JSON body of your request.') };
  }
  if (!body || typeof body !== 'object' || Array.isArray(body))
    return { error: apiError(400, 'The request body must be a JSON object.') };
  const record = body as Record<string, unknown>;
  if (typeof record.model !== 'string' || record.model === '')
    return { error: apiError(400, 'you must provide a model parameter', 'model') };
  if (!Array.isArray(record.messages) || record.messages.length === 0)
    return { error: apiError(400, "'messages' must be a non-empty array", 'messages') };
  const messages: FakeOpenAiMessage[] = [];
  for (const message of record.messages as unknown[]) {
    const role = (message as { role?: unknown } | null)?.role;
    if (typeof role !== 'string' || !['system', 'developer', 'user', 'assistant', 'tool'].includes(role))
      return {
        error: apiError(
          400,
          'Each message needs a role: system, developer, user, assistant or tool',
          'messages',
        ),
      };
    messages.push({ role, content: textOf((message as { content?: unknown }).content) });
  }
  if (record.stream === true) return { error: apiError(400, 'The fake does not stream.', 'stream') };
  const format = record.response_format as FakeOpenAiRequest['responseFormat'] | undefined;
  if (format !== undefined && format !== null) {
    if (!['text', 'json_object', 'json_schema'].includes(format.type))
      return { error: apiError(400, `Invalid value: '${String(format.type)}'.`, 'response_format.type') };
    if (
      format.type === 'json_schema' &&
      (!format.json_schema?.name || typeof format.json_schema.schema !== 'object')
    )
      return {
        error: apiError(400, "Missing required parameter: 'response_format.json_schema'.", 'response_format'),
      };
  }
  return {
    request: {
      at: Date.now(),
      authorization,
      model: record.model,
      messages,
      responseFormat: format ?? null,
      body: record,
      text: messages.map((message) => message.content ?? '').join('\n'),
    },
  };
}

function completion(request: FakeOpenAiRequest, reply: FakeOpenAiReply): HttpReply {
  const content = reply.refusal !== undefined ? null : (reply.content ?? JSON.stringify(reply.json ?? {}));
  const promptTokens = Math.ceil(request.text.length / 4);
  const completionTokens = Math.ceil((content ?? reply.refusal ?? '').length / 4);
  return {
    status: 200,
    body: {
      id: `chatcmpl-${randomBytes(12).toString('hex')}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: request.model,
      system_fingerprint: 'fp_fake',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content, refusal: reply.refusal ?? null, annotations: [] },
          logprobs: null,
          finish_reason: reply.finishReason ?? 'stop',
        },
      ],
      usage: {
        prompt_tokens: promptTokens,
        completion_tokens: completionTokens,
        total_tokens: promptTokens + completionTokens,
      },
    },
  };
}

/**
 * Starts a fake OpenAI-compatible server: `POST /v1/chat/completions` and
 * `GET /v1/models` with OpenAI's request checks, reply and error shapes. Each test
 * scripts the replies (or gives a `respond` function) and reads back the requests,
 * so it can assert what was sent to the model and what was not.
 */
export async function startFakeOpenAi(options: FakeOpenAiOptions = {}): Promise<FakeOpenAi> {
  const script: FakeOpenAiReply[] = [];
  let received: FakeOpenAiRequest[] = [];

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<HttpReply | undefined> => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const authorization = header(req, 'authorization');
    if (options.apiKey !== undefined && authorization !== `Bearer ${options.apiKey}`) return apiError(401);
    if (url.pathname === '/v1/models' && req.method === 'GET') {
      const models = options.models ?? ['fake-model'];
      return {
        status: 200,
        body: {
          object: 'list',
          data: models.map((id) => ({ id, object: 'model', created: 0, owned_by: 'fake' })),
        },
      };
    }
    if (url.pathname !== '/v1/chat/completions')
      return apiError(404, `Unknown path ${url.pathname}`, null, 'unknown_url');
    if (req.method !== 'POST') return apiError(405, 'Use POST.');
    const body = await readBody(req, 20 * 1024 * 1024);
    if (body.tooLarge) return apiError(413, 'The request is too large.');
    const parsed = parseRequest(body.text, authorization);
    if ('error' in parsed) return parsed.error;
    const { request } = parsed;
    if (options.models && !options.models.includes(request.model))
      return apiError(
        404,
        `The model \`${request.model}\` does not exist or you do not have access to it.`,
        null,
      );
    if (request.responseFormat?.type === 'json_schema' && options.structuredOutputs === false)
      return apiError(
        400,
        "'response_format' of type 'json_schema' is not supported with this model.",
        'response_format',
      );
    received.push(request);

    const reply = script.shift() ?? (await options.respond?.(request));
    if (!reply)
      return apiError(
        500,
        'The fake OpenAI server has no reply scripted for this request (call script() first).',
      );
    if (reply.delayMs) {
      // A client that gives up (timeout, cancel) closes the connection: stop waiting then.
      const gone = new AbortController();
      res.once('close', () => gone.abort());
      try {
        await sleep(reply.delayMs, undefined, { signal: gone.signal });
      } catch {
        return undefined;
      }
    }
    if (reply.status !== undefined && reply.status >= 400) return apiError(reply.status, reply.errorMessage);
    return completion(request, reply);
  };

  const server = createServer((req, res) => {
    handle(req, res)
      .then((reply) => {
        if (reply && !res.writableEnded && !res.destroyed) send(res, reply);
      })
      .catch((error: unknown) => {
        if (!res.headersSent) send(res, apiError(500, `The fake OpenAI server failed: ${String(error)}`));
        else res.destroy();
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    baseUrl: `http://${host}:${address.port}/v1`,
    port: address.port,
    script: (...replies) => void script.push(...replies),
    pending: () => script.length,
    requests: () => [...received],
    reset: () => {
      script.length = 0;
      received = [];
    },
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

function send(res: ServerResponse, reply: HttpReply): void {
  const text = JSON.stringify(reply.body);
  res.statusCode = reply.status;
  res.setHeader('content-type', 'application/json');
  res.setHeader('content-length', Buffer.byteLength(text));
  res.end(text);
}
