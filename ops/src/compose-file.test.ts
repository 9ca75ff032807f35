import { describe, expect, it } from 'vitest';
import { isTrustedProxy, parseTrustedProxies } from '../../apps/web/src/server/trusted-proxies';
import { composeSchemaValidator, readComposeFile } from './test-support/compose-validator';

interface Service {
  image?: string;
  build?: unknown;
  ports?: unknown[];
  volumes?: string[];
  restart?: string;
  healthcheck?: { test?: unknown };
  command?: string[];
  container_name?: string;
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
}

const compose = readComposeFile();
const services = compose.services as Record<string, Service>;
const validate = composeSchemaValidator();

describe('docker-compose.yml', () => {
  it('is valid against the compose specification schema', () => {
    const valid = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('is checked by a validator that does reject a wrong file', () => {
    const broken = structuredClone(compose) as { services: Record<string, Record<string, unknown>> };
    broken.services.redis!.healthcheck = {
      test: ['CMD', 'redis-cli', 'ping'],
      interval: 'every five seconds',
    };
    broken.services.web!.restart_policy = 'always';
    expect(validate(broken)).toBe(false);
    expect(validate.errors?.map((error) => error.instancePath)).toEqual(
      expect.arrayContaining(['/services/redis/healthcheck/interval', '/services/web']),
    );
  });

  it('runs Caddy, the web app, the worker, PostgreSQL and Redis', () => {
    expect(Object.keys(services).sort()).toEqual(['caddy', 'postgres', 'redis', 'web', 'worker']);
  });

  it('publishes ports only from Caddy, and those are 80 and 443', () => {
    const publishing = Object.entries(services)
      .filter(([, service]) => service.ports?.length)
      .map(([name]) => name);
    expect(publishing).toEqual(['caddy']);
    expect(services.caddy!.ports).toEqual(['80:80', '443:443', '443:443/udp']);
  });

  it('gives every service a healthcheck and a restart policy', () => {
    for (const [name, service] of Object.entries(services)) {
      expect(service.healthcheck?.test, `${name} healthcheck`).toBeDefined();
      expect(service.restart, `${name} restart`).toBe('unless-stopped');
    }
  });

  it('keeps every persistent volume under ./docker-data', () => {
    const mounts = Object.values(services).flatMap((service) => service.volumes ?? []);
    expect(mounts.length).toBeGreaterThanOrEqual(5);
    for (const mount of mounts) expect(mount).toMatch(/^\.\/docker-data\//);
    expect(services.caddy!.volumes).toContain('./docker-data/Caddyfile:/etc/caddy/Caddyfile:ro');
    expect(services.postgres!.volumes).toEqual(['./docker-data/postgres:/var/lib/postgresql/data']);
  });

  it('builds one image for the web app and the worker, which differ only in command', () => {
    expect(services.web!.image).toBe(services.worker!.image);
    expect(services.web!.build).toEqual(services.worker!.build);
    // A heap cap makes V8 collect before the web process grows (bench web-soak).
    expect(services.web!.command).toEqual(['node', '--max-old-space-size=384', 'apps/web/server.js']);
    expect(services.worker!.command).toContain('src/main.ts');
  });

  it('lets the worker scale (no fixed name or port) and waits for a healthy database and Redis', () => {
    expect(services.worker!.container_name).toBeUndefined();
    expect(services.worker!.ports).toBeUndefined();
    for (const name of ['web', 'worker']) {
      expect(services[name]!.depends_on).toEqual({
        postgres: { condition: 'service_healthy' },
        redis: { condition: 'service_healthy' },
      });
      expect(services[name]!.environment?.DATABASE_URL).toMatch(
        /^postgres:\/\/connect:\$\{POSTGRES_PASSWORD:\?.+\}@postgres:5432\/connect$/,
      );
      expect(services[name]!.environment?.REDIS_URL).toBe('redis://redis:6379');
    }
  });

  it('runs Redis with an append-only file synced every second and no eviction', () => {
    const command = services.redis!.command!.join(' ');
    expect(command).toContain('--appendonly yes');
    expect(command).toContain('--appendfsync everysec');
    expect(command).toContain('--maxmemory-policy noeviction');
  });

  it('trusts the forwarding headers of Caddy, which reaches the web container from the compose network', () => {
    const setting = /^\$\{TRUSTED_PROXIES:-(.+)\}$/.exec(services.web!.environment?.TRUSTED_PROXIES ?? '');
    expect(setting, 'TRUSTED_PROXIES: ${TRUSTED_PROXIES:-...} (a value in .env wins)').not.toBeNull();
    const trusted = parseTrustedProxies(setting![1]!);
    // Docker's default bridge pools, and a user-defined IPv6 network.
    for (const caddy of [
      '172.18.0.4',
      '172.31.255.2',
      '192.168.16.3',
      '10.10.0.2',
      'fd4e:1a2b::3',
      '127.0.0.1',
    ])
      expect(isTrustedProxy(caddy, trusted), caddy).toBe(true);
    expect(isTrustedProxy('203.0.113.9', trusted)).toBe(false);
  });
});
