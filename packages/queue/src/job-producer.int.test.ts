import { createTestRedis, type TestRedis } from '@connect/testkit';
import { Queue } from 'bullmq';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JobProducer } from './job-producer';

const runId = '3f1c1f6e-8a52-4d3c-9a57-2f0b7f6f9a11';
const campaignId = '8d0c2b1e-5f7a-4b9e-8c33-1d2e3f4a5b6c';

describe('the job producer', () => {
  let redis: TestRedis;
  let producer: JobProducer;
  let now: number;
  const queue = (name: string) => new Queue(name, { connection: redis.client, prefix: redis.prefix });

  beforeEach(() => {
    redis = createTestRedis();
    now = Date.UTC(2027, 8, 4, 12, 0);
    producer = new JobProducer({ connection: redis.client, prefix: redis.prefix, clock: () => now });
  });
  afterEach(async () => {
    await producer.close();
    await redis.cleanup();
  });

  it('a job id given twice queues one job: a retried enqueue cannot send twice', async () => {
    await producer.enqueue('campaign-run', { runId, generation: 0 }, `run-${runId}-0`);
    await producer.enqueue('campaign-run', { runId, generation: 0 }, `run-${runId}-0`);
    const batches = [1, 2, 3].map((batchNo) => ({
      payload: { runId, batchNo, fromSeq: batchNo * 10 - 9, toSeq: batchNo * 10 },
      jobId: `batch-${runId}-0-${batchNo}`,
    }));
    await producer.enqueueMany('campaign-batch', batches);
    await producer.enqueueMany('campaign-batch', batches);
    const runs = queue('campaign-runs');
    const sends = queue('campaign-batches');
    expect(await runs.getJobCountByTypes('waiting')).toBe(1);
    expect((await sends.getJobs(['waiting'])).map((job) => job.id).sort()).toEqual(
      batches.map((batch) => batch.jobId).sort(),
    );
    await Promise.all([runs.close(), sends.close()]);
  });

  it('refuses a payload that breaks its schema, and nothing reaches Redis', async () => {
    await expect(producer.enqueue('campaign-run', { runId: 'nope', generation: 0 })).rejects.toThrow();
    const runs = queue('campaign-runs');
    expect(await runs.getJobCountByTypes('waiting', 'delayed')).toBe(0);
    await runs.close();
  });

  it('a job for a moment waits until then by the producer clock; pending ones can be listed and removed', async () => {
    const at = new Date(now + 90_000);
    const id = `tick-${campaignId}-${at.getTime()}`;
    await producer.enqueueAt(
      'campaign-tick',
      { campaignId, occurrence: 'slot:2027-09-04T12:01 UTC', at: at.getTime() },
      id,
      at,
    );
    await producer.enqueueAt(
      'campaign-tick',
      { campaignId, occurrence: 'slot:2027-09-04T12:01 UTC', at: at.getTime() },
      id,
      at,
    );
    const runs = queue('campaign-runs');
    const [job] = await runs.getJobs(['delayed']);
    expect(job?.id).toBe(id);
    expect(job?.opts.delay).toBe(90_000);
    expect(await producer.pendingJobIds('campaign-tick', `tick-${campaignId}-`)).toEqual([id]);
    expect(await producer.pendingJobIds('campaign-tick', 'tick-other-')).toEqual([]);
    expect(await producer.removePending('campaign-tick', `tick-${campaignId}-`)).toBe(1);
    expect(await producer.pendingJobIds('campaign-tick', `tick-${campaignId}-`)).toEqual([]);
    await runs.close();
  });

  it('a schedule registered by every worker start exists once', async () => {
    await producer.schedule('sweep-runs', 'sweep-runs', {}, 30_000);
    await producer.schedule('sweep-runs', 'sweep-runs', {}, 30_000);
    const maintenance = queue('maintenance');
    expect((await maintenance.getJobSchedulers()).map((scheduler) => scheduler.key)).toEqual(['sweep-runs']);
    expect(await producer.removeSchedulers('sweep-runs', 'sweep')).toBe(1);
    expect(await maintenance.getJobSchedulers()).toEqual([]);
    await maintenance.close();
  });

  it('knows which runs have a job alive in any queue', async () => {
    await producer.enqueue('campaign-run', { runId, generation: 0 }, `run-${runId}-0`);
    expect(await producer.liveRunIds()).toEqual(new Set([runId]));
    const depths = await producer.depths();
    expect(depths['campaign-runs']).toMatchObject({ waiting: 1 });
  });
});
