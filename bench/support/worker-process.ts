import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const workerMain = fileURLToPath(new URL('../../apps/worker/src/main.ts', import.meta.url));

export interface BenchWorker {
  child: ChildProcess;
  /** The process's peak resident memory so far, in MB (Linux VmHWM). */
  peakRssMb(): number;
  stop(): Promise<void>;
  /** SIGKILL: the process dies at once, mid-whatever, as in a crash or an OOM kill. */
  kill(): Promise<void>;
}

/** A real worker process, as production runs it. */
export async function startBenchWorker(env: Record<string, string>): Promise<BenchWorker> {
  // The same heap cap as the worker's start script (apps/worker/package.json).
  const child = spawn(process.execPath, ['--max-old-space-size=256', '--import', 'tsx', workerMain], {
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  child.stderr!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  while (!output.includes('worker started')) {
    if (child.exitCode !== null) throw new Error(`The worker exited at start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const exited = once(child, 'exit');
  return {
    child,
    peakRssMb() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
      return kb / 1024;
    },
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}
