import { ensureScheduleTicks } from '@connect/campaigns';
import { ConnectorCache } from '@connect/connectors';
import { fynoDefaultsFromEnv } from '@connect/core';
import { FynoClientPool, SendRateLimiter } from '@connect/delivery';
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import {
  createRedisConnection,
  heartbeatIntervalMs,
  isJobName,
  jobCatalog,
  JobProducer,
  maintenanceSchedules,
  queueNames,
  removeWorkerHeartbeat,
  writeWorkerHeartbeat,
} from '@connect/queue';
import { createStore } from '@connect/store';
import { migrateStore } from '@connect/store/migrate';
import { type Job, UnrecoverableError, Worker } from 'bullmq';
import type { Logger } from 'pino';
import type { WorkerEnv } from './env';
import { createJobHandlers } from './job-handlers';
import { settleFailedJob } from './settle-failed-job';

export interface RunningWorker {
  workerId: string;
  /** Stops taking jobs, lets running ones finish, then closes every connection. */
  shutdown(): Promise<void>;
}

/** Starts one worker process: migrations, queue consumers, schedules and the heartbeat. */
export async function startWorker(env: WorkerEnv, logger: Logger): Promise<RunningWorker> {
  const workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  await migrateStore(env.DATABASE_URL);

  const store = createStore({
    databaseUrl: env.DATABASE_URL,
    encryptionKey: env.ENCRYPTION_KEY,
    previousEncryptionKeys: env.ENCRYPTION_KEYS_PREVIOUS,
  });
  const connection = createRedisConnection(env.REDIS_URL, 'worker');
  const producer = new JobProducer({ connection, prefix: env.QUEUE_PREFIX });
  const connectors = new ConnectorCache();
  // A key changed in Settings reaches running batches within ten seconds.
  const fyno = new FynoClientPool(store, fynoDefaultsFromEnv(env), 10_000);
  const engine = {
    store,
    connectors,
    jobs: producer,
    fyno,
    limiter: new SendRateLimiter({
      redis: connection,
      keyPrefix: env.QUEUE_PREFIX,
      globalPerSecond: env.SEND_RATE_LIMIT_PER_SECOND,
    }),
    logger,
    batchSize: env.CAMPAIGN_BATCH_SIZE,
    defaultPhoneCountry: env.DEFAULT_PHONE_COUNTRY,
  };
  const handlers = createJobHandlers({ env, store, logger, engine });

  async function dispatch(job: Job, token?: string): Promise<unknown> {
    if (!isJobName(job.name)) throw new UnrecoverableError(`Unknown job "${job.name}"`);
    const parsed = jobCatalog[job.name].payload.safeParse(job.data);
    if (!parsed.success)
      throw new UnrecoverableError(`Invalid payload for ${job.name}: ${parsed.error.message}`);
    const handler = handlers[job.name] as (payload: unknown, job: Job, token?: string) => Promise<unknown>;
    return handler(parsed.data, job, token);
  }

  const workers = queueNames.map((queue) => {
    const worker = new Worker(queue, dispatch, {
      connection,
      prefix: env.QUEUE_PREFIX,
      concurrency: env.WORKER_CONCURRENCY,
      // A live worker renews its job locks every half of this, so a lock only runs out
      // when its worker died (or its event loop was blocked that long: the jobs are
      // safe to run twice). Checking twice as often as locks last hands a dead
      // worker's job to another within about 1.5 times this.
      lockDuration: env.WORKER_STALLED_CHECK_MS,
      stalledInterval: Math.max(500, Math.round(env.WORKER_STALLED_CHECK_MS / 2)),
      // Each crash of a worker holding a job counts as one stall; jobs are safe to
      // resume, so several crashes in a row should not fail them.
      maxStalledCount: 10,
    });
    // Without an error listener a lost Redis connection would be an unhandled error.
    worker.on('error', (error) => logger.error({ err: error, queue }, 'worker error'));
    worker.on('failed', (job, error) => {
      logger.warn(
        { err: error, queue, job: job?.name, jobId: job?.id, attempt: job?.attemptsMade },
        'job failed',
      );
      if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) {
        void settleFailedJob(engine, job, error).catch((settleError: unknown) =>
          logger.error({ err: settleError, jobId: job.id }, 'could not record a failed job'),
        );
      }
    });
    return worker;
  });

  for (const schedule of maintenanceSchedules) {
    await producer.schedule(schedule.id, schedule.job, {}, schedule.every);
  }
  // Every active scheduled campaign has its next tick queued (the sweep keeps it so).
  const ticks = await ensureScheduleTicks(engine);
  if (ticks.length > 0) logger.info({ campaigns: ticks }, 'queued missing schedule ticks');

  const startedAt = new Date().toISOString();
  const beat = () =>
    writeWorkerHeartbeat(connection, env.QUEUE_PREFIX, {
      workerId,
      host: hostname(),
      pid: process.pid,
      startedAt,
      at: new Date().toISOString(),
    }).catch((error: unknown) => logger.warn({ err: error }, 'heartbeat failed'));
  await beat();
  const heartbeat = setInterval(beat, heartbeatIntervalMs);

  logger.info({ workerId, queues: queueNames, concurrency: env.WORKER_CONCURRENCY }, 'worker started');

  return {
    workerId,
    async shutdown() {
      clearInterval(heartbeat);
      await Promise.all(workers.map((worker) => worker.close()));
      await producer.close();
      await connectors.close();
      await fyno.close();
      await removeWorkerHeartbeat(connection, env.QUEUE_PREFIX, workerId).catch(() => {});
      connection.disconnect();
      await store.close();
      logger.info({ workerId }, 'worker stopped');
    },
  };
}
