import { spawnSync } from 'node:child_process';

/**
 * Fails the test run with the fix when a program the tests need is missing, so a
 * missing tool is never mistaken for a pass. `pnpm services` (and `bash .ci/run`)
 * install them with apt-get.
 */
export function requireTool(program: string, debianPackage: string): void {
  const found = spawnSync('sh', ['-c', `command -v ${program}`], { encoding: 'utf8' });
  if (found.status !== 0) {
    throw new Error(
      `${program} is not installed, and these tests need it. Install it with ` +
        `\`apt-get install ${debianPackage}\` (or run \`pnpm services\`, which does), then run the tests again.`,
    );
  }
}
