import { parseJsonAnswer } from '../answer/parse-json-answer';
import { MagicQueryError } from '../magic-query-error';
import { createLlmClient, type LlmClientOptions } from './llm-client';

export interface ModelTestResult {
  model: string;
  /** One round trip, in milliseconds. */
  latencyMs: number;
  /** Whether the server constrains answers to a JSON Schema (else Connect asks for JSON in text). */
  structuredOutputs: boolean;
}

const pingSchema = {
  name: 'connection_test',
  schema: {
    type: 'object',
    properties: { ok: { type: 'boolean' } },
    required: ['ok'],
    additionalProperties: false,
  },
};

/**
 * The Settings page's "Test" button: one tiny chat completion (no customer data),
 * proving the base URL, key and model work and that the model answers in JSON.
 */
export async function testModel(
  options: LlmClientOptions,
  request: { signal?: AbortSignal } = {},
): Promise<ModelTestResult> {
  const client = createLlmClient(options);
  const started = performance.now();
  const reply = await client.completeJson({
    messages: [
      { role: 'system', content: 'You are a connection test. Answer with the JSON object {"ok": true}.' },
      { role: 'user', content: 'Are you there?' },
    ],
    schema: pingSchema,
    signal: request.signal,
  });
  const latencyMs = Math.round(performance.now() - started);
  if (reply.kind === 'refusal')
    throw new MagicQueryError('refused', `The model answered, but declined the test: ${reply.reason}`);
  const parsed = parseJsonAnswer(reply.content);
  if (!parsed.ok)
    throw new MagicQueryError(
      'invalid_answer',
      `The model answered, but not in JSON (${parsed.problem}). Magic Query needs a model that follows JSON instructions; choose a stronger or instruction-tuned model.`,
    );
  return { model: options.model, latencyMs, structuredOutputs: reply.structured };
}
