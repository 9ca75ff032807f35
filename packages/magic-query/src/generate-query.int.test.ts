import { type Connector, openConnector } from '@connect/connectors';
import type { Definition, FilterGroup } from '@connect/core';
import {
  type CustomerDatabase,
  type FakeOpenAi,
  type FixtureUser,
  generateUsers,
  postgresHarness,
  startFakeOpenAi,
} from '@connect/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateQuery, type GenerateQueryRequest } from './generate-query';
import { MagicQueryError } from './magic-query-error';

// The plumbing, end to end below the web app: a real PostgreSQL customer database
// loaded with the contract fixture, the real `openai` client, and the fake
// OpenAI-compatible server answering what each test scripts.
const anchor = new Date();
const users = generateUsers({ anchor });
let db: CustomerDatabase;
let connector: Connector;
let fake: FakeOpenAi;

beforeAll(async () => {
  [db, fake] = await Promise.all([
    postgresHarness.create({ anchor }),
    startFakeOpenAi({ apiKey: 'sk-test' }),
  ]);
  connector = openConnector('postgres', db.config);
});
afterEach(() => fake.reset());
afterAll(async () => {
  await connector?.close();
  await Promise.all([db?.drop(), fake?.close()]);
});

const request = (overrides: Partial<GenerateQueryRequest> = {}): GenerateQueryRequest => ({
  prompt: 'pro customers older than 40',
  connector,
  source: db.usersSource,
  model: { baseUrl: fake.baseUrl, model: 'fake-model', apiKey: 'sk-test' },
  now: anchor,
  timeZone: 'Asia/Kolkata',
  ...overrides,
});

const filterAnswer = (filter: unknown, extra: Record<string, unknown> = {}) => ({
  json: { explanation: 'Pro users over 40.', kind: 'filter', source: null, filter, query: null, ...extra },
});
const queryAnswer = (query: string, extra: Record<string, unknown> = {}) => ({
  json: { explanation: 'A query.', kind: 'query', source: null, filter: null, query, ...extra },
});
const proOver40: FilterGroup = {
  combinator: 'and',
  rules: [
    { field: 'plan', operator: '=', value: 'pro' },
    { field: 'age', operator: '>', value: 40 },
  ],
};
const expectedProOver40 = (list: FixtureUser[]) =>
  list
    .filter((user) => user.plan === 'pro' && user.age !== null && user.age > 40)
    .map((user) => user.id)
    .sort((a, b) => a - b);

async function idsOf(definition: Definition): Promise<number[]> {
  const ids: number[] = [];
  for await (const batch of connector.stream({ source: db.usersSource, definition }))
    ids.push(...batch.map((row) => Number(row.id)));
  return ids.sort((a, b) => a - b);
}

async function failureOf(promise: Promise<unknown>): Promise<MagicQueryError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(MagicQueryError);
  return error as MagicQueryError;
}

describe('generateQuery grounding', () => {
  it('sends the kind, dialect, described fields, enum values, clock, time zone, operators and the schema', async () => {
    fake.script(filterAnswer(proOver40));
    await generateQuery(request());
    const [sent] = fake.requests();
    const system = sent!.messages[0]!.content!;
    expect(sent!.model).toBe('fake-model');
    expect(sent!.authorization).toBe('Bearer sk-test');
    expect(system).toContain('Database: PostgreSQL');
    expect(system).toContain('PostgreSQL SQL');
    expect(system).toContain('"signed_up_at": datetime');
    expect(system).toMatch(/"plan": enum \([^)]*\) one of: "free", "pro", "enterprise"/);
    expect(system).toContain('"Signup Source": string');
    expect(system).toContain(`Now is ${anchor.toISOString()}`);
    expect(system).toContain('Asia/Kolkata');
    expect(system).toContain('- date: =, !=, <, <=, >, >=, between, notBetween, on, before, after, inLast');
    expect(sent!.messages[1]).toEqual({ role: 'user', content: 'pro customers older than 40' });

    // The answer's JSON Schema is in the request, with the fields as an allow-list.
    expect(sent!.responseFormat?.type).toBe('json_schema');
    const schema = sent!.responseFormat!.json_schema!.schema as {
      $defs: { rule: { properties: { field: { enum: string[] } } } };
    };
    expect(schema.$defs.rule.properties.field.enum).toContain('Signup Source');
    expect(schema.$defs.rule.properties.field.enum).not.toContain('made_up');
  });

  it('sends no customer values unless the admin switch allows sample values', async () => {
    const values = users
      .flatMap((user) => [user.email, user.name, user.phone, user['Signup Source']])
      .filter((value): value is string => typeof value === 'string' && value.length > 3);
    fake.script(filterAnswer(proOver40));
    await generateQuery(request());
    const withoutSamples = fake.requests()[0]!.text;
    expect(values.filter((value) => withoutSamples.includes(value))).toEqual([]);

    fake.reset();
    fake.script(filterAnswer(proOver40));
    await generateQuery(request({ sendSampleValues: true }));
    const withSamples = fake.requests()[0]!.text;
    expect(withSamples).toContain('sample values:');
    expect(values.filter((value) => withSamples.includes(value)).length).toBeGreaterThan(0);
  });

  it('picks the likely tables of a database-level prompt and lets the model name one', async () => {
    fake.script(
      filterAnswer(
        { combinator: 'and', rules: [{ field: 'plan', operator: '=', value: 'enterprise' }] },
        { source: 'public.users' },
      ),
    );
    const result = await generateQuery(
      request({ source: undefined, prompt: 'users on the enterprise plan' }),
    );
    // users, the active_users view and plan_counts all match by name and columns; the table has the most rows.
    expect(result.offeredSources[0]).toBe('public.users');
    expect(result.offeredSources).not.toContain('crm.accounts');
    expect(result.source?.ref).toEqual({ schema: 'public', name: 'users' });
    const schema = fake.requests()[0]!.responseFormat!.json_schema!.schema as {
      properties: { source: { anyOf: [{ enum: string[] }] } };
    };
    expect(schema.properties.source.anyOf[0].enum).toEqual(result.offeredSources);
    expect(await idsOf(result.definition)).toEqual(
      users.filter((user) => user.plan === 'enterprise').map((user) => user.id),
    );
  });
  it('shows a database-level SQL query on the best-ranked source when the model names none', async () => {
    fake.script(queryAnswer("SELECT * FROM public.users WHERE plan = 'enterprise'"));
    const result = await generateQuery(
      request({ source: undefined, prompt: 'users on the enterprise plan' }),
    );
    expect(result.source?.id).toBe('public.users');
    expect(result.definition.type).toBe('query');
  });
});

describe('generateQuery answers', () => {
  it('returns a checked filter that selects exactly the rows asked for', async () => {
    fake.script(filterAnswer(proOver40));
    const result = await generateQuery(request());
    expect(result).toMatchObject({ attempts: 1, structuredOutputs: true, explanation: 'Pro users over 40.' });
    expect(result.definition.type).toBe('filter');
    expect(await idsOf(result.definition)).toEqual(expectedProOver40(users));
  });

  it('accepts a read-only raw query the connector can run', async () => {
    fake.script(queryAnswer("SELECT * FROM public.users WHERE plan = 'pro' AND age > 40"));
    const result = await generateQuery(request());
    expect(result.definition).toEqual({
      type: 'query',
      query: "SELECT * FROM public.users WHERE plan = 'pro' AND age > 40",
    });
    expect(await idsOf(result.definition)).toEqual(expectedProOver40(users));
  });

  it('sends invalid JSON back in one repair round, then accepts the corrected answer', async () => {
    fake.script({ content: 'Sure, here you go: {"kind": "filter", "filter": ' }, filterAnswer(proOver40));
    const result = await generateQuery(request());
    expect(result.attempts).toBe(2);
    const repair = fake.requests()[1]!.messages;
    expect(repair.at(-2)).toMatchObject({
      role: 'assistant',
      content: expect.stringContaining('Sure, here you go'),
    });
    expect(repair.at(-1)?.content).toMatch(/^Your answer was rejected: the reply is not valid JSON/);
  });

  it('sends an unknown field back with the real field names, then accepts the corrected answer', async () => {
    fake.script(
      filterAnswer({
        combinator: 'and',
        rules: [{ field: 'subscription_tier', operator: '=', value: 'pro' }],
      }),
      filterAnswer(proOver40),
    );
    const result = await generateQuery(request());
    expect(result.attempts).toBe(2);
    const problem = fake.requests()[1]!.messages.at(-1)!.content!;
    expect(problem).toContain('There is no field "subscription_tier" here');
    expect(problem).toContain('"plan"');
    expect(await idsOf(result.definition)).toEqual(expectedProOver40(users));
  });

  it('gives up after the repair round with the reason', async () => {
    const wrong = filterAnswer({
      combinator: 'and',
      rules: [{ field: 'age', operator: 'contains', value: '4' }],
    });
    fake.script(wrong, wrong);
    const error = await failureOf(generateQuery(request()));
    expect(error.reason).toBe('invalid_answer');
    expect(error.message).toMatch(/"contains" cannot be used with field age \(a number\)/);
    expect(fake.requests()).toHaveLength(2);
  });

  it('refuses a write query, runs nothing, and says so', async () => {
    const before = await db.checksum();
    fake.script(
      queryAnswer('DELETE FROM public.users WHERE age > 40'),
      queryAnswer('UPDATE public.users SET age = 0'),
    );
    const error = await failureOf(generateQuery(request()));
    expect(error.reason).toBe('query_refused');
    expect(error.message).toMatch(/nothing was run/);
    expect(fake.requests()[1]!.messages.at(-1)!.content).toMatch(/rejected/);
    expect(await db.checksum()).toBe(before);
  });

  it('passes on the model saying the fields cannot answer the request, without inventing any', async () => {
    fake.script({
      json: {
        explanation: 'There is no purchase data.',
        kind: 'cannot',
        source: null,
        filter: null,
        query: null,
      },
    });
    const error = await failureOf(generateQuery(request({ prompt: 'people who bought shoes' })));
    expect(error.reason).toBe('cannot_answer');
    expect(error.message).toContain('There is no purchase data.');
    expect(fake.requests()).toHaveLength(1);
  });

  it('reports a refusal', async () => {
    fake.script({ refusal: 'I cannot help with that request.' });
    const error = await failureOf(generateQuery(request()));
    expect(error.reason).toBe('refused');
    expect(error.message).toContain('I cannot help with that request.');
  });
});

describe('generateQuery and the provider', () => {
  it('times out with a message that says so', async () => {
    fake.script({ delayMs: 5_000, ...filterAnswer(proOver40) });
    const started = Date.now();
    const error = await failureOf(generateQuery(request({ timeoutMs: 400 })));
    expect(error.reason).toBe('provider_timeout');
    expect(error.message).toContain('did not answer within 400 milliseconds');
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('is cancelled by its signal', async () => {
    fake.script({ delayMs: 5_000, ...filterAnswer(proOver40) });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const error = await generateQuery(request({ signal: controller.signal })).catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ name: 'AbortError' });
  });

  it('says when the server cannot be reached or refuses the key', async () => {
    const closed = await startFakeOpenAi();
    const baseUrl = closed.baseUrl;
    await closed.close();
    const unreachable = await failureOf(
      generateQuery(request({ model: { baseUrl, model: 'm', apiKey: null } })),
    );
    expect(unreachable.reason).toBe('provider_unreachable');
    expect(unreachable.message).toContain(new URL(baseUrl).host);

    const wrongKey = await failureOf(
      generateQuery(request({ model: { baseUrl: fake.baseUrl, model: 'm', apiKey: 'sk-wrong' } })),
    );
    expect(wrongKey.reason).toBe('provider_auth');
    expect(wrongKey.message).not.toContain('sk-wrong');
  });

  it('names the problem when the server does not know the model or is rate limiting', async () => {
    fake.script({ status: 404 }, { status: 429 }, { status: 500, errorMessage: 'CUDA out of memory' });
    const unknownModel = await failureOf(generateQuery(request()));
    expect(unknownModel.reason).toBe('provider_not_found');
    expect(unknownModel.message).toContain('does not know the model "fake-model"');
    const busy = await failureOf(generateQuery(request()));
    expect(busy.reason).toBe('provider_busy');
    expect(busy.code).toBe('rate_limited');
    const failed = await failureOf(generateQuery(request()));
    expect(failed.reason).toBe('provider_failed');
    expect(failed.message).toContain('(HTTP 500): CUDA out of memory');
  });

  it('asks for JSON in text from a server without structured outputs', async () => {
    const plain = await startFakeOpenAi({ structuredOutputs: false });
    try {
      plain.script(filterAnswer(proOver40));
      const result = await generateQuery(
        request({ model: { baseUrl: plain.baseUrl, model: 'local-model', apiKey: null } }),
      );
      expect(result.structuredOutputs).toBe(false);
      const [sent] = plain.requests();
      expect(sent!.responseFormat).toBeNull();
      expect(sent!.authorization).toBeNull();
      expect(sent!.messages[0]!.content).toContain('It must match this JSON Schema');
      expect(await idsOf(result.definition)).toEqual(expectedProOver40(users));
    } finally {
      await plain.close();
    }
  });
});
