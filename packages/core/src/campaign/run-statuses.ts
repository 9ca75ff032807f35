/**
 * The statuses a campaign run can be in. Which moves lead from one to another is the
 * campaign engine's run lifecycle (`@connect/campaigns`, runs/run-lifecycle.ts); the
 * groups below are what everything else asks: is a run still live, or finished?
 */
export const runStatuses = [
  'queued',
  'snapshotting',
  'sending',
  'paused',
  'completed',
  'failed',
  'cancelled',
] as const;

export type RunStatus = (typeof runStatuses)[number];

/** Statuses in which a run still has work to do, or waits to do it (paused). */
export const liveRunStatuses = [
  'queued',
  'snapshotting',
  'sending',
  'paused',
] as const satisfies readonly RunStatus[];

/** Statuses a run never leaves by itself (a failed run can be retried by a person). */
export const finishedRunStatuses = [
  'completed',
  'failed',
  'cancelled',
] as const satisfies readonly RunStatus[];

export function isRunLive(status: string): boolean {
  return (liveRunStatuses as readonly string[]).includes(status);
}

export function isRunFinished(status: string): boolean {
  return (finishedRunStatuses as readonly string[]).includes(status);
}
