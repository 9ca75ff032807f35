import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const mainFile = fileURLToPath(new URL('../main.ts', import.meta.url));

export interface WorkerProcess {
  child: ChildProcess;
  output(): string;
  /** SIGTERM and wait for a clean exit. */
  stop(): Promise<number | null>;
  /** SIGKILL: the process dies at once, mid-whatever. */
  kill(): Promise<void>;
}

/** Starts a real worker process (as `pnpm --filter @connect/worker start` would) and waits until it reports in. */
export async function startWorkerProcess(env: Record<string, string>): Promise<WorkerProcess> {
  // The same heap cap as the worker's start script (apps/worker/package.json).
  const child = spawn(process.execPath, ['--max-old-space-size=256', '--import', 'tsx', mainFile], {
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const started = Date.now();
  while (!output.includes('worker started')) {
    if (child.exitCode !== null) throw new Error(`The worker exited at start:\n${output}`);
    if (Date.now() - started > 30_000) throw new Error(`The worker did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const exited = once(child, 'exit');
  return {
    child,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const [code] = (await exited) as [number | null];
      return code;
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}
