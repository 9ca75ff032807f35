import { EnvError } from '@connect/core';
import { loadWebEnv } from './env';
import { loadRootEnvFile } from './server/root-env-file';

/** Stops the server at start with a readable message when .env is wrong, instead of at the first request. */
export function checkEnvironmentAtBoot(): void {
  loadRootEnvFile();
  try {
    loadWebEnv(process.env);
  } catch (error) {
    console.error(error instanceof EnvError ? error.message : error);
    process.exit(1);
  }
}
