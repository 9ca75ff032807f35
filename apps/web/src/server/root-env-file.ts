import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Loads the `.env` at the repository root (the folder holding pnpm-workspace.yaml),
 * where Connect keeps one configuration for the web app and the worker. Variables
 * already set in the environment win. In a container there is no such file and the
 * environment comes from docker compose.
 */
export function loadRootEnvFile(startDir = process.cwd()): string | undefined {
  for (let dir = startDir; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) {
      const file = join(dir, '.env');
      if (!existsSync(file)) return undefined;
      process.loadEnvFile(file);
      return file;
    }
    if (dirname(dir) === dir) return undefined;
  }
}
