import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAi } from './fake-openai';
import type { FakeOpenAi } from './fake-openai-types';

// Driven by the official `openai` client, as Connect's code drives it.
let fake: FakeOpenAi;
let client: OpenAI;

beforeAll(async () => {
  fake = await startFakeOpenAi({ apiKey: 'sk-fake-test', models: ['fake-model'] });
  client = new OpenAI({ baseURL: fake.baseUrl, apiKey: 'sk-fake-test', maxRetries: 0 });
});
afterEach(() => fake.reset());
afterAll(() => fake.close());

const schema = {
  name: 'answer',
  schema: {
    type: 'object',
    properties: { ok: { type: 'boolean' } },
    required: ['ok'],
    additionalProperties: false,
  },
  strict: true,
};

describe('fake OpenAI-compatible server', () => {
  it('answers scripted replies in order and records what was sent', async () => {
    fake.script({ json: { ok: true } }, { content: 'second' });
    const first = await client.chat.completions.create({
      model: 'fake-model',
      messages: [
        { role: 'system', content: 'be brief' },
        { role: 'user', content: 'hello' },
      ],
      response_format: { type: 'json_schema', json_schema: schema },
    });
    expect(first.object).toBe('chat.completion');
    expect(JSON.parse(first.choices[0]!.message.content!)).toEqual({ ok: true });
    expect(first.choices[0]!.finish_reason).toBe('stop');
    expect(first.usage?.total_tokens).toBeGreaterThan(0);
    const second = await client.chat.completions.create({
      model: 'fake-model',
      messages: [{ role: 'user', content: 'again' }],
    });
    expect(second.choices[0]!.message.content).toBe('second');

    const [request] = fake.requests();
    expect(request?.authorization).toBe('Bearer sk-fake-test');
    expect(request?.responseFormat?.json_schema?.schema).toEqual(schema.schema);
    expect(request?.text).toBe('be brief\nhello');
    expect(fake.pending()).toBe(0);
  });

  it('reports refusals the way structured outputs do', async () => {
    fake.script({ refusal: 'I cannot help with that.' });
    const reply = await client.chat.completions.create({
      model: 'fake-model',
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(reply.choices[0]!.message.content).toBeNull();
    expect(reply.choices[0]!.message.refusal).toBe('I cannot help with that.');
  });

  it('answers errors in OpenAI’s shape, which the client maps to its error classes', async () => {
    const wrongKey = new OpenAI({ baseURL: fake.baseUrl, apiKey: 'sk-wrong', maxRetries: 0 });
    await expect(
      wrongKey.chat.completions.create({ model: 'fake-model', messages: [{ role: 'user', content: 'x' }] }),
    ).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    await expect(
      client.chat.completions.create({ model: 'other-model', messages: [{ role: 'user', content: 'x' }] }),
    ).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    fake.script({ status: 429 });
    await expect(
      client.chat.completions.create({ model: 'fake-model', messages: [{ role: 'user', content: 'x' }] }),
    ).rejects.toBeInstanceOf(OpenAI.RateLimitError);
    // Nothing scripted: a 500 that says so, rather than a made-up answer.
    await expect(
      client.chat.completions.create({ model: 'fake-model', messages: [{ role: 'user', content: 'x' }] }),
    ).rejects.toThrow(/no reply scripted/);
    await expect(
      client.chat.completions.create({ model: 'fake-model', messages: [] }),
    ).rejects.toBeInstanceOf(OpenAI.BadRequestError);
  });

  it('can be slow enough to make the client time out', async () => {
    fake.script({ delayMs: 5_000, content: 'late' });
    const started = Date.now();
    await expect(
      client.chat.completions.create(
        { model: 'fake-model', messages: [{ role: 'user', content: 'x' }] },
        { timeout: 300 },
      ),
    ).rejects.toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('can refuse json_schema like servers without structured outputs', async () => {
    const plain = await startFakeOpenAi({
      structuredOutputs: false,
      respond: () => ({ content: '{"ok":true}' }),
    });
    try {
      const noKey = new OpenAI({ baseURL: plain.baseUrl, apiKey: 'unused', maxRetries: 0 });
      await expect(
        noKey.chat.completions.create({
          model: 'any',
          messages: [{ role: 'user', content: 'x' }],
          response_format: { type: 'json_schema', json_schema: schema },
        }),
      ).rejects.toThrow(/json_schema' is not supported/);
      const reply = await noKey.chat.completions.create({
        model: 'any',
        messages: [{ role: 'user', content: 'x' }],
      });
      expect(reply.choices[0]!.message.content).toBe('{"ok":true}');
    } finally {
      await plain.close();
    }
  });
});
