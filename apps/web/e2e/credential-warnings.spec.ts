import { createPostgresCustomerDatabase, type CustomerDatabase } from '@connect/testkit';
import { expect, type Page, test } from '@playwright/test';
import { signIn } from './support/accounts';

// A database added with a superuser: Connect connects (a warning, not a refusal), the
// list shows why on hover, and the database's page says how to create a read-only user,
// with the names of this database filled in and a button to copy it.

const name = 'Warehouse (superuser)';

async function apiCall(page: Page, method: 'GET' | 'DELETE', path: string) {
  const response = await page.request.fetch(path, {
    method,
    headers: { origin: new URL(page.url()).origin },
  });
  return (await response.json().catch(() => ({}))) as Record<string, unknown>;
}

test.describe('credential warnings', () => {
  test.describe.configure({ mode: 'serial' });
  let customer: CustomerDatabase;
  const shot = (page: Page, file: string) =>
    page.screenshot({ path: `test-results/screens/credential-warnings-${file}.png`, fullPage: true });

  test.beforeAll(async () => {
    customer = await createPostgresCustomerDatabase();
  });
  test.afterAll(async ({ browser }) => {
    const page = await browser.newPage();
    await signIn(page);
    const list = await apiCall(page, 'GET', '/api/connections');
    for (const connection of (list.connections ?? []) as { id: string; name: string }[])
      if (connection.name === name) await apiCall(page, 'DELETE', `/api/connections/${connection.id}`);
    await page.close();
    await customer?.drop();
  });

  test('a superuser connects, with the reason on hover and the read-only user SQL to copy', async ({
    page,
    context,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await signIn(page);
    await page.goto('/databases');
    await page.getByRole('button', { name: 'Add PostgreSQL database' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
    await dialog
      .getByRole('textbox', { name: 'Connection string', exact: true })
      .fill(String(customer.logins.admin.config.url));
    await dialog.getByRole('button', { name: 'Add Database' }).click();
    await expect(dialog).toBeHidden({ timeout: 20_000 });

    const row = page.getByTestId(`connection-row-${name}`);
    await expect(row).toContainText('Connected');
    const badge = row.getByTestId('credential-badge');
    await expect(badge).toHaveText('Not read-only');
    await badge.hover();
    const tooltip = page.getByRole('tooltip');
    await expect(tooltip).toContainText(
      'This user is a superuser: it can read server files and run programs',
    );
    await shot(page, '01-list-hover');

    await row.getByRole('link', { name }).click();
    const alert = page.getByTestId('credential-alert');
    await expect(alert).toContainText('This database user can do more than read');
    await expect(alert).toContainText('This user is a superuser');
    const database = new URL(String(customer.config.url)).pathname.slice(1);
    const script = alert.getByTestId('read-only-user-script');
    await expect(script).toContainText(`GRANT CONNECT ON DATABASE "${database}" TO connect_reader;`);
    await alert.getByRole('button', { name: 'Copy the SQL' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await script.innerText());
    // The data is still there to browse: a warning, not a refusal.
    await expect(page.getByText('users', { exact: true }).first()).toBeVisible({ timeout: 20_000 });
    await shot(page, '02-connection-page');
  });
});
