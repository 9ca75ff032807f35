// `pnpm eval:magic`: asks the configured model (LLM_BASE_URL, LLM_MODEL, LLM_API_KEY
// from .env or the environment) about 30 plain-English prompts over the contract
// fixture, on a throwaway PostgreSQL, MariaDB and MongoDB (test server) database
// each, and prints how many generated definitions select exactly the expected rows.
//
//   pnpm eval:magic                      the configured model
//   pnpm eval:magic --kinds postgres     some kinds only (postgres, mysql, mongodb, snowflake)
//   pnpm eval:magic --only plan-pro,...  some cases only
//   pnpm eval:magic --samples            with sample values (the admin switch) on
//   pnpm eval:magic --fake               plumbing check: the fake server gives the reference
//                                        answers. NOT a model score.
import { type Connector, openConnector } from '@connect/connectors';
import { EnvError, llmEnvShape, parseEnv, type Definition, type LlmCredentials } from '@connect/core';
import {
  connectorHarnesses,
  type ConnectorHarness,
  type CustomerDatabase,
  type FakeOpenAi,
  type FakeOpenAiRequest,
  generateUsers,
  startFakeOpenAi,
} from '@connect/testkit';
import { parseArgs } from 'node:util';
import { generateQuery, isMagicQueryError } from '../src/index';
import { evalCases, type EvalCase } from './eval-cases';

const { values: args } = parseArgs({
  options: {
    fake: { type: 'boolean', default: false },
    samples: { type: 'boolean', default: false },
    kinds: { type: 'string', default: 'postgres,mysql,mongodb' },
    only: { type: 'string' },
  },
});

interface Outcome {
  kase: EvalCase;
  exact: boolean;
  note: string;
}

const log = (text: string) => console.log(`[eval:magic] ${text}`);

/** The model the eval talks to: the configured one, or the fake with the reference answers. */
async function chooseModel(
  cases: EvalCase[],
): Promise<{ model: LlmCredentials; timeoutMs: number; fake?: FakeOpenAi } | null> {
  if (args.fake) {
    const byPrompt = new Map(cases.map((kase) => [kase.prompt, kase]));
    let repairShown = false;
    const fake = await startFakeOpenAi({
      respond: (request: FakeOpenAiRequest) => {
        const prompt = request.messages.find((message) => message.role === 'user')?.content ?? '';
        const kase = byPrompt.get(prompt);
        if (!kase)
          return { status: 400, errorMessage: 'The fake knows no reference answer for this prompt.' };
        // Once, answer with an invented field first, so the repair round is exercised too.
        if (!repairShown && request.messages.length === 2) {
          repairShown = true;
          return {
            json: { explanation: 'x', kind: 'filter', source: null, filter: inventedField(), query: null },
          };
        }
        return {
          json: {
            explanation: `Reference answer for ${kase.id}.`,
            kind: 'filter',
            source: null,
            filter: kase.reference,
            query: null,
          },
        };
      },
    });
    return {
      model: { baseUrl: fake.baseUrl, model: 'fake-reference-answers', apiKey: null },
      timeoutMs: 10_000,
      fake,
    };
  }
  const env = parseEnv(llmEnvShape, process.env);
  if (!env.LLM_BASE_URL || !env.LLM_MODEL) return null;
  return {
    model: { baseUrl: env.LLM_BASE_URL, model: env.LLM_MODEL, apiKey: env.LLM_API_KEY ?? null },
    timeoutMs: env.LLM_TIMEOUT_SECONDS * 1000,
  };
}

/** A filter on a field the fixture does not have: the checks must send it back. */
function inventedField() {
  return { combinator: 'and', not: false, rules: [{ field: 'plan_name', operator: '=', value: 'pro' }] };
}

async function selectedIds(
  connector: Connector,
  db: CustomerDatabase,
  source: { ref: unknown } | null,
  definition: Definition,
) {
  const ids: number[] = [];
  for await (const batch of connector.stream({
    source: (source?.ref as CustomerDatabase['usersSource'] | undefined) ?? db.usersSource,
    definition,
  })) {
    for (const row of batch) {
      if (!('id' in row)) throw new Error('the result has no id column');
      ids.push(Number(row.id));
    }
  }
  return ids.sort((a, b) => a - b);
}

async function evaluateKind(
  harness: ConnectorHarness,
  cases: EvalCase[],
  model: LlmCredentials,
  timeoutMs: number,
): Promise<Outcome[]> {
  const anchor = new Date();
  const db = await harness.create({ anchor });
  const connector = openConnector(harness.kind, db.config);
  const outcomes: Outcome[] = [];
  try {
    for (const kase of cases) {
      const started = performance.now();
      try {
        const result = await generateQuery({
          prompt: kase.prompt,
          connector,
          source: db.usersSource,
          model,
          timeoutMs,
          sendSampleValues: args.samples,
          timeZone: 'UTC',
        });
        const ids = await selectedIds(connector, db, result.source, result.definition);
        const now = new Date();
        const expected = db.users.filter((user) => kase.matches(user, now)).map((user) => user.id);
        const missing = expected.filter((id) => !ids.includes(id)).length;
        const extra = ids.filter((id) => !expected.includes(id)).length;
        const exact = missing === 0 && extra === 0;
        const how = `${result.definition.type}${result.attempts > 1 ? ', repaired' : ''}`;
        outcomes.push({
          kase,
          exact,
          note: exact
            ? `${ids.length} rows (${how})`
            : `${ids.length} rows, expected ${expected.length}: ${missing} missing, ${extra} extra (${how}) ${JSON.stringify(result.definition).slice(0, 300)}`,
        });
      } catch (error) {
        const reason = isMagicQueryError(error) ? error.reason : 'error';
        outcomes.push({
          kase,
          exact: false,
          note: `${reason}: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
      const last = outcomes.at(-1)!;
      log(
        `${harness.label} ${last.exact ? 'ok  ' : 'FAIL'} ${kase.id} (${Math.round(performance.now() - started)} ms) ${last.note}`,
      );
    }
  } finally {
    await connector.close();
    await db.drop();
  }
  return outcomes;
}

async function main(): Promise<void> {
  const fixture = generateUsers({ anchor: new Date() });
  const only = args.only?.split(',').map((id) => id.trim());
  const cases = evalCases(fixture).filter((kase) => !only || only.includes(kase.id));
  const chosen = await chooseModel(cases);
  if (!chosen) {
    log('No model is configured, so there is nothing to evaluate.');
    log(
      'Set LLM_BASE_URL and LLM_MODEL (and LLM_API_KEY if the server needs one) in .env or the environment,',
    );
    log('or run `pnpm eval:magic --fake` to check the plumbing against the fake server (not a model score).');
    return;
  }
  const kinds = args.kinds.split(',').map((kind) => kind.trim());
  const harnesses = connectorHarnesses.filter((harness) => kinds.includes(harness.kind));
  log(
    args.fake
      ? 'PLUMBING CHECK against the fake OpenAI-compatible server, which returns the reference answers. This is NOT a model score.'
      : `Model ${chosen.model.model} at ${new URL(chosen.model.baseUrl).host}; sample values ${args.samples ? 'on' : 'off'}.`,
  );
  log(
    `${cases.length} prompts over the contract fixture (${fixture.length} users) on: ${harnesses.map((h) => h.label).join(', ')}`,
  );

  const results: { label: string; outcomes: Outcome[] }[] = [];
  try {
    for (const harness of harnesses) {
      results.push({
        label: harness.label,
        outcomes: await evaluateKind(harness, cases, chosen.model, chosen.timeoutMs),
      });
    }
  } finally {
    await chosen.fake?.close();
  }

  log('');
  log(
    args.fake
      ? 'Plumbing check (fake server, reference answers; not a model score):'
      : `Score of ${chosen.model.model}:`,
  );
  for (const { label, outcomes } of results) {
    const exact = outcomes.filter((outcome) => outcome.exact).length;
    log(`  ${label.padEnd(28)} ${String(exact).padStart(2)}/${outcomes.length} exactly the expected rows`);
  }
  const failed = results.flatMap(({ label, outcomes }) =>
    outcomes
      .filter((outcome) => !outcome.exact)
      .map((outcome) => `  ${label}: ${outcome.kase.id}: ${outcome.note}`),
  );
  if (failed.length > 0) {
    log('Not exact:');
    for (const line of failed) log(line);
  }
  const total = results.reduce((sum, { outcomes }) => sum + outcomes.length, 0);
  const exactTotal = results.reduce(
    (sum, { outcomes }) => sum + outcomes.filter((outcome) => outcome.exact).length,
    0,
  );
  console.log(
    `magic_eval ${args.fake ? 'mode=plumbing-fake' : `model=${chosen.model.model}`} exact=${exactTotal} total=${total}`,
  );
  // A model's score is a measurement; only the plumbing check must be perfect.
  if (args.fake && exactTotal !== total) process.exitCode = 1;
}

try {
  await main();
} catch (error) {
  console.error(error instanceof EnvError ? error.message : error);
  process.exitCode = 1;
}
