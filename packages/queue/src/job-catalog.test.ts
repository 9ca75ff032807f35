import { describe, expect, it } from 'vitest';
import { isJobName, jobCatalog, maintenanceSchedules, queueNames } from './job-catalog';

const runId = '3f1c1f6e-8a52-4d3c-9a57-2f0b7f6f9a11';

describe('the job catalogue', () => {
  it('puts every job on a queue a worker consumes, with a bounded retry policy', () => {
    for (const [name, definition] of Object.entries(jobCatalog)) {
      expect(queueNames, name).toContain(definition.queue);
      expect(definition.options.attempts, name).toBeGreaterThanOrEqual(1);
      expect(definition.options.attempts, name).toBeLessThanOrEqual(10);
      // Finished jobs do not pile up in Redis forever.
      expect(definition.options.removeOnComplete, name).toBeDefined();
    }
  });

  it('refuses payloads that do not match the schema before anything is queued', () => {
    expect(jobCatalog['campaign-run'].payload.safeParse({ runId: 'not-a-uuid' }).success).toBe(false);
    expect(jobCatalog['campaign-run'].payload.parse({ runId })).toEqual({ runId, generation: 0 });
    const batch = jobCatalog['campaign-batch'].payload;
    expect(batch.safeParse({ runId, batchNo: 0, fromSeq: 1, toSeq: 10 }).success).toBe(false);
    expect(batch.safeParse({ runId, batchNo: 1, fromSeq: 1, toSeq: 10 }).success).toBe(true);
    const tick = jobCatalog['campaign-tick'].payload;
    expect(tick.safeParse({ campaignId: runId, occurrence: '', at: 0 }).success).toBe(false);
  });

  it('payloads carry ids and small values, never a credential', () => {
    for (const [name, definition] of Object.entries(jobCatalog)) {
      const shape = (definition.payload as unknown as { shape: Record<string, unknown> }).shape;
      for (const key of Object.keys(shape)) expect(key, name).not.toMatch(/key|secret|password|token/i);
    }
  });

  it('schedules only jobs it knows, each once, on the maintenance queue', () => {
    const ids = maintenanceSchedules.map((schedule) => schedule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const schedule of maintenanceSchedules) {
      expect(isJobName(schedule.job)).toBe(true);
      expect(jobCatalog[schedule.job].queue).toBe('maintenance');
      expect(schedule.every).toBeGreaterThan(0);
    }
  });

  it('knows its own job names and nothing else, not even inherited ones', () => {
    expect(isJobName('campaign-batch')).toBe(true);
    expect(isJobName('campaign-batches')).toBe(false);
    expect(isJobName('toString')).toBe(false);
  });
});
