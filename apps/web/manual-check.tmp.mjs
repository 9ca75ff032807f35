import { chromium } from '@playwright/test';
const base = 'http://localhost:3211';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
const logs = [];
page.on('console', (m) => logs.push(`[${m.type()}] ${m.text()}`));
page.on('pageerror', (e) => logs.push(`[pageerror] ${e.message}`));
page.on('requestfailed', (r) => logs.push(`[requestfailed] ${r.url()} ${r.failure()?.errorText}`));
const step = process.argv[2];
if (step === 'setup') {
  await page.goto(`${base}/setup`);
  await page.getByLabel('Your name').fill('Olivia Owner');
  await page.getByLabel('Email').fill('olivia@example.com');
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill('a long owner password');
  await page.getByLabel('Confirm password').fill('a long owner password');
  await page.getByRole('button', { name: 'Create owner account' }).click();
  await page.waitForURL(/databases/);
} else {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel('Email').fill('olivia@example.com');
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill('a long owner password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/databases/);
}
const script = process.argv[3];
if (script) {
  const mod = await import(script);
  try { await mod.default(page, base); } catch (e) { logs.push(`[script error] ${e.stack}`); }
}
await page.screenshot({ path: '/tmp/manual/last.png', fullPage: true });
console.log(logs.join('\n'));
await browser.close();
