import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { repoPath, repoRoot } from './repo-root';

/** Connect's settings, as named in .env.example. */
const settingNames = [
  ...readFileSync(repoPath('.env.example'), 'utf8').matchAll(/^([A-Z][A-Z0-9_]*)=/gm),
].map((match) => match[1]!);

export interface ScriptResult {
  status: number | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr together, for assertions on messages. */
  output: string;
}

/**
 * Runs one of the repository's shell scripts with `sh` (POSIX, as the README
 * says), with the given extra environment and standard input. Connect's settings
 * the test process happens to have (another test's DATABASE_URL, say) are not
 * passed on: the script reads them from its settings file, as on a server.
 */
export function runScript(
  script: string,
  args: string[],
  options: { env?: Record<string, string>; input?: string; cwd?: string; timeoutMs?: number } = {},
): ScriptResult {
  const result = spawnSync('sh', [script, ...args], {
    cwd: options.cwd ?? repoRoot,
    env: { ...withoutSettings(process.env), ...options.env },
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 60_000,
  });
  return {
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    output: `${result.stdout}${result.stderr}`,
  };
}

/**
 * `runScript` without blocking the test process, for scripts that take minutes
 * (`start.sh --native` installs and builds). The test runner's NODE_ENV=test is
 * not passed on either: the production build must not see it.
 */
export function runScriptAsync(
  script: string,
  args: string[],
  options: { env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<ScriptResult> {
  const env = { ...withoutSettings(process.env), ...options.env };
  delete env.NODE_ENV;
  return new Promise((resolve, reject) => {
    const child = spawn('sh', [script, ...args], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGTERM'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr, output: `${stdout}${stderr}` });
    });
  });
}

function withoutSettings(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env };
  for (const name of settingNames) delete copy[name];
  return copy;
}
