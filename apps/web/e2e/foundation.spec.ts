import { expect, type Page, test } from '@playwright/test';
import { fillSignIn, owner, signIn } from './support/accounts';

// One story, in order, as a new installation lives it.
test.describe.configure({ mode: 'serial' });

const viewer = { name: 'Victor Viewer', email: 'victor@example.com', password: 'a long viewer password' };

async function signOut(page: Page) {
  await page.getByTestId('account-menu').click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}

test('a new installation opens at first-run setup and creates the owner', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole('heading', { name: 'Welcome to Connect' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/01-setup.png', fullPage: true });

  await page.getByLabel('Your name').fill(owner.name);
  await page.getByLabel('Email').fill(owner.email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill('too short');
  await page.getByLabel('Confirm password').fill('different');
  await page.getByRole('button', { name: 'Create owner account' }).click();
  await expect(page.getByText('Use at least 10 characters')).toBeVisible();
  await expect(page.getByText('The passwords do not match')).toBeVisible();

  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(owner.password);
  await page.getByLabel('Confirm password').fill(owner.password);
  await page.getByRole('button', { name: 'Create owner account' }).click();

  await expect(page).toHaveURL(/\/databases$/);
  await expect(page.getByRole('banner')).toContainText(owner.name);
  await expect(page.getByRole('banner')).toContainText('Owner');
});

test('the setup page is closed once an owner exists', async ({ page }) => {
  await page.goto('/setup');
  await expect(page).toHaveURL(/\/sign-in$/);
});

test('the owner signs in and visits every section', async ({ page }) => {
  await fillSignIn(page, owner.email, 'not the password');
  await expect(page.getByRole('alert').filter({ hasText: 'incorrect' })).toHaveText(
    'Email or password is incorrect.',
  );

  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(owner.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/databases$/);

  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const [section, heading, empty] of [
    ['Databases', 'Databases', 'No databases connected yet'],
    ['Cohorts', 'Cohorts', 'No cohorts yet'],
    ['Campaigns', 'Campaigns', 'No campaigns yet'],
  ] as const) {
    await nav.getByRole('link', { name: section }).click();
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expect(page.getByText(empty)).toBeVisible();
    await page.screenshot({ path: `test-results/screens/02-${section.toLowerCase()}.png`, fullPage: true });
  }

  await nav.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  for (const tab of ['Fyno Cloud', 'Users', 'Audit log', 'Your account']) {
    await expect(page.getByRole('tab', { name: tab })).toBeVisible();
  }
});

test('the owner saves Fyno settings; the API key is never shown again', async ({ page }) => {
  await signIn(page, owner.email, owner.password);
  await page.goto('/settings');
  await page.getByLabel(/Workspace ID/).fill('FY7788AA');
  await page.getByLabel(/API key/).fill('secret-fyno-key-e2e');
  await page.getByText('Test', { exact: true }).click();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Fyno settings saved.')).toBeVisible();

  await page.reload();
  await expect(page.getByLabel(/Workspace ID/)).toHaveValue('FY7788AA');
  await expect(page.getByLabel(/API key/)).toHaveValue('');
  await expect(page.getByText('A key is set. It is never shown again')).toBeVisible();
  expect(await page.content()).not.toContain('secret-fyno-key-e2e');
  const api = await page.request.get('/api/settings/fyno');
  expect(await api.text()).not.toContain('secret-fyno-key-e2e');
  await page.screenshot({ path: 'test-results/screens/03-settings-fyno.png', fullPage: true });
});

test('the owner adds a viewer, who can look but not change', async ({ page }) => {
  await signIn(page, owner.email, owner.password);
  await page.goto('/settings/users');
  await page.getByRole('button', { name: 'Add user' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add user' });
  await dialog.getByLabel('Name').fill(viewer.name);
  await dialog.getByLabel('Email').fill(viewer.email);
  await dialog.getByRole('combobox', { name: 'Role' }).click();
  await page.getByRole('option', { name: /^Viewer/ }).click();
  await dialog.getByLabel('First password').fill(viewer.password);
  await dialog.getByRole('button', { name: 'Add user' }).click();
  await expect(page.getByTestId(`user-row-${viewer.email}`)).toContainText('Active');
  await page.screenshot({ path: 'test-results/screens/04-users.png', fullPage: true });

  await page.goto('/settings/audit-log');
  await expect(page.getByText('user.created')).toBeVisible();
  await expect(page.getByText('settings.fyno_updated')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/05-audit-log.png', fullPage: true });
  await signOut(page);

  await signIn(page, viewer.email, viewer.password);
  await expect(page).toHaveURL(/\/databases$/);
  await expect(page.getByRole('banner')).toContainText('Viewer');
  await page.goto('/settings');
  await expect(page.getByText('Only a workspace owner can change these settings.')).toBeVisible();
  await expect(page.getByLabel(/Workspace ID/)).toBeDisabled();
  await expect(page.getByRole('tab', { name: 'Users' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Save' })).toHaveCount(0);
  // The server refuses even when the browser is made to ask.
  const forced = await page.request.put('/api/settings/fyno', {
    data: { workspaceId: 'FYHACKED' },
    headers: { origin: new URL(page.url()).origin },
  });
  expect(forced.status()).toBe(403);
  await page.goto('/settings/users');
  await expect(page.getByText('Only a workspace owner can see and manage users.')).toBeVisible();
});

test('a user changes their own password', async ({ page }) => {
  await signIn(page, viewer.email, viewer.password);
  await page.goto('/settings/account');
  await page.getByLabel('Current password').fill(viewer.password);
  await page.getByRole('textbox', { name: 'New password', exact: true }).fill('a brand new viewer password');
  await page.getByLabel('Confirm new password').fill('a brand new viewer password');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText(/^Password changed\./)).toBeVisible();
  await signOut(page);

  await signIn(page, viewer.email, 'a brand new viewer password');
  await expect(page).toHaveURL(/\/databases$/);
});

test('signing out ends the session; pages then ask to sign in', async ({ page }) => {
  await signIn(page, owner.email, owner.password);
  await expect(page).toHaveURL(/\/databases$/);
  await signOut(page);
  await page.goto('/campaigns');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fcampaigns$/);
  await page.getByLabel('Email').fill(owner.email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(owner.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/campaigns$/);
});

test('pages carry the security headers and load nothing from other sites', async ({ page }) => {
  const outside: string[] = [];
  page.on('request', (request) => {
    if (
      !request.url().startsWith(new URL(page.url() || 'http://localhost').origin) &&
      !request.url().startsWith('http://localhost')
    ) {
      outside.push(request.url());
    }
  });
  const response = await page.goto('/sign-in');
  const headers = response!.headers();
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['content-security-policy']).toMatch(/script-src 'self' 'nonce-[^']+'/);
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  await signIn(page, owner.email, owner.password);
  await expect(page).toHaveURL(/\/databases$/);
  expect(outside).toEqual([]);
});
