import { defineConfig } from '@playwright/test';
import { siteUrl } from './production-install';

// The production path: the global setup installs Connect with `sh start.sh --native`
// (production build, migrations, web app, worker) behind Debian's Caddy using the
// project's Caddyfile; the spec drives Debian's Chromium through Caddy.
export default defineConfig({
  testDir: '.',
  testMatch: /\.spec\.ts$/,
  outputDir: './test-results',
  globalSetup: './global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 120_000,
  reporter: [['list']],
  use: {
    baseURL: siteUrl,
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
});
