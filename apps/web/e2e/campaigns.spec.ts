import { expect, type Page, test } from '@playwright/test';
import { signIn } from './support/accounts';
import { customerDatabaseUrl, e2ePort, fakeFyno } from './support/e2e-services';

// The campaign story against the fake Fyno and a customer PostgreSQL database that
// e2e/serve.ts starts: a cohort becomes a campaign through "Save and Create Campaign",
// "Trigger Campaign" sends a test event and then the whole cohort; a recurring
// campaign shows its next run times; a wrong API key creates nothing.
test.describe.configure({ mode: 'serial' });
// The wizard's time zone defaults to the browser's.
test.use({ timezoneId: 'Asia/Kolkata' });

const appOrigin = `http://localhost:${e2ePort}`;
const cohortName = 'Spring customers';
const testAddress = 'tester@example.com';

interface Received {
  event: string;
  to: Record<string, string>;
  data: Record<string, unknown>;
  requestId: string;
}

async function received(event: string): Promise<Received[]> {
  const reply = await fetch(`${fakeFyno.origin}/__fake/received?event=${event}&limit=10000`);
  return ((await reply.json()) as { items: Received[] }).items;
}

async function apiCall(page: Page, method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, data?: unknown) {
  const response = await page.request.fetch(path, {
    method,
    headers: { origin: appOrigin },
    ...(data === undefined ? {} : { data }),
  });
  expect(response.ok(), `${method} ${path}: ${await response.text()}`).toBe(true);
  return response.json();
}

async function chooseOption(page: Page, label: string | RegExp, option: string | RegExp) {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option }).click();
}

/** Step 1 of the wizard. */
async function fillBasics(page: Page, name: string, type: string, chooseCohort: boolean) {
  await page.getByRole('textbox', { name: /^Name/ }).fill(name);
  await chooseOption(page, 'Campaign Type', type);
  if (chooseCohort) await chooseOption(page, 'Select Cohort', new RegExp(`^${cohortName}`));
  await page.getByRole('button', { name: 'Next', exact: true }).click();
}

/** Step 2's event, "To" and "Data". */
async function fillEventMapping(page: Page) {
  await chooseOption(page, 'Notification Event Name', /^spring_sale/);
  await chooseOption(page, 'Email', 'email');
  // first_name is taken from the column of the same name by itself.
  await expect(page.getByRole('combobox', { name: 'Column for first_name' })).toHaveValue('first_name');
  const discount = page.getByTestId('data-discount');
  await discount.getByText('Fixed text').click();
  await discount.getByRole('textbox', { name: 'Text for discount' }).fill('20%');
}

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  await signIn(page);
  await apiCall(page, 'POST', '/api/event-catalog', {
    name: 'spring_sale',
    description: 'Spring sale offer',
    channels: ['email', 'sms'],
    placeholders: ['first_name', 'discount'],
  });
  await apiCall(page, 'POST', '/api/connections', {
    kind: 'postgres',
    name: 'Customers',
    config: { url: customerDatabaseUrl },
  });
  await page.close();
});

// What this story made goes again, so the specs after it start from the same empty workspace.
test.afterAll(async ({ browser }) => {
  const page = await browser.newPage();
  await signIn(page);
  const { campaigns } = (await apiCall(page, 'GET', '/api/campaigns')) as { campaigns: { id: string }[] };
  for (const campaign of campaigns) await apiCall(page, 'DELETE', `/api/campaigns/${campaign.id}`);
  const { cohorts } = (await apiCall(page, 'GET', '/api/cohorts')) as { cohorts: { id: string }[] };
  for (const cohort of cohorts) await apiCall(page, 'DELETE', `/api/cohorts/${cohort.id}`);
  const { connections } = (await apiCall(page, 'GET', '/api/connections')) as {
    connections: { id: string }[];
  };
  for (const connection of connections) await apiCall(page, 'DELETE', `/api/connections/${connection.id}`);
  const { events } = (await apiCall(page, 'GET', '/api/event-catalog')) as { events: { id: string }[] };
  for (const event of events) await apiCall(page, 'DELETE', `/api/event-catalog/${event.id}`);
  await page.close();
});

test('a cohort is saved and created as a campaign; Trigger Campaign sends the test, then the run reaches 100%', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page);
  const { connections } = (await apiCall(page, 'GET', '/api/connections')) as {
    connections: { id: string; name: string }[];
  };
  const connection = connections.find((candidate) => candidate.name === 'Customers')!;

  // The cohort: every user of the table, saved with "Save and Create Campaign".
  await page.goto(
    `/cohorts/new?connectionId=${connection.id}&name=${encodeURIComponent(cohortName)}&source=public.users`,
  );
  await expect(page.getByText('user1@example.com').first()).toBeVisible({ timeout: 20_000 });
  await page.getByRole('button', { name: 'More save options' }).click();
  await page.getByRole('menuitem', { name: 'Save and Create Campaign' }).click();
  await expect(page).toHaveURL(/\/campaigns\/new\?cohortId=/);

  // Step 1: the cohort is already chosen.
  await expect(page.getByRole('combobox', { name: 'Select Cohort' })).toHaveValue(
    new RegExp(`^${cohortName}`),
  );
  await page.screenshot({ path: 'test-results/screens/campaigns-01-wizard-step1.png', fullPage: true });
  await fillBasics(page, 'Spring sale', 'Promotional', false);

  // Step 2: event, one time now (the default), To and Data.
  await fillEventMapping(page);
  await expect(page.getByTestId('to-email-valid')).toHaveText(
    '38 of the first 40 rows have a valid email destination (that is the whole cohort).',
  );
  await expect(page.getByTestId('to-email')).toContainText('user1@example.com');
  await page.screenshot({ path: 'test-results/screens/campaigns-02-wizard-step2.png', fullPage: true });
  await page.getByRole('button', { name: 'Next Step' }).click();

  // Step 3: the dry run counts without sending; the test goes to our own address.
  await expect(page.getByTestId('dry-run-summary')).toHaveText(
    'Would send 36, 2 invalid, 2 duplicates (of 40 rows).',
    { timeout: 20_000 },
  );
  expect(await received('spring_sale')).toEqual([]);
  await page.getByRole('textbox', { name: 'To' }).fill(testAddress);
  await page.screenshot({ path: 'test-results/screens/campaigns-03-wizard-step3.png', fullPage: true });
  await page.getByRole('button', { name: 'Trigger Campaign' }).click();

  // The run page: live progress until every recipient is done.
  await expect(page).toHaveURL(/\/campaigns\/[0-9a-f-]+\/runs\/[0-9a-f-]+$/);
  await expect(page.getByTestId('run-progress')).toHaveAttribute('data-percent', '100', { timeout: 60_000 });
  await expect(page.getByText('Completed').first()).toBeVisible({ timeout: 20_000 });

  const events = await received('spring_sale');
  const tests = events.filter((item) => item.to.email === testAddress);
  const sends = events.filter((item) => item.to.email !== testAddress);
  expect(tests).toHaveLength(1);
  expect(tests[0]!.data).toEqual({ first_name: 'Name1', discount: '20%' });
  expect(sends).toHaveLength(36);
  expect(new Set(sends.map((item) => item.to.email)).size).toBe(36);
  await expect(page.getByTestId('count-sent')).toContainText(String(sends.length));
  await expect(page.getByTestId('count-failed')).toContainText('0');
  await expect(page.getByTestId('count-invalid')).toContainText('2');
  await expect(page.getByTestId('count-duplicates')).toContainText('2');
  await expect(page.getByTestId('count-recipients')).toContainText('36');
  // The log lists the rows that were left out, with their reasons.
  const failures = page.getByTestId('failures-table');
  await expect(failures).toContainText('invalid email');
  await expect(failures).toContainText('email: not-an-email');
  await expect(failures).toContainText('duplicate of row 1');
  await page.screenshot({ path: 'test-results/screens/campaigns-04-run.png', fullPage: true });

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const csv = await (
    await download
  )
    .path()
    .then((path) => import('node:fs').then((fs) => fs.readFileSync(path, 'utf8')));
  expect(csv.split(/\r?\n/).filter(Boolean)).toHaveLength(1 + 4);
  expect(csv).toContain('row,status,recipient,reason,rejected_values,attempts,fyno_request_id,payload');
  // An invalid row keeps the value it refused.
  expect(csv).toContain('invalid email,email: not-an-email,');

  // The campaign page: its run in the table and the chart.
  await page.getByRole('link', { name: 'Spring sale' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Spring sale' })).toBeVisible();
  await expect(page.getByTestId('runs-table').getByRole('row')).toHaveCount(2);
  await expect(page.getByTestId('runs-table')).toContainText('Completed');
  await expect(page.getByTestId('schedule-words')).toHaveText('One time, sent when started');
  await expect(page.locator('.recharts-surface').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/campaigns-05-campaign.png', fullPage: true });

  // Run now asks first, saying how many people and what this campaign already sent.
  await page.getByRole('button', { name: 'Run now' }).click();
  const confirm = page.getByRole('dialog');
  await expect(confirm).toContainText('This campaign already sent to 36 people on');
  await expect(confirm).toContainText(
    'Spring customers holds 40 people now; everyone with a valid address gets the notification once.',
  );
  await expect(confirm.getByRole('button', { name: 'Send to 40 people' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/campaigns-06-run-now-confirm.png', fullPage: true });
  await confirm.getByRole('button', { name: 'Not now' }).click();
  await expect(page.getByTestId('runs-table').getByRole('row')).toHaveCount(2);
  expect((await received('spring_sale')).length).toBe(events.length);
});

test('a recurring campaign shows its next five run times in the wizard and on its page', async ({ page }) => {
  await signIn(page);
  await page.goto('/campaigns');
  await page.getByRole('link', { name: 'Create' }).click();
  await fillBasics(page, 'Weekly digest', 'Engagement', true);
  await fillEventMapping(page);

  await page.getByText('Recurring', { exact: true }).click();
  await page.getByText('Week', { exact: true }).click();
  // The browser's time zone is the default.
  await expect(page.getByRole('combobox', { name: 'Time zone' })).toHaveValue('Asia/Kolkata');
  await page.getByLabel('Chosen days').check();
  // No day chosen yet: that is not "every day", the preview waits for a day.
  await expect(page.getByText('Complete the schedule to see its next run times.')).toBeVisible();
  await page.getByText('Monday', { exact: true }).click();
  await page.getByText('Friday', { exact: true }).click();
  await page.getByRole('button', { name: 'Remove 09:00' }).click();
  for (const time of ['16:00', '13:00']) {
    await page.getByLabel('Time to add').fill(time);
    await page.getByRole('button', { name: 'Add time' }).click();
  }
  // 1 January 2030 is a Tuesday: the first runs are that Friday and the next Monday.
  await page.getByLabel('Start date').fill('2030-01-01');
  await page.getByLabel('After a number of runs').check();
  await page.getByRole('textbox', { name: 'Number of runs' }).fill('10');

  const expected = [
    'Fri, 4 Jan 2030, 13:00',
    'Fri, 4 Jan 2030, 16:00',
    'Mon, 7 Jan 2030, 13:00',
    'Mon, 7 Jan 2030, 16:00',
    'Fri, 11 Jan 2030, 13:00',
  ];
  const preview = page.getByTestId('next-runs');
  await expect(preview).toContainText(
    'Every Monday and Friday at 13:00 and 16:00, Asia/Kolkata, starting 1 Jan 2030, ending after 10 runs',
  );
  await expect(preview.getByRole('listitem')).toHaveText(expected);
  await page.screenshot({ path: 'test-results/screens/campaigns-06-recurring-wizard.png', fullPage: true });

  // Changing the time zone moves the preview with it.
  await chooseOption(page, 'Time zone', 'Europe/Berlin');
  await expect(preview).toContainText('Europe/Berlin');
  await expect(preview.getByRole('listitem').first()).toContainText('Fri, 4 Jan 2030, 13:00');
  await expect(preview.getByRole('listitem').first()).toContainText('(Fri, 4 Jan 2030, 17:30)');
  await chooseOption(page, 'Time zone', 'Asia/Kolkata');

  await page.getByRole('button', { name: 'Next Step' }).click();
  await page.getByRole('textbox', { name: 'To' }).fill(testAddress);
  await page.getByRole('button', { name: 'Trigger Campaign' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Weekly digest' })).toBeVisible();
  await expect(page.getByTestId('schedule-words')).toHaveText(
    'Every Monday and Friday at 13:00 and 16:00, Asia/Kolkata, starting 1 Jan 2030, ending after 10 runs (0 done)',
  );
  await expect(page.getByTestId('next-runs').getByRole('listitem')).toHaveText(expected);
  await page.screenshot({ path: 'test-results/screens/campaigns-07-recurring-campaign.png', fullPage: true });

  await page.goto('/campaigns');
  const row = page.getByTestId('campaign-row-Weekly digest');
  await expect(row).toContainText(
    'Every Monday and Friday at 13:00 and 16:00, Asia/Kolkata, starting 1 Jan 2030, ending after 10 runs (0 done)',
  );
  await expect(row).toContainText('Fri, 4 Jan 2030, 13:00');
  await expect(page.getByTestId('campaign-row-Spring sale')).toContainText('Completed');
  await page.screenshot({ path: 'test-results/screens/campaigns-08-list.png', fullPage: true });
});

test('the recurring preview says why a daylight-saving change moves a run', async ({ page }) => {
  await signIn(page);
  await page.goto('/campaigns/new');
  await fillBasics(page, 'Santiago nightly', 'Engagement', true);
  await fillEventMapping(page);

  await page.getByText('Recurring', { exact: true }).click();
  await page.getByRole('button', { name: 'Remove 09:00' }).click();
  await page.getByLabel('Time to add').fill('00:30');
  await page.getByRole('button', { name: 'Add time' }).click();
  await chooseOption(page, 'Time zone', 'America/Santiago');
  // 8 Sep 2030: clocks in Santiago jump from 00:00 to 01:00, so that day's 00:30 runs at 01:00.
  await page.getByLabel('Start date').fill('2030-09-06');

  const preview = page.getByTestId('next-runs');
  await expect(preview).toContainText('Every day at 00:30, America/Santiago, starting 6 Sep 2030');
  await expect(preview.getByRole('listitem')).toHaveCount(5);
  await expect(preview.getByRole('listitem').nth(2)).toContainText('Sun, 8 Sept 2030, 01:00'); // Chromium's en-GB month
  await expect(preview.getByTestId('run-note')).toHaveText(
    '— 00:30 does not exist on 8 Sep 2030 (clocks move forward); runs at 01:00',
  );
  await preview.screenshot({ path: 'test-results/screens/campaigns-10-dst-note.png' });
});

test('the owner sets a default phone country; the To step offers it first', async ({ page }) => {
  await signIn(page);
  await page.goto('/settings/phone-numbers');
  await expect(page.getByText(/In force now:/)).toContainText('no default country');
  await page.getByRole('combobox', { name: /Default country/ }).fill('India');
  await page.getByRole('option', { name: /^India/ }).click();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Phone number settings saved.')).toBeVisible();
  await expect(page.getByText(/In force now:/)).toContainText('India (+91)');
  await page.screenshot({ path: 'test-results/screens/campaigns-11-phone-settings.png', fullPage: true });

  try {
    await page.goto('/campaigns/new');
    await fillBasics(page, 'Indian numbers', 'Engagement', true);
    await chooseOption(page, 'Notification Event Name', /^spring_sale/);
    const country = page.getByRole('combobox', { name: 'Phone numbers without a country code' });
    await expect(country).toHaveValue('Workspace default (India)');
    await expect(page.getByText('Numbers such as 9876500001 are read in this country.')).toBeVisible();
  } finally {
    await apiCall(page, 'PUT', '/api/settings/phone', { defaultCountry: '' });
  }
});

test('with a wrong API key, Trigger Campaign shows Fyno’s refusal and creates nothing', async ({ page }) => {
  await signIn(page);
  await page.goto('/settings');
  await page.getByLabel(/API key/).fill('a-wrong-key');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Fyno settings saved.')).toBeVisible();

  try {
    await page.goto('/campaigns/new');
    await fillBasics(page, 'Never created', 'Retention', true);
    await fillEventMapping(page);
    await page.getByRole('button', { name: 'Next Step' }).click();
    await page.getByRole('textbox', { name: 'To' }).fill('refused@example.com');
    await page.getByRole('button', { name: 'Trigger Campaign' }).click();

    const refusal = page.getByTestId('trigger-refused');
    await expect(refusal).toContainText('Fyno refused the test event; nothing was created');
    await expect(refusal).toContainText('Fyno rejected the API key or workspace ID. Check them in Settings');
    await expect(page).toHaveURL(/\/campaigns\/new$/);
    await page.screenshot({ path: 'test-results/screens/campaigns-09-refused.png', fullPage: true });

    const { campaigns } = (await apiCall(page, 'GET', '/api/campaigns')) as { campaigns: { name: string }[] };
    expect(campaigns.map((campaign) => campaign.name)).not.toContain('Never created');
    expect((await received('spring_sale')).filter((item) => item.to.email === 'refused@example.com')).toEqual(
      [],
    );
  } finally {
    await page.goto('/settings');
    await page.getByLabel(/API key/).fill(fakeFyno.apiKey);
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Fyno settings saved.')).toBeVisible();
  }
});
