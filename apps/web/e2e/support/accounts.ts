import { expect, type Page } from '@playwright/test';

/** The owner the foundation story creates at first-run setup; other specs sign in as them. */
export const owner = { name: 'Olivia Owner', email: 'olivia@example.com', password: 'a long owner password' };

export async function fillSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Signs in and waits until the app has taken the user in. */
export async function signIn(page: Page, email = owner.email, password = owner.password): Promise<void> {
  await fillSignIn(page, email, password);
  await expect(page).not.toHaveURL(/\/sign-in/);
}
