import { expect, test } from '@playwright/test';
import { signIn } from './support/accounts';

test('the owner adds a notification event to the catalog and edits it', async ({ page }) => {
  await signIn(page);
  await page.goto('/settings/events');
  await expect(page.getByText('No notification events yet')).toBeVisible();
  await page.getByRole('button', { name: 'Add event' }).click();

  const dialog = page.getByRole('dialog', { name: 'Add event' });
  await dialog.getByLabel('Notification event name').fill('order shipped');
  await dialog.getByLabel('Email').check();
  await dialog.getByRole('button', { name: 'Add event' }).click();
  await expect(dialog.getByText(/Use the event name exactly as in Fyno/)).toBeVisible();

  await dialog.getByLabel('Notification event name').fill('order_shipped');
  await dialog.getByLabel('SMS').check();
  await dialog.getByLabel('Placeholders').fill('first_name');
  await dialog.getByLabel('Placeholders').press('Enter');
  await dialog.getByLabel('Placeholders').fill('tracking_url');
  await dialog.getByLabel('Placeholders').press('Enter');
  await dialog.getByRole('button', { name: 'Add event' }).click();

  const row = page.getByTestId('event-row-order_shipped');
  await expect(row).toContainText('Email');
  await expect(row).toContainText('SMS');
  await expect(row).toContainText('first_name, tracking_url');
  await page.screenshot({ path: 'test-results/screens/06-event-catalog.png', fullPage: true });

  await row.getByRole('button', { name: 'Edit order_shipped' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit event' });
  await edit.getByLabel('SMS').uncheck();
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(row).not.toContainText('SMS');
});
