import type { JobsOptions } from 'bullmq';
import { z } from 'zod';

/** The queues Connect uses. Each worker process consumes all of them. */
export const queueNames = ['maintenance', 'campaign-runs', 'campaign-batches'] as const;
export type QueueName = (typeof queueNames)[number];

interface JobDefinition<Payload extends z.ZodType> {
  queue: QueueName;
  /** Job data carries ids and small values, never secrets. */
  payload: Payload;
  options: JobsOptions;
}

function defineJob<Payload extends z.ZodType>(definition: JobDefinition<Payload>) {
  return definition;
}

/**
 * Every job Connect runs: its queue, payload schema and retry policy. Handlers live
 * in apps/worker, apart from these definitions, so the web app can enqueue jobs
 * without importing worker code.
 */
export const jobCatalog = {
  /** Snapshots a run's cohort into the ledger, then enqueues its batches. */
  'campaign-run': defineJob({
    queue: 'campaign-runs',
    /** A retried run is a new generation, so its batch job ids do not collide with the failed attempt's. */
    payload: z.object({ runId: z.uuid(), generation: z.number().int().min(0).default(0) }),
    options: {
      attempts: 3,
      backoff: { type: 'exponential', delay: 5_000 },
      removeOnComplete: { count: 1_000 },
      removeOnFail: { count: 1_000 },
    },
  }),
  /**
   * A schedule's moment came: starts that slot's run (once, however often it fires),
   * then enqueues the campaign's next tick. One delayed job per scheduled campaign,
   * id `tick-<campaignId>-<epochMs>`.
   */
  'campaign-tick': defineJob({
    queue: 'campaign-runs',
    payload: z.object({
      campaignId: z.uuid(),
      /** The run's idempotency key: `slot:<YYYY-MM-DD>T<HH:MM> <zone>`, or `once:<ISO>`. */
      occurrence: z.string().min(1),
      /** The moment the tick is for (epoch ms), from which the next tick is computed. */
      at: z.number().int(),
    }),
    options: {
      attempts: 5,
      backoff: { type: 'exponential', delay: 2_000 },
      removeOnComplete: { count: 1_000 },
      removeOnFail: { count: 1_000 },
    },
  }),
  /** Sends one seq range of a run's recipients to Fyno. */
  'campaign-batch': defineJob({
    queue: 'campaign-batches',
    payload: z.object({
      runId: z.uuid(),
      batchNo: z.number().int().min(1),
      fromSeq: z.number().int().min(1),
      toSeq: z.number().int().min(1),
    }),
    options: {
      attempts: 10,
      backoff: { type: 'exponential', delay: 2_000, jitter: 0.5 },
      removeOnComplete: { count: 10_000 },
      removeOnFail: { count: 10_000 },
    },
  }),
  /** Removes recipient details of finished runs past the retention period. */
  'purge-run-payloads': defineJob({
    queue: 'maintenance',
    payload: z.object({}),
    options: {
      attempts: 3,
      backoff: { type: 'exponential', delay: 60_000 },
      removeOnComplete: { count: 50 },
    },
  }),
  /** Finds runs with work left and no live job, and queues what they need. */
  'sweep-runs': defineJob({
    queue: 'maintenance',
    payload: z.object({}),
    options: {
      attempts: 1,
      removeOnComplete: { count: 50 },
      removeOnFail: { count: 200 },
    },
  }),
  'purge-expired-sessions': defineJob({
    queue: 'maintenance',
    payload: z.object({}),
    options: {
      attempts: 3,
      backoff: { type: 'exponential', delay: 10_000 },
      removeOnComplete: { count: 50 },
      removeOnFail: { count: 200 },
    },
  }),
};

export type JobName = keyof typeof jobCatalog;
export type JobPayload<Name extends JobName> = z.infer<(typeof jobCatalog)[Name]['payload']>;

/** Recurring maintenance, registered by every worker at start (idempotent per id). */
export const maintenanceSchedules: { id: string; job: JobName; every: number }[] = [
  { id: 'purge-expired-sessions', job: 'purge-expired-sessions', every: 60 * 60 * 1000 },
  { id: 'purge-run-payloads', job: 'purge-run-payloads', every: 6 * 60 * 60 * 1000 },
  { id: 'sweep-runs', job: 'sweep-runs', every: 30 * 1000 },
];

export function isJobName(name: string): name is JobName {
  return Object.hasOwn(jobCatalog, name);
}
