import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { repoPath } from './test-support/repo-root';
import { runScript } from './test-support/run-script';

// start.sh works on the folder it sits in; a copy with just what `configure` needs
// keeps the real .env and docker-data out of reach.
let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'connect-start-'));
  mkdirSync(join(folder, 'ops/sh'), { recursive: true });
  for (const file of ['start.sh', '.env.example', 'Caddyfile.example', 'ops/sh/common.sh'])
    copyFileSync(repoPath(file), join(folder, file));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

const envPath = () => join(folder, '.env');
const caddyfilePath = () => join(folder, 'docker-data/Caddyfile');
const readEnv = () => readFileSync(envPath(), 'utf8');
const valueOf = (name: string) => new RegExp(`^${name}=(.*)$`, 'm').exec(readEnv())?.[1];

function configure() {
  const result = runScript(join(folder, 'start.sh'), ['configure'], {
    env: { CONNECT_ENV_FILE: '', CONNECT_DATA_DIR: '' },
  });
  expect(result.status, result.output).toBe(0);
  return result;
}

describe('start.sh: settings and secrets', () => {
  it('creates .env from the example with strong random secrets, readable by its owner only', () => {
    const result = configure();
    expect(result.output).toContain('created .env from .env.example');
    expect(valueOf('ENCRYPTION_KEY')).toMatch(/^[0-9a-f]{64}$/);
    expect(valueOf('POSTGRES_PASSWORD')).toMatch(/^[0-9a-f]{48}$/);
    expect(statSync(envPath()).mode & 0o777).toBe(0o600);
    // Everything else is the example, line for line.
    const example = readFileSync(repoPath('.env.example'), 'utf8');
    const withoutSecrets = (text: string) => text.replace(/^(ENCRYPTION_KEY|POSTGRES_PASSWORD)=.*$/gm, '$1=');
    expect(withoutSecrets(readEnv())).toBe(example);
  });

  it('generates different secrets for every installation', () => {
    configure();
    const first = [valueOf('ENCRYPTION_KEY'), valueOf('POSTGRES_PASSWORD')];
    rmSync(envPath());
    configure();
    const second = [valueOf('ENCRYPTION_KEY'), valueOf('POSTGRES_PASSWORD')];
    expect(second[0]).not.toBe(first[0]);
    expect(second[1]).not.toBe(first[1]);
    expect(first[0]).not.toBe(first[1]!.padEnd(64, '0'));
  });

  it('never overwrites a value that is set, and fills only what is empty', () => {
    const mine = [
      '# my settings',
      'ENCRYPTION_KEY=' + 'ab'.repeat(32),
      'POSTGRES_PASSWORD=',
      'DATABASE_URL=postgres://u:p%40ss@db.internal:5432/connect?sslmode=require&application_name=x|y',
      'APP_URL="https://connect.acme.test"',
      'FYNO_API_KEY=secret/with+slashes&amps',
      '',
    ].join('\n');
    writeFileSync(envPath(), mine, { mode: 0o644 });
    configure();
    const after = readEnv();
    expect(valueOf('ENCRYPTION_KEY')).toBe('ab'.repeat(32));
    expect(valueOf('POSTGRES_PASSWORD')).toMatch(/^[0-9a-f]{48}$/);
    expect(after.replace(/^POSTGRES_PASSWORD=.*$/m, 'POSTGRES_PASSWORD=')).toBe(mine);
    expect(statSync(envPath()).mode & 0o777).toBe(0o600);

    // A second run changes nothing at all.
    configure();
    expect(readEnv()).toBe(after);
  });

  it('adds a secret an older .env does not mention, keeping the rest as it was', () => {
    writeFileSync(envPath(), 'ENCRYPTION_KEY=' + 'cd'.repeat(32)); // no newline at the end
    configure();
    expect(readEnv()).toMatch(
      new RegExp(`^ENCRYPTION_KEY=${'cd'.repeat(32)}\nPOSTGRES_PASSWORD=[0-9a-f]{48}\n$`),
    );
  });

  it('creates docker-data/Caddyfile from the template once and then leaves your edits alone', () => {
    const result = configure();
    expect(readFileSync(caddyfilePath(), 'utf8')).toBe(readFileSync(repoPath('Caddyfile.example'), 'utf8'));
    expect(result.output).toMatch(/docker-data\/Caddyfile line \d+: "email you@example\.com"/);
    expect(result.output).toMatch(/docker-data\/Caddyfile line \d+: "connect\.example\.com \{"/);
    writeFileSync(
      caddyfilePath(),
      '{\n\temail ops@acme.test\n}\nconnect.acme.test {\n\treverse_proxy web:3000\n}\n',
    );
    const again = configure();
    expect(readFileSync(caddyfilePath(), 'utf8')).toContain('connect.acme.test');
    expect(again.output).not.toContain('edit');
  });
});

describe('start.sh --docker: refuses to start with the example domain or email', () => {
  it('names the file and the lines to edit, before it looks for Docker', () => {
    const result = runScript(join(folder, 'start.sh'), ['--docker']);
    expect(result.status).toBe(1);
    const lines = readFileSync(join(folder, 'Caddyfile.example'), 'utf8').split('\n');
    const emailLine = lines.findIndex((line) => line.trim() === 'email you@example.com') + 1;
    const domainLine = lines.findIndex((line) => line === 'connect.example.com {') + 1;
    expect(result.stderr).toContain('the Caddyfile still has the example values');
    expect(result.stderr).toContain(
      `docker-data/Caddyfile line ${emailLine}: "email you@example.com": put your email address here`,
    );
    expect(result.stderr).toContain(
      `docker-data/Caddyfile line ${domainLine}: "connect.example.com {": put your domain here`,
    );
  });

  it('lets the example email stay when the site is plain HTTP (no certificate is needed)', () => {
    configure();
    const text = readFileSync(caddyfilePath(), 'utf8').replace(
      /^connect\.example\.com \{/m,
      'http://localhost:8080 {',
    );
    writeFileSync(caddyfilePath(), text);
    // `configure` applies the same check without going on to Docker (which may exist here).
    expect(configure().output).not.toContain('edit');
    writeFileSync(caddyfilePath(), text.replace('http://localhost:8080 {', 'localhost:8443 {'));
    expect(configure().output).toMatch(/line \d+: "email you@example\.com": put your email address here/);
  });
});
