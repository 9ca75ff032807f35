import { fileURLToPath } from 'node:url';

/** The repository folder (where start.sh, docker-compose.yml and .env.example are). */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** A path inside the repository. */
export function repoPath(relative: string): string {
  return `${repoRoot}${relative}`;
}
