import { type FakeOpenAi, type FakeOpenAiReply, startFakeOpenAi } from '@connect/testkit/openai';
import { expect, type Page, test } from '@playwright/test';
import pg from 'pg';
import { signIn } from './support/accounts';
import { customerDatabaseUrl, fakeOpenAi } from './support/e2e-services';

// The Magic Query story against a fake OpenAI-compatible model server (started here,
// so each step scripts the model's answer) and the customer PostgreSQL database that
// e2e/serve.ts loads: no model yet, so the prompt box points to Settings; the owner
// sets the model up there and tests it; a prompt in the cohort builder becomes a
// filter in the visual builder, on the table it names, and runs; in the data browser
// a prompt becomes a query in the editor and runs, and both can be edited and run
// again; a model that keeps inventing a field, and a slow one, are explained and
// cancellable.
test.describe.configure({ mode: 'serial' });
// The model is told the browser's time zone.
test.use({ timezoneId: 'Asia/Kolkata' });

const connectionName = 'Magic customers';
const cohortName = 'Pune customers';
let fake: FakeOpenAi;
let connectionId: string;

async function shot(page: Page, name: string) {
  // From the top: a full-page shot of a scrolled page draws the sticky header mid-page.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `test-results/screens/magic-query-${name}.png`, fullPage: true });
}

async function apiCall(page: Page, method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, data?: unknown) {
  const response = await page.request.fetch(path, {
    method,
    headers: { origin: new URL(page.url()).origin },
    ...(data === undefined ? {} : { data }),
  });
  expect(response.ok(), `${method} ${path}: ${await response.text()}`).toBe(true);
  return response.json();
}

/** What the customer database itself says, for the counts the screen must show. */
async function countUsers(where: string): Promise<number> {
  const client = new pg.Client({ connectionString: customerDatabaseUrl });
  await client.connect();
  try {
    return Number((await client.query(`select count(*) as n from users where ${where}`)).rows[0].n);
  } finally {
    await client.end();
  }
}

/** The exact total the row-count bar settles on. */
async function exactTotal(page: Page): Promise<number> {
  const total = page.getByTestId('row-total');
  await expect(total).toHaveAttribute('data-exact', 'true', { timeout: 30_000 });
  return Number((await total.innerText()).replace(/[^\d]/g, ''));
}

/** An answer in the shape the model is asked for (see @connect/magic-query's answer schema). */
function answer(fields: { explanation: string; source?: string | null; filter?: unknown; query?: string }) {
  return {
    json: {
      explanation: fields.explanation,
      kind: fields.query === undefined ? 'filter' : 'query',
      source: fields.source ?? null,
      filter: fields.filter ?? null,
      query: fields.query ?? null,
    },
  } satisfies FakeOpenAiReply;
}

const cityIs = (city: string) => ({
  combinator: 'and',
  not: false,
  rules: [{ field: 'city', operator: '=', value: city }],
});

async function generate(page: Page, prompt: string) {
  await page.getByRole('textbox', { name: 'Magic Query prompt' }).fill(prompt);
  await page.getByRole('button', { name: 'Generate Query' }).click();
}

test.beforeAll(async ({ browser }) => {
  fake = await startFakeOpenAi({ port: fakeOpenAi.port, apiKey: fakeOpenAi.apiKey });
  const page = await browser.newPage();
  await signIn(page);
  const { connection } = (await apiCall(page, 'POST', '/api/connections', {
    kind: 'postgres',
    name: connectionName,
    config: { url: customerDatabaseUrl },
  })) as { connection: { id: string } };
  connectionId = connection.id;
  await page.close();
});

test.afterEach(() => fake.reset());

// What this story made goes again (the cohort, the database, the model settings), so
// the specs after it start from the same workspace.
test.afterAll(async ({ browser }) => {
  const page = await browser.newPage();
  await signIn(page);
  const { cohorts } = (await apiCall(page, 'GET', '/api/cohorts')) as {
    cohorts: { id: string; name: string }[];
  };
  for (const cohort of cohorts.filter((candidate) => candidate.name === cohortName))
    await apiCall(page, 'DELETE', `/api/cohorts/${cohort.id}`);
  if (connectionId) await apiCall(page, 'DELETE', `/api/connections/${connectionId}`);
  await apiCall(page, 'PUT', '/api/settings/llm', { baseUrl: '', model: '', clearApiKey: true });
  await page.close();
  await fake?.close();
});

test('without a model the prompt box says so; the owner sets one up under Settings and tests it', async ({
  page,
}) => {
  await signIn(page);
  await page.goto(`/databases/${connectionId}?source=public.users`);
  await expect(page.getByTestId('row-total')).toBeVisible({ timeout: 20_000 });
  const unconfigured = page.getByTestId('magic-query-unconfigured');
  await expect(unconfigured).toContainText('Magic Query Generator', { timeout: 20_000 });
  await shot(page, '01-no-model');
  await unconfigured.getByRole('link', { name: 'Settings → Magic Query' }).click();
  await expect(page).toHaveURL(/\/settings\/magic-query$/);

  await page.getByRole('textbox', { name: /^Base URL/ }).fill(fake.baseUrl);
  await page.getByRole('textbox', { name: /^Model/ }).fill(fakeOpenAi.model);
  await page.getByLabel(/^API key/).fill(fakeOpenAi.apiKey);
  fake.script({ json: { ok: true } });
  await page.getByRole('button', { name: 'Test', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'The model answered' })).toContainText(
    `${fakeOpenAi.model} answered in`,
  );
  // The key typed into the form went to the model server, not back to the page.
  expect(fake.requests()[0]?.authorization).toBe(`Bearer ${fakeOpenAi.apiKey}`);
  await shot(page, '02-settings-tested');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Magic Query settings saved.')).toBeVisible();
  await page.reload();
  await expect(page.getByLabel(/^API key/)).toHaveValue('');
  expect(await page.content()).not.toContain(fakeOpenAi.apiKey);
});

test('in the cohort builder a prompt becomes a filter in the visual builder, on the table it names, and runs', async ({
  page,
}) => {
  await signIn(page);
  // No table chosen: the prompt is about the whole database, and the answer names the table.
  await page.goto(`/cohorts/new?connectionId=${connectionId}&name=${encodeURIComponent(cohortName)}`);
  fake.script(
    answer({ explanation: 'Users who live in Pune.', source: 'public.users', filter: cityIs('Pune') }),
  );
  await generate(page, 'customers who live in Pune');

  await expect(page.getByTestId('magic-query-explanation')).toContainText('Users who live in Pune.', {
    timeout: 20_000,
  });
  // A searchable select: a combobox by role.
  await expect(page.getByRole('combobox', { name: 'Table or collection', exact: true })).toHaveValue('users');
  const rules = page.locator('.connect-filter > .ruleGroup > .ruleGroup-body > .rule');
  await expect(rules).toHaveCount(1);
  await expect(rules.nth(0).locator('.rule-fields input')).toHaveValue(/^city/);
  await expect(rules.nth(0).getByRole('textbox', { name: 'Value for city' })).toHaveValue('Pune');
  const pune = await countUsers(`city = 'Pune'`);
  expect(pune).toBe(20);
  expect(await exactTotal(page)).toBe(pune);
  await expect(page.getByTestId('cohort-size-value')).toHaveText(String(pune));
  await expect(page.getByText('You have changes that are not applied')).toBeHidden();
  await shot(page, '03-cohort-filter');

  // The model was told the table's fields and the user's time zone, and no customer values.
  const sent = fake.requests()[0]!;
  expect(sent.text).toContain('city');
  expect(sent.text).toContain('Asia/Kolkata');
  expect(sent.text).not.toContain('user1@example.com');

  // The generated filter is the user's to edit and apply again.
  await rules.nth(0).getByRole('textbox', { name: 'Value for city' }).fill('Atlantis');
  await expect(page.getByText('You have changes that are not applied')).toBeVisible();
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByText('No rows match.')).toBeVisible({ timeout: 20_000 });
  expect(await exactTotal(page)).toBe(0);
  await rules.nth(0).getByRole('textbox', { name: 'Value for city' }).fill('Pune');
  await page.getByRole('button', { name: 'Apply' }).click();
  expect(await exactTotal(page)).toBe(pune);

  await page.getByRole('button', { name: 'Save Cohort' }).click();
  await expect(page).toHaveURL(/\/cohorts\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  const { cohort } = (await apiCall(page, 'GET', `/api/cohorts/${page.url().split('/').pop()}`)) as {
    cohort: { definition: { type: string; filter: { rules: { field: string; value: unknown }[] } } };
  };
  expect(cohort.definition.type).toBe('filter');
  expect(cohort.definition.filter.rules).toMatchObject([{ field: 'city', operator: '=', value: 'Pune' }]);
});

test('in the data browser a prompt becomes a query in the editor and runs; the query can be edited and run again', async ({
  page,
}) => {
  await signIn(page);
  await page.goto(`/databases/${connectionId}?source=public.users`);
  await expect(page.getByTestId('row-total')).toBeVisible({ timeout: 20_000 });
  const query = "SELECT id, email, city\nFROM users\nWHERE city = 'Berlin' AND id <= 10\nORDER BY id";
  fake.script(answer({ explanation: 'Berlin users among the first ten.', query }));
  await generate(page, 'the first ten users, Berlin only, as a SQL query');

  await expect(page.getByTestId('magic-query-explanation')).toContainText(
    'Berlin users among the first ten.',
    {
      timeout: 20_000,
    },
  );
  const editor = page.getByTestId('query-editor').locator('.monaco-editor').first();
  await expect(editor).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('query-editor')).toContainText("WHERE city = 'Berlin' AND id <= 10");
  expect(await exactTotal(page)).toBe(await countUsers(`city = 'Berlin' AND id <= 10`));
  await shot(page, '04-browser-query');

  // Edit the generated query in the editor and run it again.
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(query.replace('id <= 10', 'id <= 30'));
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect
    .poll(() => exactTotal(page), { timeout: 20_000 })
    .toBe(await countUsers(`city = 'Berlin' AND id <= 30`));
});

test('a model that keeps inventing a field is explained, and a slow one can be cancelled', async ({
  page,
}) => {
  await signIn(page);
  await page.goto(`/databases/${connectionId}?source=public.users`);
  await expect(page.getByTestId('row-total')).toBeVisible({ timeout: 20_000 });
  const total = await exactTotal(page);

  // An unknown field, twice: the repair round does not save it, and the user is told why.
  const invented = answer({
    explanation: 'Premium users.',
    filter: { combinator: 'and', not: false, rules: [{ field: 'tier', operator: '=', value: 'premium' }] },
  });
  fake.script(invented, invented);
  await generate(page, 'premium customers');
  const failure = page.getByRole('alert').filter({ hasText: 'Magic Query could not answer' });
  await expect(failure).toContainText('did not pass the checks, even after a second try', {
    timeout: 20_000,
  });
  await expect(failure).toContainText('tier');
  expect(fake.requests()).toHaveLength(2);
  // The second request told the model what was wrong.
  expect(fake.requests()[1]!.text).toContain('tier');
  // Nothing changed on screen: every row, no rules.
  expect(await exactTotal(page)).toBe(total);
  await expect(page.locator('.connect-filter .rule')).toHaveCount(0);
  await shot(page, '05-invalid-answer');

  // A model that takes its time: the wait is shown, and Cancel stops it.
  fake.script({ ...answer({ explanation: 'Too late.', filter: cityIs('Pune') }), delayMs: 30_000 });
  await generate(page, 'customers who live in Pune');
  await expect(page.getByTestId('magic-query-progress')).toContainText('Asking the AI model');
  await shot(page, '06-waiting');
  await page.getByTestId('magic-query').getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('magic-query')).toContainText('Cancelled. Nothing was changed.');
  await shot(page, '07-cancelled');
  await expect(page.getByRole('button', { name: 'Generate Query' })).toBeEnabled();
  expect(await exactTotal(page)).toBe(total);
  await expect(page.locator('.connect-filter .rule')).toHaveCount(0);
});
