import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { SecretBox } from './crypto/secret-box';
import type { Db } from './db';
import { auditLogRepository } from './repositories/audit-log';
import { campaignRunsRepository } from './repositories/campaign-runs';
import { campaignsRepository } from './repositories/campaigns';
import { cohortsRepository } from './repositories/cohorts';
import { connectionsRepository } from './repositories/connections';
import { sessionsRepository } from './repositories/sessions';
import { eventCatalogRepository } from './repositories/event-catalog';
import { llmSettingsRepository } from './repositories/llm-settings';
import { phoneSettingsRepository } from './repositories/phone-settings';
import { runLeasesRepository } from './repositories/run-leases';
import { runRecipientsRepository } from './repositories/run-recipients';
import { runTotalsRepository } from './repositories/run-totals';
import { settingsRepository } from './repositories/settings';
import { usersRepository } from './repositories/users';
import { workspacesRepository } from './repositories/workspaces';
import * as schema from './schema/index';

export interface StoreOptions {
  databaseUrl: string;
  /** ENCRYPTION_KEY and, during a rotation, the keys it replaced. */
  encryptionKey: string;
  previousEncryptionKeys?: readonly string[];
  /** Connections in the pool; the web app and each worker have their own pool. */
  poolSize?: number;
}

function repositories(db: Db, secretBox: SecretBox, pool: pg.Pool) {
  return {
    workspaces: workspacesRepository(db),
    users: usersRepository(db),
    sessions: sessionsRepository(db),
    auditLog: auditLogRepository(db),
    settings: settingsRepository(db, secretBox),
    llmSettings: llmSettingsRepository(db, secretBox),
    phoneSettings: phoneSettingsRepository(db),
    connections: connectionsRepository(db, secretBox),
    cohorts: cohortsRepository(db),
    eventCatalog: eventCatalogRepository(db),
    campaigns: campaignsRepository(db),
    campaignRuns: campaignRunsRepository(db),
    runRecipients: runRecipientsRepository(db, pool),
    runLeases: runLeasesRepository(pool),
    runTotals: runTotalsRepository(db),
  };
}

export type Repositories = ReturnType<typeof repositories>;

export interface Store extends Repositories {
  /** Runs `work` in one transaction; everything it does through `tx` commits or rolls back together. */
  transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T>;
  /** Re-encrypts every stored secret sealed with an older key; returns how many changed. */
  rotateSecrets(): Promise<number>;
  /** A cheap round trip, for health checks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Opens the app's metadata store. The only way into the app database. */
export function createStore(options: StoreOptions): Store {
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    max: options.poolSize ?? 10,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 5_000,
    application_name: 'connect',
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const secretBox = new SecretBox(options.encryptionKey, options.previousEncryptionKeys);
  const db = drizzle(pool, { schema });

  const repos = repositories(db, secretBox, pool);
  return {
    ...repos,
    async rotateSecrets() {
      return (
        (await repos.settings.rotateSecrets()) +
        (await repos.llmSettings.rotateSecrets()) +
        (await repos.connections.rotateSecrets())
      );
    },
    transaction: (work) => db.transaction((tx) => work(repositories(tx, secretBox, pool))),
    async ping() {
      await pool.query('select 1');
    },
    close: () => pool.end(),
  };
}
