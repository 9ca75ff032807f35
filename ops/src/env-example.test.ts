import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { webEnvShape } from '../../apps/web/src/env';
import { workerEnvShape } from '../../apps/worker/src/env';
import { repoPath } from './test-support/repo-root';

const lines = readFileSync(repoPath('.env.example'), 'utf8').split('\n');
const assignments = lines.flatMap((line, index) => {
  const match = /^([A-Z][A-Z0-9_]*)=/.exec(line);
  return match ? [{ name: match[1]!, index }] : [];
});
const names = assignments.map((a) => a.name);

/** Read by start.sh, docker-compose.yml or Next.js itself (PORT), not by the apps' env checks. */
const deploymentVariables = ['POSTGRES_PASSWORD', 'PORT'];
const appVariables = [...new Set([...Object.keys(webEnvShape), ...Object.keys(workerEnvShape)])];

describe('.env.example', () => {
  it('lists every variable the web app and the worker read, once', () => {
    expect(appVariables.filter((name) => !names.includes(name))).toEqual([]);
    expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
  });

  it('lists nothing Connect does not read (a misspelt name would be silently ignored)', () => {
    expect(
      names.filter((name) => !appVariables.includes(name) && !deploymentVariables.includes(name)),
    ).toEqual([]);
  });

  it('explains each variable in a comment just above it', () => {
    const uncommented = assignments.filter(({ index }) => {
      // Walk up over neighbouring assignments that share one comment (FYNO_WSID, FYNO_API_KEY).
      let above = index - 1;
      while (above >= 0 && /^[A-Z][A-Z0-9_]*=/.test(lines[above]!)) above -= 1;
      return !lines[above]?.startsWith('#') || index - above > 2;
    });
    expect(uncommented.map((a) => a.name)).toEqual([]);
  });

  it('leaves every secret empty, for start.sh to generate', () => {
    for (const secret of [
      'ENCRYPTION_KEY',
      'POSTGRES_PASSWORD',
      'METRICS_TOKEN',
      'FYNO_API_KEY',
      'LLM_API_KEY',
    ]) {
      expect(lines).toContain(`${secret}=`);
    }
  });
});
