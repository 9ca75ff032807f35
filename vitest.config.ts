import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Two projects so `pnpm test:unit` needs no services and `pnpm test:int` runs on its own.
export default defineConfig({
  // The web app's own import alias, so its route handlers can be tested directly.
  resolve: { alias: { '@/': fileURLToPath(new URL('./apps/web/src/', import.meta.url)) } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['{apps,packages}/*/src/**/*.test.{ts,tsx}', 'ops/src/**/*.test.ts'],
          exclude: ['**/*.int.test.{ts,tsx}', '**/node_modules/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['{apps,packages}/*/src/**/*.int.test.{ts,tsx}', 'ops/src/**/*.int.test.ts'],
          globalSetup: ['packages/testkit/src/vitest/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
