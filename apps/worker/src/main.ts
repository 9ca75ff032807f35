// The worker process: `pnpm --filter @connect/worker start`.
import { EnvError } from '@connect/core';
import { pino } from 'pino';
import { loadWorkerEnv } from './env';
import { startWorker } from './worker-process';

let env;
try {
  env = loadWorkerEnv(process.env);
} catch (error) {
  console.error(error instanceof EnvError ? error.message : error);
  process.exit(1);
}

const logger = pino({ level: env.LOG_LEVEL, base: { service: 'worker' } });
const worker = await startWorker(env, logger);

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing running jobs');
    worker.shutdown().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
