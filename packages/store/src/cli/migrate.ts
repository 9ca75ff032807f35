// `pnpm db:migrate`: applies committed migrations to DATABASE_URL.
import { envVars, EnvError, parseEnv } from '@connect/core';
import { migrateStore } from '../migrate';

try {
  const env = parseEnv({ DATABASE_URL: envVars.databaseUrl }, process.env);
  await migrateStore(env.DATABASE_URL);
  console.log('App database is up to date.');
} catch (error) {
  console.error(error instanceof EnvError ? error.message : `Migration failed: ${String(error)}`);
  process.exitCode = 1;
}
