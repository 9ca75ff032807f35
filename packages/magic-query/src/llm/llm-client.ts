import type { LlmCredentials } from '@connect/core';
import OpenAI from 'openai';
import { toProviderError } from './provider-errors';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** A JSON Schema for the answer, sent as `response_format: json_schema` when the server supports it. */
export interface AnswerSchema {
  name: string;
  schema: Record<string, unknown>;
}

export interface LlmClientOptions extends LlmCredentials {
  /** How long one model call may take. Default 60 seconds. */
  timeoutMs?: number;
}

export interface JsonCompletionRequest {
  messages: ChatMessage[];
  schema: AnswerSchema;
  signal?: AbortSignal | undefined;
}

/** What the model said, as text still to be parsed. */
export type JsonCompletion =
  | {
      kind: 'answer';
      content: string;
      /** Whether the server constrained the answer to the schema (else the schema was only described in text). */
      structured: boolean;
      /** The model stopped at its token limit: the text is probably cut off. */
      truncated: boolean;
    }
  | { kind: 'refusal'; reason: string };

export interface LlmClient {
  readonly model: string;
  /** One chat completion asking for JSON matching `schema`. */
  completeJson(request: JsonCompletionRequest): Promise<JsonCompletion>;
}

export const defaultLlmTimeoutMs = 60_000;

// Servers that rejected `response_format: json_schema` once are asked in plain text
// from then on, so each prompt does not pay for a failed round trip. Bounded: the
// keys are settings an owner types, not user input.
const withoutStructuredOutputs = new Set<string>();
const rememberUnstructured = (key: string) => {
  if (withoutStructuredOutputs.size >= 100) withoutStructuredOutputs.clear();
  withoutStructuredOutputs.add(key);
};

/** The instruction that replaces `response_format` for servers without structured outputs. */
function schemaInText(schema: AnswerSchema): string {
  return (
    'Reply with one JSON object and nothing else (no prose, no code fences). It must match this JSON Schema:\n' +
    JSON.stringify(schema.schema)
  );
}

/**
 * A client for any OpenAI-compatible chat completions API (OpenAI, Azure OpenAI,
 * vLLM, llama.cpp, Ollama, LM Studio, ...), at a configurable base URL. It asks for
 * structured JSON output with the answer's JSON Schema, and falls back to asking for
 * JSON in text when the server rejects `response_format: json_schema`. No retries:
 * a slow or failing model is reported at once, and the user can try again.
 */
export function createLlmClient(options: LlmClientOptions): LlmClient {
  const timeoutMs = options.timeoutMs ?? defaultLlmTimeoutMs;
  const client = new OpenAI({
    baseURL: options.baseUrl,
    // The SDK insists on a key; servers run without one get no Authorization header at all.
    apiKey: options.apiKey ?? 'no-key',
    ...(options.apiKey ? {} : { defaultHeaders: { Authorization: null } }),
    // Explicit, so the SDK never picks up OPENAI_* variables from the process environment.
    organization: null,
    project: null,
    timeout: timeoutMs,
    maxRetries: 0,
  });
  const serverKey = `${options.baseUrl}|${options.model}`;
  const context = { baseUrl: options.baseUrl, model: options.model, timeoutMs };

  async function call(request: JsonCompletionRequest, structured: boolean): Promise<JsonCompletion> {
    const messages = structured
      ? request.messages
      : request.messages.map((message, index) =>
          index === 0 && message.role === 'system'
            ? { ...message, content: `${message.content}\n\n${schemaInText(request.schema)}` }
            : message,
        );
    const completion = await client.chat.completions.create(
      {
        model: options.model,
        messages,
        temperature: 0,
        ...(structured
          ? {
              response_format: {
                type: 'json_schema' as const,
                json_schema: { name: request.schema.name, schema: request.schema.schema, strict: true },
              },
            }
          : {}),
      },
      { signal: request.signal },
    );
    const choice = completion.choices?.[0];
    if (!choice) throw new OpenAI.APIError(502, undefined, 'The model server sent no answer', undefined);
    if (choice.message.refusal) return { kind: 'refusal', reason: choice.message.refusal };
    if (choice.finish_reason === 'content_filter')
      return { kind: 'refusal', reason: 'the model server’s content filter stopped the answer' };
    return {
      kind: 'answer',
      content: choice.message.content ?? '',
      structured,
      truncated: choice.finish_reason === 'length',
    };
  }

  return {
    model: options.model,
    async completeJson(request) {
      try {
        if (withoutStructuredOutputs.has(serverKey)) return await call(request, false);
        try {
          return await call(request, true);
        } catch (error) {
          const status = error instanceof OpenAI.APIError ? error.status : undefined;
          if (status !== 400 && status !== 422 && status !== 501) throw error;
          // Most likely the server has no structured outputs; if the plain request
          // fails too, that error is the one worth reporting.
          const answer = await call(request, false);
          rememberUnstructured(serverKey);
          return answer;
        }
      } catch (error) {
        throw toProviderError(error, { ...context, signal: request.signal });
      }
    },
  };
}
