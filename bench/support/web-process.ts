import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const webDir = fileURLToPath(new URL('../../apps/web/', import.meta.url));
const repoDir = fileURLToPath(new URL('../../', import.meta.url));

export interface BenchWeb {
  baseUrl: string;
  /** The next-server process itself (what production runs), not a wrapper. */
  pid: number;
  /** Its resident memory now, in MB (Linux VmRSS). */
  rssMb(): number;
  /** The last lines it printed, for error messages. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Builds the web app when there is no production build yet (a clean checkout), so the
 * benchmark measures what `next start` serves. An existing build is used as it is:
 * after changing code, run `pnpm build` first.
 */
export async function ensureWebBuild(log: (line: string) => void): Promise<void> {
  const buildId = `${webDir}.next/BUILD_ID`;
  if (existsSync(buildId)) {
    log(
      `using the web build of ${statSync(buildId).mtime.toISOString()} (run pnpm build after changing code)`,
    );
    return;
  }
  log('no web build yet: building it (pnpm --filter @connect/web build)');
  const child = spawn('pnpm', ['--filter', '@connect/web', 'build'], {
    cwd: repoDir,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-5_000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0 || !existsSync(buildId))
    throw new Error(`The web build failed; run pnpm build to see why:\n${output}`);
}

/** The pids of `pid` and all its descendants, from /proc. */
function processTree(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name may hold spaces and parentheses: the parent pid follows the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(parent, [...(parents.get(parent) ?? []), Number(entry)]);
    } catch {
      // The process ended while we looked.
    }
  }
  const tree = [pid];
  for (let index = 0; index < tree.length; index += 1) tree.push(...(parents.get(tree[index]!) ?? []));
  return tree;
}

/** Next.js names its server process `next-server (vX)`; find it under `pid`. */
function findNextServer(pid: number): number | undefined {
  return processTree(pid).find((candidate) => {
    try {
      return readFileSync(`/proc/${candidate}/cmdline`, 'utf8').startsWith('next-server');
    } catch {
      return false;
    }
  });
}

/**
 * The production web app (`next start`, started directly with node, as start.sh does),
 * answering on 127.0.0.1:`port`. `nodeFlags` go to that node process (e.g. a heap cap).
 */
export async function startBenchWeb(options: {
  port: number;
  env: Record<string, string>;
  nodeFlags?: string[];
}): Promise<BenchWeb> {
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const child: ChildProcess = spawn(
    process.execPath,
    [
      // The same heap cap as production (start.sh, docker-compose.yml); nodeFlags may override it.
      '--max-old-space-size=384',
      ...(options.nodeFlags ?? []),
      'node_modules/next/dist/bin/next',
      'start',
      '--port',
      String(options.port),
      '--hostname',
      '127.0.0.1',
    ],
    {
      cwd: webDir,
      env: { PATH: process.env.PATH, NEXT_TELEMETRY_DISABLED: '1', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = once(child, 'exit');
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    await exited;
  };

  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`The web app exited at start:\n${output}`);
      if (Date.now() > deadline) throw new Error(`The web app did not answer in 60 s:\n${output}`);
      const ready = await fetch(`${baseUrl}/api/health`).then(
        (response) => response.status < 500,
        () => false,
      );
      if (ready) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const pid = findNextServer(child.pid!);
    if (pid === undefined) throw new Error(`No next-server process under pid ${child.pid}:\n${output}`);
    return {
      baseUrl,
      pid,
      rssMb() {
        const status = readFileSync(`/proc/${pid}/status`, 'utf8');
        return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
      },
      output: () => output,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
