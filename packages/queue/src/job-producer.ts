import { type JobType, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { jobCatalog, type JobName, type JobPayload, type QueueName, queueNames } from './job-catalog';

export interface JobProducerOptions {
  connection: Redis;
  /** Redis key prefix of all queues (QUEUE_PREFIX). */
  prefix: string;
  /**
   * What time it is, in epoch ms; defaults to `Date.now`. Tests pass a fake clock to
   * walk a schedule through days (and daylight-saving changes) in seconds.
   */
  clock?: () => number;
}

const pendingStates: JobType[] = ['waiting', 'delayed', 'prioritized', 'active'];

/** Enqueues jobs from the catalogue, validating each payload against its schema first. */
export class JobProducer {
  private readonly queues: Map<QueueName, Queue>;
  private readonly clock: () => number;

  constructor(options: JobProducerOptions) {
    this.clock = options.clock ?? Date.now;
    this.queues = new Map(
      queueNames.map((name) => [
        name,
        new Queue(name, { connection: options.connection, prefix: options.prefix }),
      ]),
    );
  }

  async enqueue<Name extends JobName>(
    name: Name,
    payload: JobPayload<Name>,
    jobId?: string,
  ): Promise<string> {
    const definition = jobCatalog[name];
    const data = definition.payload.parse(payload);
    const job = await this.queue(definition.queue).add(name, data, {
      ...definition.options,
      ...(jobId === undefined ? {} : { jobId }),
    });
    return job.id!;
  }

  /** Enqueues many jobs of one kind in one round trip; ids make re-adding a job that still exists a no-op. */
  async enqueueMany<Name extends JobName>(
    name: Name,
    jobs: { payload: JobPayload<Name>; jobId: string }[],
  ): Promise<void> {
    const definition = jobCatalog[name];
    await this.queue(definition.queue).addBulk(
      jobs.map((job) => ({
        name,
        data: definition.payload.parse(job.payload),
        opts: { ...definition.options, jobId: job.jobId },
      })),
    );
  }

  /** Creates or updates a repeating job; the same id never creates two schedules. */
  async schedule<Name extends JobName>(
    id: string,
    name: Name,
    payload: JobPayload<Name>,
    every: number,
  ): Promise<void> {
    const definition = jobCatalog[name];
    await this.queue(definition.queue).upsertJobScheduler(
      id,
      { every },
      { name, data: definition.payload.parse(payload), opts: definition.options },
    );
  }

  /** Removes every job scheduler of a job's queue whose id starts with `prefix`; returns how many. */
  async removeSchedulers(name: JobName, prefix: string): Promise<number> {
    const queue = this.queue(jobCatalog[name].queue);
    const schedulers = await queue.getJobSchedulers(0, -1);
    const ids = schedulers.map((scheduler) => scheduler.key).filter((key) => key.startsWith(prefix));
    await Promise.all(ids.map((id) => queue.removeJobScheduler(id)));
    return ids.length;
  }

  /** Enqueues a job to run at a moment; the id makes asking twice harmless. */
  async enqueueAt<Name extends JobName>(
    name: Name,
    payload: JobPayload<Name>,
    jobId: string,
    at: Date,
  ): Promise<void> {
    const definition = jobCatalog[name];
    await this.queue(definition.queue).add(name, definition.payload.parse(payload), {
      ...definition.options,
      jobId,
      delay: Math.max(0, at.getTime() - this.clock()),
    });
  }

  /** The time by this producer's clock (the real time outside tests). */
  now(): Date {
    return new Date(this.clock());
  }

  /**
   * The ids of a job kind's jobs that have not finished (waiting, delayed, prioritized
   * or active) and whose id starts with `prefix`, sorted.
   */
  async pendingJobIds(name: JobName, prefix: string): Promise<string[]> {
    const jobs = await this.queue(jobCatalog[name].queue).getJobs(pendingStates);
    return jobs
      .filter((job) => job?.name === name && job.id?.startsWith(prefix))
      .map((job) => job.id!)
      .sort();
  }

  /**
   * Removes a job kind's jobs that wait to run (waiting, delayed or prioritized) and
   * whose id starts with `prefix`; one already running finishes. Returns how many went.
   */
  async removePending(name: JobName, prefix: string): Promise<number> {
    const queue = this.queue(jobCatalog[name].queue);
    const jobs = await queue.getJobs(['waiting', 'delayed', 'prioritized']);
    const doomed = jobs.filter((job) => job?.name === name && job.id?.startsWith(prefix));
    await Promise.all(doomed.map((job) => job.remove()));
    return doomed.length;
  }

  /**
   * The runs that have a job alive (waiting, active, delayed or prioritized) in any
   * queue: one scan of the live jobs, for the sweeper and for resume.
   */
  async liveRunIds(): Promise<Set<string>> {
    const live = new Set<string>();
    for (const queue of this.queues.values()) {
      const jobs = await queue.getJobs(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']);
      for (const job of jobs) {
        const runId = (job?.data as { runId?: unknown } | undefined)?.runId;
        if (typeof runId === 'string') live.add(runId);
      }
    }
    return live;
  }

  /** Waiting, active, delayed and failed counts per queue, for health and metrics. */
  async depths(): Promise<Record<QueueName, Record<string, number>>> {
    const entries = await Promise.all(
      [...this.queues].map(
        async ([name, queue]) =>
          [name, await queue.getJobCounts('waiting', 'active', 'delayed', 'failed')] as const,
      ),
    );
    return Object.fromEntries(entries) as Record<QueueName, Record<string, number>>;
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }

  private queue(name: QueueName): Queue {
    return this.queues.get(name)!;
  }
}
