import type { CampaignRun } from '@connect/store';

export interface RunProgress {
  /** 0-100, of the recipients the snapshot found; null before the snapshot is done. */
  percent: number | null;
  done: number;
  remaining: number;
  /** Recipients per second since sending began. */
  ratePerSecond: number | null;
  /** Seconds to go at that rate, while sending. */
  etaSeconds: number | null;
}

/** How far a run has got, for a progress bar and an ETA. */
export function runProgress(run: CampaignRun, now = new Date()): RunProgress {
  const done = run.sent + run.failed;
  if (!run.snapshotAt) return { percent: null, done, remaining: 0, ratePerSecond: null, etaSeconds: null };
  const remaining = Math.max(0, run.recipients - done);
  const percent = run.recipients === 0 ? 100 : Math.min(100, Math.floor((done * 100) / run.recipients));
  const end = run.finishedAt ?? now;
  const elapsedSeconds = (end.getTime() - run.snapshotAt.getTime()) / 1000;
  const ratePerSecond = elapsedSeconds > 0 && done > 0 ? done / elapsedSeconds : null;
  const etaSeconds =
    run.status === 'sending' && ratePerSecond
      ? Math.ceil(remaining / ratePerSecond)
      : run.finishedAt
        ? 0
        : null;
  return { percent, done, remaining, ratePerSecond, etaSeconds };
}
