import { expect, type Page, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { dataDir, installFacts, siteUrl } from './production-install';

// One story through Caddy, in order, on a fresh installation made by start.sh.
test.describe.configure({ mode: 'serial' });

const owner = {
  name: 'Priya Production',
  email: 'priya@example.com',
  password: 'a long production password',
};

/** Calls the API from the signed-in page, as the app's own screens do (cookie, Origin). */
async function api<T>(
  page: Page,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: T }> {
  return page.evaluate(
    async ([method, path, body]) => {
      const response = await fetch(path, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, json: await response.json() };
    },
    [method, path, body] as const,
  );
}

async function signIn(page: Page) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(owner.email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(owner.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
}

const logLines = (file: string) =>
  readFileSync(`${dataDir}/logs/${file}`, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

test('Caddy serves Connect compressed, with security headers and without naming itself', async ({
  request,
}) => {
  const page = await request.get('/setup', { headers: { 'accept-encoding': 'gzip, zstd' } });
  expect(page.status()).toBe(200);
  expect(page.headers()['content-encoding']).toMatch(/^(gzip|zstd)$/);
  expect(page.headers()['strict-transport-security']).toBe('max-age=31536000');
  expect(page.headers()['x-content-type-options']).toBe('nosniff');
  expect(page.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(page.headers().server).toBeUndefined();

  const health = await request.get('/api/health');
  expect(await health.json()).toMatchObject({
    status: 'ok',
    checks: { database: { ok: true }, redis: { ok: true }, worker: { ok: true, workers: 1 } },
  });
});

test('first-run setup and sign-in work through Caddy', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(`${siteUrl}/setup`);
  await page.getByLabel('Your name').fill(owner.name);
  await page.getByLabel('Email').fill(owner.email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(owner.password);
  await page.getByLabel('Confirm password').fill(owner.password);
  await page.getByRole('button', { name: 'Create owner account' }).click();
  await expect(page).toHaveURL(/\/databases$/);
  await expect(page.getByRole('banner')).toContainText(owner.name);

  await page.getByTestId('account-menu').click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await signIn(page);
  await page.screenshot({ path: 'test-results/screens/production-signed-in.png', fullPage: true });
});

test('add a database, save a cohort, trigger a campaign: Fyno gets the cohort', async ({ page }) => {
  const facts = installFacts();
  await signIn(page);

  // The event catalog, through its screen.
  await page.goto('/settings/events');
  await page.getByRole('button', { name: 'Add event' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add event' });
  await dialog.getByLabel('Notification event name').fill('welcome');
  await dialog.getByLabel('Email').check();
  await dialog.getByLabel('Placeholders').fill('first_name');
  await dialog.getByLabel('Placeholders').press('Enter');
  await dialog.getByRole('button', { name: 'Add event' }).click();
  await expect(page.getByTestId('event-row-welcome')).toContainText('Email');

  // Add a database: the connection is tested for real before it is saved.
  const added = await api<{ connection: { id: string } }>(page, 'POST', '/api/connections', {
    kind: 'postgres',
    name: 'Customers',
    config: { url: facts.customerUrl },
  });
  expect(added.status).toBe(201);
  const connectionId = added.json.connection.id;

  // Save a cohort: the pro-plan users (the filter runs in the customer's database).
  const saved = await api<{ cohort: { id: string; lastCount: number } }>(page, 'POST', '/api/cohorts', {
    name: 'Pro users',
    connectionId,
    source: { schema: 'public', name: 'users' },
    definition: {
      type: 'filter',
      filter: { combinator: 'and', rules: [{ field: 'plan', operator: '=', value: 'pro' }] },
    },
  });
  expect(saved.status).toBe(201);
  expect(saved.json.cohort.lastCount).toBe(2);

  // Trigger the campaign: a test event first, then the run, sent by the worker.
  const created = await api<{ saved: boolean; run: { id: string } }>(page, 'POST', '/api/campaigns', {
    name: 'Welcome pros',
    type: 'Onboarding',
    cohortId: saved.json.cohort.id,
    mapping: {
      eventName: 'welcome',
      to: { email: 'email' },
      data: { first_name: { kind: 'column', column: 'first_name' } },
    },
    testTrigger: { channel: 'email', destination: 'tester@example.com' },
    startNow: true,
  });
  expect(created.status).toBe(201);
  expect(created.json.saved).toBe(true);

  await expect
    .poll(
      async () =>
        (await api<{ run: { status: string } }>(page, 'GET', `/api/runs/${created.json.run.id}`)).json.run
          .status,
      {
        timeout: 60_000,
      },
    )
    .toBe('completed');
  const { json: detail } = await api<{ run: { sent: number; failed: number } }>(
    page,
    'GET',
    `/api/runs/${created.json.run.id}`,
  );
  expect(detail.run).toMatchObject({ sent: 2, failed: 0 });

  const received = (await (await fetch(`${facts.fynoOrigin}/__fake/received?event=welcome`)).json()) as {
    items: { to: { email: string }; data: { first_name: string } }[];
  };
  expect(received.items.map((item) => [item.to.email, item.data.first_name]).sort()).toEqual([
    ['ana@example.com', 'Ana'],
    ['cleo@example.com', 'Cleo'],
    ['tester@example.com', 'Ana'],
  ]);

  for (const [path, heading] of [
    ['/databases', 'Databases'],
    ['/cohorts', 'Cohorts'],
    ['/campaigns', 'Campaigns'],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await page.screenshot({
      path: `test-results/screens/production${path.replace('/', '-')}.png`,
      fullPage: true,
    });
  }
});

test('each request has one id, in the reply, the app log and Caddy’s access log; cookies are not logged', async ({
  page,
}) => {
  await signIn(page);
  const cookie = (await page.context().cookies()).find((c) => c.name === 'connect_session')!;
  const response = await page.request.get('/api/auth/session');
  const requestId = response.headers()['x-request-id']!;
  expect(requestId).toMatch(/^[0-9a-f-]{36}$/);

  await expect
    .poll(() => logLines('web.log').find((line) => line.requestId === requestId))
    .toMatchObject({
      service: 'web',
      msg: 'request',
      path: '/api/auth/session',
      status: 200,
    });
  await expect
    .poll(() =>
      logLines('caddy.log').find(
        (line) => JSON.stringify(line).includes(requestId) && line.msg === 'handled request',
      ),
    )
    .toBeDefined();
  expect(readFileSync(`${dataDir}/logs/caddy.log`, 'utf8')).not.toContain(cookie.value);
  expect(readFileSync(`${dataDir}/logs/web.log`, 'utf8')).not.toContain(cookie.value);
});

test('/metrics answers Prometheus through Caddy with the token only', async ({ request }) => {
  const { metricsToken } = installFacts();
  expect((await request.get('/metrics')).status()).toBe(401);
  const response = await request.get('/metrics', { headers: { authorization: `Bearer ${metricsToken}` } });
  expect(response.status()).toBe(200);
  const text = await response.text();
  expect(text).toMatch(/^connect_campaign_runs\{status="completed"\} 1$/m);
  expect(text).toMatch(/^connect_campaign_recipients\{status="sent"\} 2$/m);
  expect(text).toMatch(/^connect_workers 1$/m);
  expect(text).toMatch(
    /^connect_http_request_duration_seconds_count\{method="POST",route="\/api\/campaigns",status="201"\} 1$/m,
  );
});
