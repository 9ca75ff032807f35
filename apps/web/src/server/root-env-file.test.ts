import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadRootEnvFile } from './root-env-file';

const touched = ['CONNECT_TEST_FROM_FILE', 'CONNECT_TEST_ALREADY_SET'];
afterEach(() => {
  for (const key of touched) delete process.env[key];
});

describe('loadRootEnvFile', () => {
  it('finds .env beside pnpm-workspace.yaml from a nested folder, without overriding set variables', () => {
    const root = mkdtempSync(join(tmpdir(), 'connect-env-'));
    writeFileSync(join(root, 'pnpm-workspace.yaml'), 'packages: []\n');
    writeFileSync(join(root, '.env'), 'CONNECT_TEST_FROM_FILE=file\nCONNECT_TEST_ALREADY_SET=file\n');
    const nested = join(root, 'apps', 'web');
    mkdirSync(nested, { recursive: true });
    process.env.CONNECT_TEST_ALREADY_SET = 'environment';

    expect(loadRootEnvFile(nested)).toBe(join(root, '.env'));
    expect(process.env.CONNECT_TEST_FROM_FILE).toBe('file');
    expect(process.env.CONNECT_TEST_ALREADY_SET).toBe('environment');
  });

  it('does nothing when the workspace has no .env (as in a container)', () => {
    const root = mkdtempSync(join(tmpdir(), 'connect-env-'));
    writeFileSync(join(root, 'pnpm-workspace.yaml'), 'packages: []\n');
    expect(loadRootEnvFile(root)).toBeUndefined();
  });
});
