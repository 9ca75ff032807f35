import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { SnowflakeTestServerOptions } from '../server-options';
import type { SnowflakeServerStats } from '../server-state';

export interface SnowflakeTestServerProcess {
  accessUrl: string;
  account: string;
  database: string;
  port: number;
  pid: number;
  stats(): Promise<SnowflakeServerStats>;
  close(): Promise<void>;
}

/**
 * The same server as `startSnowflakeTestServer`, in a child process, so a benchmark measures only
 * its own memory and CPU, as it would against a remote Snowflake. Runs the TypeScript entry with
 * tsx (a root dev dependency).
 */
export async function startSnowflakeTestServerProcess(
  options: SnowflakeTestServerOptions,
): Promise<SnowflakeTestServerProcess> {
  const entry = fileURLToPath(new URL('./server-process-entry.ts', import.meta.url));
  const child = fork(entry, [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, SNOWFLAKE_TEST_SERVER_OPTIONS: JSON.stringify(options) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await new Promise<{ accessUrl: string; account: string; database: string; port: number }>(
    (resolve, reject) => {
      child.once('message', (message: { type: string } & Record<string, unknown>) => {
        if (message.type === 'ready') resolve(message as never);
      });
      child.once('exit', (code) => reject(new Error(`Snowflake test server process exited with ${code}`)));
    },
  );
  let nextId = 0;
  return {
    ...ready,
    pid: child.pid!,
    stats() {
      const id = (nextId += 1);
      return new Promise((resolve) => {
        const onMessage = (message: { type: string; id: number; stats: SnowflakeServerStats }) => {
          if (message.type !== 'stats' || message.id !== id) return;
          child.off('message', onMessage);
          resolve(message.stats);
        };
        child.on('message', onMessage);
        child.send({ type: 'stats', id });
      });
    },
    async close() {
      if (child.exitCode === null) child.send({ type: 'close' });
      await exited;
    },
  };
}
