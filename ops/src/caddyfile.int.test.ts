import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoPath } from './test-support/repo-root';
import { requireTool } from './test-support/require-tool';

const template = repoPath('Caddyfile.example');
const scratch = mkdtempSync(join(tmpdir(), 'connect-caddy-'));

beforeAll(() => requireTool('caddy', 'caddy'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function caddy(args: string[], env: Record<string, string> = {}) {
  return spawnSync('caddy', args, { encoding: 'utf8', env: { ...process.env, ...env }, cwd: scratch });
}

/** The Caddyfile as Caddy's JSON configuration. */
function adapt(file: string, env: Record<string, string> = {}): string {
  const result = caddy(['adapt', '--config', file, '--adapter', 'caddyfile'], env);
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

describe('Caddyfile.example', () => {
  it('passes caddy validate as shipped', () => {
    const result = caddy(['validate', '--config', template, '--adapter', 'caddyfile']);
    expect(result.stdout + result.stderr).toContain('Valid configuration');
    expect(result.status).toBe(0);
  });

  it('passes caddy validate with a real domain, and with the native overrides start.sh uses', () => {
    const edited = join(scratch, 'Caddyfile');
    writeFileSync(
      edited,
      readFileSync(template, 'utf8')
        .replace('you@example.com', 'ops@acme.test')
        .replace(/^connect\.example\.com \{/m, 'connect.acme.test {'),
    );
    expect(caddy(['validate', '--config', edited, '--adapter', 'caddyfile']).status).toBe(0);
    const native = { CADDY_ADMIN: 'off', CONNECT_UPSTREAM: '127.0.0.1:3000' };
    expect(caddy(['validate', '--config', edited, '--adapter', 'caddyfile'], native).status).toBe(0);
    const config = JSON.parse(adapt(edited, native)) as { admin?: { disabled?: boolean } };
    expect(config.admin?.disabled).toBe(true);
    expect(adapt(edited, native)).toContain('"dial":"127.0.0.1:3000"');
  });

  it('marks the email and the domain as the lines to edit', () => {
    const text = readFileSync(template, 'utf8');
    expect(text).toMatch(/# EDIT: your email address.*\n\s*email you@example\.com\n/);
    expect(text).toMatch(/# EDIT: your domain.*\nconnect\.example\.com \{\n/);
  });

  it('proxies to the web service with compression, security headers, request ids and an access log', () => {
    const json = adapt(template);
    const config = JSON.parse(json) as {
      apps: { http: { servers: Record<string, { listen: string[] }> }; tls: unknown };
    };
    expect(Object.values(config.apps.http.servers)[0]!.listen).toEqual([':443']);
    expect(json).toContain('"dial":"web:3000"');
    expect(json).toMatch(/"encodings":\{"gzip":\{\},"zstd":\{\}\}/);
    expect(json).toContain('"Strict-Transport-Security":["max-age=31536000"]');
    expect(json).toContain('"X-Content-Type-Options":["nosniff"]');
    expect(json).toContain('"delete":["Server"]');
    expect(json).toContain('"X-Request-Id":["{http.request.uuid}"]');
    expect(json).toContain('"email":"you@example.com"');
    expect(json).toContain('"include":["http.log.access.log0"]');
  });

  it('is checked by a caddy validate that does reject a broken Caddyfile', () => {
    const broken = join(scratch, 'Broken');
    writeFileSync(broken, readFileSync(template, 'utf8').replace('encode zstd gzip', 'encode brotli-ish'));
    const result = caddy(['validate', '--config', broken, '--adapter', 'caddyfile']);
    expect(result.status).not.toBe(0);
  });
});
