import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './test-support/repo-root';
import { requireTool } from './test-support/require-tool';

beforeAll(() => requireTool('shellcheck', 'shellcheck'));

describe('install scripts', () => {
  it.each(['start.sh', 'update.sh', 'delete.sh', 'ops/sh/supervise.sh'])(
    '%s passes shellcheck as POSIX sh (with the library it sources)',
    (script) => {
      const result = spawnSync(
        'shellcheck',
        ['--shell=sh', '--external-sources', script, 'ops/sh/common.sh'],
        {
          cwd: repoRoot,
          encoding: 'utf8',
        },
      );
      expect(result.stdout + result.stderr).toBe('');
      expect(result.status).toBe(0);
    },
  );

  it('is checked by a shellcheck that does report a bash-only script', () => {
    const result = spawnSync('shellcheck', ['--shell=sh', '-'], {
      input: '#!/bin/sh\nif [[ -n "$1" ]]; then echo $1; fi\n',
      encoding: 'utf8',
    });
    expect(result.status).not.toBe(0);
    expect(result.stdout).toContain('SC3010');
  });
});
