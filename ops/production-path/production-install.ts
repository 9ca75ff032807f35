// Where the production-path test installs Connect: shared by the global setup
// (which installs it with start.sh) and the spec (which uses it through Caddy).
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Caddy's plain-HTTP site address (the Caddyfile's domain, switched to a local port). */
export const caddyPort = Number(process.env.PRODUCTION_PATH_CADDY_PORT ?? 3380);
/** The web app's own port (PORT in its .env), behind Caddy. */
export const webPort = Number(process.env.PRODUCTION_PATH_WEB_PORT ?? 3300);
/** The fake Fyno Cloud (`pnpm fyno:sandbox`). */
export const fynoPort = Number(process.env.PRODUCTION_PATH_FYNO_PORT ?? 3390);
export const siteUrl = `http://127.0.0.1:${caddyPort}`;

/** The app database and Redis prefix of this installation (dropped before and after). */
export const appDatabase = 'connect_production_path';
export const queuePrefix = 'connect-production-path';

/** CONNECT_DATA_DIR: logs, pid files and the Caddyfile of this installation. */
export const dataDir = join(tmpdir(), 'connect-production-path');
export const envFile = join(dataDir, '.env');

/** What the global setup tells the spec (through the environment). */
export interface InstallFacts {
  fynoOrigin: string;
  customerUrl: string;
  metricsToken: string;
}

export function installFacts(): InstallFacts {
  const facts = process.env.PRODUCTION_PATH_FACTS;
  if (!facts)
    throw new Error('Run this through its Playwright config: the global setup installs Connect first.');
  return JSON.parse(facts) as InstallFacts;
}
