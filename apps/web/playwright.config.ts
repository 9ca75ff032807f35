import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 3100);

// End-to-end tests drive Debian's Chromium against the production build (`pnpm build`
// first); Playwright's own browser download is never used.
export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    baseURL: `http://localhost:${port}`,
    screenshot: 'on',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-dev-shm-usage',
        '--disable-component-update',
        '--no-first-run',
      ],
    },
  },
  // First-run setup happens once, in the foundation story; every other spec signs in
  // as the owner it created (e2e/support/accounts.ts).
  projects: [
    { name: 'foundation', testMatch: /foundation\.spec\.ts$/ },
    { name: 'features', testIgnore: /foundation\.spec\.ts$/, dependencies: ['foundation'] },
  ],
  webServer: {
    command: `node --import tsx e2e/serve.ts`,
    url: `http://localhost:${port}/api/health`,
    env: { E2E_PORT: String(port) },
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
