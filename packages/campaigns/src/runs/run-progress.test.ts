import type { CampaignRun } from '@connect/store';
import { describe, expect, it } from 'vitest';
import { runProgress } from './run-progress';

const base = {
  status: 'sending',
  recipients: 1_000,
  sent: 0,
  failed: 0,
  snapshotAt: new Date('2026-01-01T00:00:00Z'),
  finishedAt: null,
} as unknown as CampaignRun;

describe('runProgress', () => {
  it('has no percentage before the snapshot', () => {
    expect(runProgress({ ...base, snapshotAt: null }).percent).toBeNull();
  });

  it('computes percent, rate and ETA while sending', () => {
    const progress = runProgress({ ...base, sent: 240, failed: 10 }, new Date('2026-01-01T00:00:10Z'));
    expect(progress).toEqual({ percent: 25, done: 250, remaining: 750, ratePerSecond: 25, etaSeconds: 30 });
  });

  it('says 100% for an empty cohort and 0 seconds once finished', () => {
    expect(runProgress({ ...base, recipients: 0, status: 'completed' } as CampaignRun).percent).toBe(100);
    const finished = runProgress({
      ...base,
      sent: 1_000,
      status: 'completed',
      finishedAt: new Date('2026-01-01T00:00:20Z'),
    } as CampaignRun);
    expect(finished).toMatchObject({ percent: 100, etaSeconds: 0, ratePerSecond: 50 });
  });
});
